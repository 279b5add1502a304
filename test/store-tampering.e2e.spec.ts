import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, startService, type Role, type RunningService } from '@oa/platform';
import { apiClient, asSuperuser, eventually, testRun } from '@oa/testing';
import { AuditModule, auditService } from '@oa/app-audit';
import { SealsModule, sealsService } from '@oa/app-seals';

type Json = Record<string, unknown>;
type Finding = { rule: string; streamIds: string[]; eventIds: string[]; title: string };
type Heads = { service: string; streams: Array<{ streamId: string; version: number; hash: string; eventId: string; broken?: { kind: string; streamVersion?: number } }>; digest: string; signature: string | null };

/**
 * Issue 24 item 7, AUD-10 "any stream, anywhere": a row of the seals store changed behind its
 * trigger (a superuser's session_replication_role) is reported by the seals service's chain heads
 * as stored, raises AUD-10 from the audit's comparison within its (shortened) interval, naming the
 * stream and the differing events, and the next command on that stream is refused with a stable
 * code and recorded as a security event.
 */
describe('AUD-10 a tampered store row (seals + audit, real PostgreSQL and Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_aud10`;
  const topicPrefix = `${run.topicPrefix}aud10.`;
  const secret = randomBytes(32).toString('hex');
  const eventKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let seals: RunningService;
  let audit: RunningService;
  const token: Record<string, string> = {};

  const call = (service: () => RunningService, method: string, path: string, who: string, body?: unknown) => apiClient(() => service().url)(method, path, token[who]!, body);
  const post = async (path: string, body?: unknown): Promise<Json> => {
    const reply = await call(() => seals, 'POST', path, 'director', body);
    if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };

  beforeAll(async () => {
    const env = { ...process.env, JWT_SECRET: secret, EVENT_SIGNING_KEY: eventKey, PORT: '0', ...(await localServiceEnvironment(databaseName)), KAFKA_TOPIC_PREFIX: topicPrefix, SCHEDULE_INTERVAL_SECONDS: '0' };
    seals = await startService(sealsService, SealsModule, env);
    // the audit compares the seals store with its log every 2 s (checked each second) instead of every 5 minutes
    audit = await startService(auditService, AuditModule, { ...env, SCHEDULE_INTERVAL_SECONDS: '1', AUDIT_STORE_CHECK_INTERVAL_SECONDS: '2', AUDIT_STORE_SERVICE_URLS: `seals=${seals.url}` });
    const people: Array<[string, string, string, Role]> = [
      ['director', 'u-director', '周主任', 'officeDirector'],
      ['auditor', 'u-auditor', '吴巡察', 'auditor'],
    ];
    for (const [key, sub, name, role] of people) token[key] = await mintToken({ sub, name, roles: [role], orgUnit: '办公室', clearance: 'internal' }, { secret, lifetimeSeconds: 3600 });
  }, 120_000);

  afterAll(async () => {
    await audit?.close();
    await seals?.close();
    await dropLocalDatabase(databaseName);
  });

  it('AUD-10 is raised by the audit for a changed and a rewritten row, and the seals service refuses the next command on the stream', async () => {
    const sealId = (await post('/seals', { kind: 'office', name: '办公室印章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕1号', impressionImageHash: `sha256:${'ab'.repeat(32)}` }))['id'] as string;
    await post(`/seals/${sealId}/keeper`, { keeperId: 'u-keeper', keeperName: '李保管' });
    await post(`/seals/${sealId}/activate`);
    const untouchedId = (await post('/seals', { kind: 'office', name: '财务专用章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕2号', impressionImageHash: `sha256:${'cd'.repeat(32)}` }))['id'] as string;
    await eventually(async () => {
      const [row] = await audit.runtime.dataSource.query(`SELECT count(*) AS n FROM "audit".entries WHERE stream_id = ANY($1)`, [[sealId, untouchedId]]);
      return Number(row.n) === 4 ? true : undefined;
    }, 'the audit to hold the seals events');

    // a superuser changes the keeper's name in event 2 and puts another hash on event 3, triggers off
    const stored = await seals.runtime.dataSource.query(`SELECT event_id FROM seals.events WHERE stream_id = $1 ORDER BY stream_version`, [sealId]);
    const forgedHash = 'ef'.repeat(32);
    await asSuperuser(await ensureLocalDatabase(databaseName), async (query) => {
      await query(`SET LOCAL session_replication_role = replica`);
      await query(`UPDATE seals.events SET data = data || '{"keeperName":"伪造"}' WHERE stream_id = $1 AND stream_version = 2`, [sealId]);
      await query(`UPDATE seals.events SET hash = $2 WHERE stream_id = $1 AND stream_version = 3`, [sealId, forgedHash]);
    });

    // the chain heads route serves what is stored, with the first break of the stored chain, signed
    const heads = await call(() => seals, 'GET', '/internal/chain-heads', 'auditor');
    expect(heads.status).toBe(200);
    const report = heads.body as unknown as Heads;
    expect(report.service).toBe('seals');
    expect(report.signature).toEqual(expect.any(String));
    expect(report.streams.find((stream) => stream.streamId === sealId)).toMatchObject({ version: 3, hash: forgedHash, broken: { kind: 'dataDigestMismatch', streamVersion: 2 } });
    expect(report.streams.find((stream) => stream.streamId === untouchedId)).not.toHaveProperty('broken');
    expect((await call(() => seals, 'GET', '/internal/chain-heads', 'director')).status).toBe(403);

    // the audit's comparison (every 2 s here) raises AUD-10 naming the stream and the differing events
    const findings = await eventually(async () => {
      const reply = await call(() => audit, 'GET', '/audit/findings?rule=AUD-10', 'auditor');
      const found = (reply.body as unknown as Finding[]).filter((finding) => finding.streamIds.includes(sealId));
      return found.length >= 2 ? found : undefined;
    }, 'AUD-10 from the audit for the tampered seal', 30_000);
    expect(findings.map((finding) => finding.eventIds[0]).sort()).toEqual([stored[1].event_id, stored[2].event_id].sort());
    expect(findings.map((finding) => finding.title).join()).toMatch(/storedChainBroken/);
    expect(findings.map((finding) => finding.title).join()).toMatch(/storedHeadDiffers/);
    const all = (await call(() => audit, 'GET', '/audit/findings?rule=AUD-10', 'auditor')).body as unknown as Finding[];
    expect(all.filter((finding) => finding.streamIds.includes(untouchedId))).toEqual([]);

    // nothing is appended onto the broken chain: 409 with a stable code, on record as a security event
    const refused = await call(() => seals, 'POST', `/seals/${sealId}/suspend`, 'director', { reason: '年检' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'COMMON.STREAM_CHAIN_BROKEN' });
    expect((await seals.runtime.dataSource.query(`SELECT max(stream_version) AS v FROM seals.events WHERE stream_id = $1`, [sealId]))[0].v).toBe(3);
    const [security] = await seals.runtime.dataSource.query(`SELECT data, metadata FROM seals.events WHERE stream_type = 'securityLog' AND type = 'StoredChainBroken'`);
    expect(security.data).toMatchObject({ streamId: sealId, streamVersion: 2, break: 'dataDigestMismatch', commandType: 'SuspendSeal' });
    expect(security.metadata.actor.id).toBe('u-director');
    // the untouched seal still takes commands
    expect((await call(() => seals, 'POST', `/seals/${untouchedId}/keeper`, 'director', { keeperId: 'u-keeper', keeperName: '李保管' })).status).toBeLessThan(300);
  }, 120_000);
});
