import { Client } from 'pg';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { GENESIS_HASH, fold, sealEnvelope, type EventEnvelope } from '@oa/core';
import { sealDecider, type SealCommand, type SealEvent } from '@oa/domain-seals';
import { SERVICES, accessMatrixFailures, dropLocalDatabase, localServiceEnvironment, listRoutes, ensureTopics, eventsTopic, mintToken, signEventHash, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { ManualClock, apiClient, eventually, testRun } from '@oa/testing';
import { AuditModule } from './audit.module';
import { auditService } from './audit.service-definition';
import { CheckpointJob } from './application/checkpoint.job';
import { FindingsJob } from './application/findings.job';
import { Checkpoints } from './application/checkpoints';
import { CatalogStore } from './infrastructure/catalog.store';

/**
 * The audit service on real PostgreSQL and Kafka, the other services stood in for by envelopes
 * published to their topics: ingestion and the auditors' reads, AUD-10 on a tampered event, a
 * gap and a reorder (kept and marked), redeliveries ignored, and signed checkpoints whose
 * inclusion and consistency proofs the standalone verifier accepts — and refuses once forged.
 */
describe('audit service: the verifiable trail (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_audit`;
  const topicPrefix = `${run.topicPrefix}audit.`;
  const secret = randomBytes(32).toString('hex');
  const keys = generateKeyPairSync('ed25519');
  // the office's event key: the stand-ins sign what they publish, as the services' relays do
  const eventKey = generateKeyPairSync('ed25519').privateKey;
  const dir = mkdtempSync(join(tmpdir(), 'audit-int-'));
  const publicKeyFile = join(dir, 'audit-public.pem');
  writeFileSync(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const clock = new ManualClock(new Date('2026-11-24T01:00:00.000Z'));
  let service: RunningService;
  let producer: Producer;
  const call = apiClient(() => service.url);
  const token: Record<string, string> = {};
  const environment = async (database: string, extra: Record<string, string> = {}) => ({
    ...process.env,
    JWT_SECRET: secret,
    PORT: '0',
    ...(await localServiceEnvironment(database)),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    SCHEDULE_INTERVAL_SECONDS: '0',
    AUDIT_SIGNING_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '3600',
    EVENT_SIGNING_KEY: eventKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ...extra,
  });
  const kafka = new Kafka({ clientId: 'services-stand-in', brokers: run.kafkaBrokers, logLevel: logLevel.NOTHING });
  const person = async (key: string, sub: string, name: string, roles: TokenClaims['roles']) => {
    token[key] = await mintToken({ sub, name, orgUnit: '办公室', roles, clearance: 'none' }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
  };
  const get = async <T>(path: string, who = 'auditor'): Promise<T> => {
    const reply = await call('GET', path, token[who]!);
    if (reply.status !== 200) throw new Error(`GET ${path} → ${reply.status} ${reply.text}`);
    return reply.body as unknown as T;
  };

  /** A stream as a service would write it: each event sealed and chained to the previous. */
  class Stream {
    readonly events: EventEnvelope[] = [];
    constructor(
      readonly service: string,
      readonly streamType: string,
      readonly streamId = randomUUID(),
    ) {}

    next(type: string, data: Record<string, unknown>, actor: { id: string; name: string }, tamper?: (event: EventEnvelope) => EventEnvelope): EventEnvelope {
      const previous = this.events[this.events.length - 1];
      const sealed = sealEnvelope({
        eventId: randomUUID(),
        streamType: this.streamType,
        streamId: this.streamId,
        streamVersion: (previous?.streamVersion ?? 0) + 1,
        type,
        schemaVersion: 1,
        data,
        metadata: { actor: { ...actor, roles: ['staff'] }, requestId: randomUUID() },
        recordedAt: clock.advance(3).toISOString(),
        prevHash: previous?.hash ?? GENESIS_HASH,
      });
      this.events.push(sealed);
      return tamper ? tamper(sealed) : sealed;
    }
  }

  const message = (event: EventEnvelope, key = event.streamId) => ({ key, value: JSON.stringify(event), headers: { signature: signEventHash(eventKey, event.hash) } });
  const publish = async (service: string, ...events: EventEnvelope[]) => {
    await producer.send({ topic: eventsTopic(service, topicPrefix), messages: events.map((event) => message(event)) });
  };
  const entryCount = async () => Number((await service.runtime.dataSource.query(`SELECT count(*) AS n FROM "audit".entries WHERE service <> 'audit'`))[0].n);
  const isAreaLog = (log: string) => !log.startsWith(eventsTopic('audit', topicPrefix));
  const waitForEntries = async (count: number) => {
    const deadline = Date.now() + 60000;
    while ((await entryCount()) < count) {
      if (Date.now() > deadline) throw new Error(`timed out with ${await entryCount()} of ${count} entries`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const verify = (kind: string, document: unknown, raw?: string) => {
    const file = join(dir, `${kind}-${randomUUID()}.json`);
    writeFileSync(file, raw ?? JSON.stringify(document, null, 2));
    const result = spawnSync(process.execPath, [join(__dirname, '../../../tools/audit-verify/verify.mjs'), kind, file, '--public-key', publicKeyFile], { encoding: 'utf8' });
    return { status: result.status, out: `${result.stdout}${result.stderr}` };
  };

  const seal = new Stream('seals', 'seal');
  const meeting = new Stream('meetings', 'meeting');
  const document = new Stream('documents', 'outgoingDocument');
  const archive = new Stream('archives', 'archiveFile');
  const keeper = { id: 'u-keeper', name: '李保管' };
  const secretary = { id: 'u-secretary', name: '刘记录' };

  beforeAll(async () => {
    await ensureTopics(kafka, ['seals', 'meetings', 'documents', 'archives'].map((name) => eventsTopic(name, topicPrefix)), { partitions: 3, replicationFactor: 1 });
    producer = kafka.producer();
    await producer.connect();
    service = await startService(auditService, AuditModule, await environment(databaseName), clock);
    await person('auditor', 'u-auditor', '吴巡察', ['auditor']);
    await person('securityAuditor', 'u-sec-auditor', '郑安审', ['securityAuditor']);
    await person('sysAdmin', 'u-sysadmin', '钱系统', ['sysAdmin']);
    await person('drafter', 'u-drafter', '张拟稿', ['drafter']);
    token['clearedAuditor'] = await mintToken({ sub: 'u-auditor-jimi', name: '冯巡察', orgUnit: '办公室', roles: ['auditor'], clearance: 'jimi' }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await dropLocalDatabase(databaseName);
    await dropLocalDatabase(`${databaseName}_rebuilt`);
  });

  it('ingests every topic, answers the auditors, and raises AUD-10 on a tampered event, a gap and a reorder', async () => {
    await publish('seals', seal.next('SealRegistered', { name: '某某县委办公室印章' }, keeper), seal.next('SealActivated', {}, keeper), seal.next('SealUsed', { impressions: 3 }, keeper));
    await publish('meetings', meeting.next('MeetingScheduled', { title: '常委会' }, secretary), meeting.next('MinutesFinalized', { text: '纪要' }, secretary));
    await publish('documents', document.next('OutgoingDocumentDrafted', { title: '关于某事的通知' }, { id: 'u-drafter', name: '张拟稿' }));
    await publish('archives', archive.next('ArchiveFileFiled', { archivalCode: 'WS·2026·Y·0001' }, { id: 'u-archivist', name: '陈档案' }));
    await waitForEntries(7);

    const history = await get<Array<Record<string, unknown>>>(`/audit/streams/${seal.streamId}/history`);
    expect(history.map((entry) => [entry['streamVersion'], entry['type'], entry['chainStatus']])).toEqual([
      [1, 'SealRegistered', 'ok'],
      [2, 'SealActivated', 'ok'],
      [3, 'SealUsed', 'ok'],
    ]);
    expect(history[2]).toMatchObject({ eventId: seal.events[2]!.eventId, service: 'seals', actor: keeper, recordedAt: seal.events[2]!.recordedAt, data: { impressions: 3 } });
    expect(await get(`/audit/actors/u-secretary/entries`, 'securityAuditor')).toEqual([expect.objectContaining({ type: 'MeetingScheduled' }), expect.objectContaining({ type: 'MinutesFinalized' })]);
    expect(await get(`/audit/actors/u-secretary/entries?from=${meeting.events[1]!.recordedAt}`)).toEqual([expect.objectContaining({ type: 'MinutesFinalized' })]);
    expect(await get(`/audit/entries?service=archives`)).toEqual([expect.objectContaining({ type: 'ArchiveFileFiled', streamId: archive.streamId })]);
    expect(await get(`/audit/entries?type=SealUsed`)).toHaveLength(1);
    expect(await get(`/audit/findings?rule=AUD-10`)).toEqual([]);
    expect((await call('GET', '/audit/entries?service=nowhere', token['auditor']!)).body).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
    // COMMON-2 and the roles: sysAdmin never reads the audit trail, nor does staff
    expect((await call('GET', '/audit/findings', token['sysAdmin']!)).status).toBe(403);
    expect((await call('GET', '/audit/findings', token['drafter']!)).status).toBe(403);
    expect((await call('POST', '/audit/checkpoints', token['drafter']!)).status).toBe(403);

    // a tampered event: data changed after hashing
    const tampered = seal.next('SealUsed', { impressions: 2 }, keeper, (event) => ({ ...event, data: { impressions: 20 } }));
    // a gap: version 2 never arrives
    const gapped = new Stream('meetings', 'meeting');
    const g1 = gapped.next('MeetingScheduled', {}, secretary);
    gapped.next('MeetingOpened', {}, secretary);
    const g3 = gapped.next('MeetingClosed', {}, secretary);
    // a reorder: version 3 before version 2
    const reordered = new Stream('documents', 'outgoingDocument');
    const [r1, r2, r3] = [reordered.next('OutgoingDocumentDrafted', {}, keeper), reordered.next('OutgoingDocumentReviewed', {}, keeper), reordered.next('OutgoingDocumentSignedOff', {}, keeper)];
    // and a redelivery of the first event, and a forged message whose eventId is no UUID (dead-lettered, never stalls the partition)
    // and a message reusing a known eventId with other content (a rewrite: a finding, the first entry stays)
    await publish('seals', { ...seal.events[0]!, eventId: 'not-a-uuid' }, tampered, seal.events[0]!, { ...seal.events[1]!, data: { forged: true } });
    await publish('meetings', g1, g3);
    await publish('documents', r1!, r3!, r2!);
    await waitForEntries(13);
    // the last messages of each batch make no entry: wait for their findings and dead letter
    const settled = async () =>
      Number((await service.runtime.dataSource.query(`SELECT (SELECT count(*) FROM "audit".findings) + (SELECT count(*) FROM "audit".dead_letters) AS n`))[0].n) >= 6;
    for (const deadline = Date.now() + 30000; !(await settled()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await entryCount()).toBe(13); // the redelivered event added nothing
    expect(await service.runtime.dataSource.query(`SELECT event_id, error FROM "audit".dead_letters`)).toEqual([{ event_id: 'not-a-uuid', error: expect.stringContaining('UUID') }]);

    const findings = await get<Array<Record<string, unknown> & { eventIds: string[]; detail: { problems: Array<{ kind: string }> } }>>(`/audit/findings?rule=AUD-10&status=open`);
    const kindsOf = (eventId: string) => findings.filter((finding) => finding.eventIds.includes(eventId) && finding.eventIds.at(-1) === eventId).flatMap((finding) => finding.detail.problems.map((problem) => problem.kind));
    expect(findings.every((finding) => finding['severity'] === 'critical' && finding['rule'] === 'AUD-10')).toBe(true);
    expect(kindsOf(tampered.eventId)).toEqual(['dataDigestMismatch']);
    expect(kindsOf(g3.eventId)).toEqual(['gap']);
    expect(kindsOf(r2!.eventId)).toEqual(['reorder']);
    expect(kindsOf(seal.events[0]!.eventId)).toEqual([]);
    expect(kindsOf(seal.events[1]!.eventId)).toEqual(['conflictingDuplicate']);
    expect(findings).toHaveLength(5); // tampered, gap, reorder (+ the gap its v3 left), conflicting duplicate
    expect(findings.find((finding) => finding.eventIds.at(-1) === tampered.eventId)).toMatchObject({ streamIds: [seal.streamId], eventIds: [seal.events[2]!.eventId, tampered.eventId] });
    const sealHistory = await get<Array<Record<string, unknown>>>(`/audit/streams/${seal.streamId}/history`);
    expect(sealHistory.map((entry) => entry['chainStatus'])).toEqual(['ok', 'ok', 'ok', 'broken']);
    expect(sealHistory[3]).toMatchObject({ data: { impressions: 20 }, chainProblems: [{ kind: 'dataDigestMismatch' }] });
    expect((await get<Array<Record<string, unknown>>>(`/audit/streams/${reordered.streamId}/history`)).map((entry) => [entry['streamVersion'], entry['chainStatus']])).toEqual([
      [1, 'ok'],
      [2, 'broken'],
      [3, 'broken'],
    ]);
    // the entries are append-only: the service's runtime role may not change them, and the trigger refuses even the owner
    await expect(service.runtime.dataSource.query(`UPDATE "audit".entries SET type = 'x'`)).rejects.toThrow(/permission denied/);
    const owner = new Client({ connectionString: (await localServiceEnvironment(databaseName)).DATABASE_OWNER_URL });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE "audit".entries SET type = 'x'`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });

  it('signs checkpoints whose inclusion and consistency proofs verify offline, and refuses forged ones', async () => {
    expect((await call('GET', '/audit/checkpoints/latest', token['auditor']!)).body).toMatchObject({ code: 'AUDIT.CHECKPOINT_NOT_FOUND' });
    const created = await call('POST', '/audit/checkpoints', token['auditor']!);
    expect(created.status).toBe(201);
    const first = await get<{ body: { id: number; logs: Array<{ log: string; size: number }> } }>('/audit/checkpoints/latest');
    expect(first.body.logs.filter((head) => isAreaLog(head.log)).reduce((sum, log) => sum + log.size, 0)).toBe(13);

    const target = seal.events[1]!;
    const inclusion = await get<{ entry: { log: string; index: number }; proof: { auditPath: string[]; treeSize: number } }>(`/audit/entries/${target.eventId}/inclusion-proof`);
    expect(verify('inclusion', inclusion)).toMatchObject({ status: 0, out: expect.stringContaining('验证通过') });
    const log = inclusion.entry.log;
    const size1 = inclusion.proof.treeSize;

    // the log grows; a second checkpoint; the first is a prefix of it
    await publish('seals', seal.next('SealUsed', { impressions: 1 }, keeper), seal.next('SealSuspended', { reason: '检查' }, keeper));
    await waitForEntries(15);
    expect(await service.app.get(CheckpointJob).runOnce(clock.now())).toBe(0); // the last one is recent
    clock.advance(61);
    expect(await service.app.get(CheckpointJob).runOnce(clock.now())).toBe(1);
    const second = await get<{ body: { id: number; logs: Array<{ log: string; size: number }> } }>('/audit/checkpoints/latest');
    expect(second.body.id).toBeGreaterThan(first.body.id);
    const size2 = second.body.logs.find((head) => head.log === log)!.size;
    expect(size2).toBe(size1 + 2);

    const consistency = await get<{ proof: string[] }>(`/audit/logs/${encodeURIComponent(log)}/consistency-proof?from=${size1}&to=${size2}`);
    expect(verify('consistency', consistency)).toMatchObject({ status: 0, out: expect.stringContaining('验证通过') });
    const laterInclusion = await get<Record<string, unknown>>(`/audit/entries/${target.eventId}/inclusion-proof?checkpoint=${second.body.id}`);
    expect(verify('inclusion', laterInclusion).status).toBe(0);
    expect(verify('inclusion', await get(`/audit/entries/${seal.events[4]!.eventId}/inclusion-proof`)).status).toBe(0);
    expect((await call('GET', `/audit/entries/${seal.events[4]!.eventId}/inclusion-proof?checkpoint=${first.body.id}`, token['auditor']!)).body).toMatchObject({ code: 'AUDIT.ENTRY_AFTER_CHECKPOINT' });
    expect((await call('GET', `/audit/logs/${encodeURIComponent(log)}/consistency-proof?from=${size1 + 1}`, token['auditor']!)).body).toMatchObject({ code: 'AUDIT.CHECKPOINT_NOT_FOUND' });

    // a hostile server's answers
    const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
    const forged = clone(inclusion);
    forged.proof.auditPath[0] = forged.proof.auditPath[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(verify('inclusion', forged)).toMatchObject({ status: 1, out: expect.stringContaining('验证失败') });
    const truncated = clone(inclusion);
    truncated.proof.auditPath.pop();
    expect(verify('inclusion', truncated).status).toBe(1);
    const partial: Record<string, unknown> = clone(inclusion);
    delete partial['checkpoint'];
    expect(verify('inclusion', partial).status).toBe(1);
    const badSignature = clone(consistency) as unknown as { checkpoint2: { signature: string } };
    badSignature.checkpoint2.signature = badSignature.checkpoint2.signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(verify('consistency', badSignature).status).toBe(1);
    const truncatedConsistency = clone(consistency);
    truncatedConsistency.proof.pop();
    expect(verify('consistency', truncatedConsistency).status).toBe(1);
    const compact = JSON.stringify(inclusion);
    for (let position = 0; position < compact.length; position += Math.ceil(compact.length / 25)) {
      const mutated = `${compact.slice(0, position)}${compact[position] === '1' ? '2' : '1'}${compact.slice(position + 1)}`;
      expect(verify('inclusion', undefined, mutated).status).toBe(1);
    }
  });

  it('rebuilds from offset zero into a fresh store with the same entries and the same roots', async () => {
    const rebuilt = await startService(auditService, AuditModule, await environment(`${databaseName}_rebuilt`, { AUDIT_CONSUMER_GENERATION: 'rebuild-1' }), clock);
    try {
      const count = async (of: RunningService) => Number((await of.runtime.dataSource.query(`SELECT count(*) AS n FROM "audit".entries`))[0].n);
      const deadline = Date.now() + 60000;
      while ((await count(rebuilt)) < (await count(service))) {
        if (Date.now() > deadline) throw new Error(`rebuild timed out at ${await count(rebuilt)} entries`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const rows = (of: RunningService) =>
        of.runtime.dataSource.query(`SELECT log, log_index, event_id, leaf_hash, chain_status, chain_problems FROM "audit".entries ORDER BY log, log_index`);
      expect(await rows(rebuilt)).toEqual(await rows(service));
      const now = clock.advance(1);
      const [original, again] = [await service.app.get(Checkpoints).create(now), await rebuilt.app.get(Checkpoints).create(now)];
      expect(again.body.logs).toEqual(original.body.logs);
      expect(again.body.logsRoot).toBe(original.body.logsRoot);
      // the same findings under the same ids, so reviews keep pointing at them
      const findings = (of: RunningService) => of.runtime.dataSource.query(`SELECT id, rule, event_ids, detail FROM "audit".findings ORDER BY id`);
      expect(await findings(rebuilt)).toEqual(await findings(service));
    } finally {
      await rebuilt.close();
    }
  });

  it('checks a batch in order: several events of two streams in one transaction, a break inside, each stream\'s head advancing within the batch', async () => {
    const filed = new Stream('archives', 'archiveFile');
    const other = new Stream('archives', 'archiveFile');
    const archivist = { id: 'u-archivist', name: '陈档案' };
    const events = [
      filed.next('ArchiveFileFiled', { n: 1 }, archivist),
      other.next('ArchiveFileFiled', { n: 1 }, archivist),
      filed.next('ArchiveFileAmended', { n: 2 }, archivist),
      filed.next('ArchiveFileAmended', { n: 3 }, archivist, (event) => ({ ...event, data: { n: 30 } })),
      other.next('ArchiveFileAmended', { n: 2 }, archivist),
      filed.next('ArchiveFileAmended', { n: 4 }, archivist),
      filed.next('ArchiveFileAmended', { n: 5 }, archivist),
    ];
    const before = await entryCount();
    // one key, one send: one partition, one fetch, one batch
    await producer.send({ topic: eventsTopic('archives', topicPrefix), messages: events.map((event) => message(event, filed.streamId)) });
    await waitForEntries(before + events.length);

    const rows: Array<{ event_id: string; log: string; log_index: string; ingested_at: Date }> = await service.runtime.dataSource.query(
      `SELECT event_id, log, log_index, ingested_at FROM "audit".entries WHERE event_id = ANY($1) ORDER BY log_index`,
      [events.map((event) => event.eventId)],
    );
    expect(rows.map((row) => row.event_id)).toEqual(events.map((event) => event.eventId));
    expect(new Set(rows.map((row) => `${row.log} ${row.ingested_at.toISOString()}`)).size).toBe(1); // one log, one transaction
    expect(rows.map((row) => Number(row.log_index) - Number(rows[0]!.log_index))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const statuses = async (stream: Stream) => (await get<Array<Record<string, unknown>>>(`/audit/streams/${stream.streamId}/history`)).map((entry) => [entry['streamVersion'], entry['chainStatus']]);
    expect(await statuses(filed)).toEqual([[1, 'ok'], [2, 'ok'], [3, 'broken'], [4, 'ok'], [5, 'ok']]);
    expect(await statuses(other)).toEqual([[1, 'ok'], [2, 'ok']]);
    const findings = await get<Array<{ eventIds: string[]; detail: { problems: Array<{ kind: string }> } }>>(`/audit/findings?rule=AUD-10`);
    const raised = findings.filter((finding) => finding.eventIds.some((eventId) => events.some((event) => event.eventId === eventId)));
    expect(raised).toEqual([expect.objectContaining({ eventIds: [filed.events[1]!.eventId, filed.events[2]!.eventId], detail: expect.objectContaining({ problems: [expect.objectContaining({ kind: 'dataDigestMismatch' })] }) })]);
  });

  it('a redelivered batch (the group read again from offset zero, as after a crash before Kafka\'s commit) adds no entry and no finding, and leaves every root', async () => {
    const topics = SERVICES.map((name) => eventsTopic(name, topicPrefix));
    const groupId = `${topicPrefix}oa.audit.ingest`;
    const snapshot = async () => ({
      entries: await service.runtime.dataSource.query(`SELECT log, log_index, event_id, leaf_hash, chain_status, chain_problems FROM "audit".entries ORDER BY log, log_index`),
      findings: await service.runtime.dataSource.query(`SELECT id, rule, event_ids, detail FROM "audit".findings ORDER BY id`),
      heads: await service.runtime.dataSource.query(`SELECT * FROM "audit".stream_heads ORDER BY service, stream_type, stream_id`),
      logs: await service.runtime.dataSource.query(`SELECT log, size FROM "audit".logs ORDER BY log`),
      roots: (await service.app.get(Checkpoints).create(clock.advance(1))).body.logs,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = new Map<string, number>();
      for (const topic of topics) for (const { partition, high } of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${partition}`, Number(high));
      // an empty partition has no committed offset (-1)
      const caughtUp = async () =>
        (await admin.fetchOffsets({ groupId, topics })).every(({ topic, partitions }) => partitions.every(({ partition, offset }) => Math.max(Number(offset), 0) >= ends.get(`${topic}/${partition}`)!));
      await eventually(async () => ((await caughtUp()) ? true : undefined), 'the group to have committed every message');
      const before = await snapshot();

      await service.close();
      // the group's committed offsets go with it: the consumer starts again from offset zero (one call;
      // KafkaJS's resetOffsets joins the group per topic, 5 s each)
      await eventually(() => admin.deleteGroups([groupId]).then(() => true, () => undefined), 'the group to be empty for its deletion');
      expect(await caughtUp()).toBe(false);
      service = await startService(auditService, AuditModule, await environment(databaseName), clock);
      await eventually(async () => ((await caughtUp()) ? true : undefined), 'the group to have read every message again', 60_000);

      const after = await snapshot();
      expect(after.entries).toEqual(before.entries);
      expect(after.findings).toEqual(before.findings);
      expect(after.heads).toEqual(before.heads);
      expect(after.logs).toEqual(before.logs);
      expect(after.roots).toEqual(before.roots);
    } finally {
      await admin.disconnect();
    }
  });

  it('COMMON-1 COMMON-2 every audit route answers its access matrix', async () => {
    const routes = listRoutes(service.app).filter((route) => !route.isPublic);
    // the audit's routes (the console's file downloads among them) and, from the platform, its own store's chain heads (AUD-10)
    expect(routes.length).toBe(24);
    expect(await accessMatrixFailures(service.url, routes, { secret })).toEqual([]);
  });

  it('lists seals by name, unit and status and meetings by committee, from the state their domains fold; an item above the reader’s clearance is not listed', async () => {
    const listed = new Stream('seals', 'seal');
    const registeredAt = clock.now().toISOString();
    const sealData = { sealId: listed.streamId, kind: 'office', name: '县委办公室印章（目录）', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕9号', impressionImageHash: 'sha256:ab' };
    await publish('seals', listed.next('SealRegistered', { ...sealData, registeredAt }, keeper), listed.next('SealActivated', { sealId: listed.streamId, activatedAt: registeredAt }, keeper));
    const meetingOf = (title: string, secrecyLevel: string) => {
      const stream = new Stream('meetings', 'meeting');
      const startsAt = '2026-11-30T01:30:00.000Z';
      stream.next('MeetingScheduled', { meetingId: stream.streamId, kind: 'committee', title, committeeId: 'c-catalog', chairId: 'u-m1', recorderId: secretary.id, startsAt, endsAt: startsAt, place: '三楼', secrecyLevel, scheduledBy: secretary.id, scheduledAt: startsAt }, secretary);
      return stream;
    };
    const open = meetingOf('第12次党委会（目录）', 'none');
    const classified = meetingOf('第13次党委会（目录，秘密）', 'mimi');
    await publish('meetings', ...open.events, ...classified.events);
    type Line = { streamId: string; title: string; units: string[]; status: string; statusLabel: string; date: string };
    const seals = await eventually(async () => {
      const lines = await get<Line[]>(`/audit/catalog?kind=seal&q=${encodeURIComponent('目录')}`);
      return lines[0]?.status === 'active' ? lines : undefined;
    }, 'the seal in the catalog, active');
    expect(seals).toEqual([expect.objectContaining({ streamId: listed.streamId, title: '县委办公室印章（目录）', units: ['办公室'], statusLabel: '启用中', date: registeredAt })]);
    expect(await get<Line[]>(`/audit/catalog?kind=seal&q=${encodeURIComponent('目录')}&unit=${encodeURIComponent('办公室')}&status=active`)).toHaveLength(1);
    expect(await get<Line[]>(`/audit/catalog?kind=seal&q=${encodeURIComponent('目录')}&unit=${encodeURIComponent('财务处')}`)).toEqual([]);
    expect(await get<Line[]>(`/audit/catalog?kind=seal&q=${encodeURIComponent('目录')}&status=suspended`)).toEqual([]);
    await eventually(async () => ((await service.runtime.dataSource.query(`SELECT 1 FROM "audit".catalog WHERE stream_id = $1`, [classified.streamId])).length > 0 ? true : undefined), 'the classified meeting in the catalog');
    // COMMON-3 the auditor's clearance is 非密: the 秘密 meeting's title is not listed
    expect((await get<Line[]>('/audit/catalog?kind=meeting&committeeId=c-catalog')).map((line) => line.title)).toEqual(['第12次党委会（目录）']);
    expect((await call('GET', '/audit/catalog?kind=stamp', token['auditor']!)).status).toBe(400);

    // a trail older than the catalog: folded when the service starts
    await service.runtime.dataSource.query(`DELETE FROM "audit".catalog`);
    await service.app.get(CatalogStore).onApplicationBootstrap();
    expect(await get<Line[]>(`/audit/catalog?kind=seal&q=${encodeURIComponent('目录')}`)).toEqual(seals);
  });

  it('AUD-3 the schedule raises a self-approved seal usage found in the trail, once, with its proving events', async () => {
    const application = new Stream('seals', 'sealUsageApplication');
    const applicant = { id: 'u-self', name: '钱自批' };
    const submitted = application.next('SealUsageApplicationSubmitted', {
      applicationId: application.streamId, sealId: seal.streamId, sealKind: 'office', purpose: '报送材料', documentTitle: '关于某事项的报告',
      copies: 1, impressions: 1, applicantId: applicant.id, applicantName: applicant.name, submittedAt: clock.now().toISOString(),
    }, applicant);
    const approved = application.next('SealUsageApplicationApproved', {
      applicationId: application.streamId, sealId: seal.streamId, basis: 'approval', approverId: applicant.id, approverName: applicant.name,
      approvedImpressions: 1, approvedAt: clock.now().toISOString(), expiresAt: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString(),
    }, applicant);
    const before = await entryCount();
    await publish('seals', submitted, approved);
    await waitForEntries(before + 2);

    const job = service.app.get(FindingsJob);
    expect(await job.runOnce(clock.now())).toBeGreaterThanOrEqual(1);
    const raised = (await get(`/audit/findings?rule=AUD-3`)) as Array<{ severity: string; eventIds: string[]; streamIds: string[] }>;
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ severity: 'high', streamIds: expect.arrayContaining([application.streamId]) });
    expect(raised[0]!.eventIds).toContain(approved.eventId);
    // the next run stores it not again (other findings may come: the audit's own denied attempts keep arriving)
    await job.runOnce(clock.now());
    expect(await get(`/audit/findings?rule=AUD-3`)).toHaveLength(1);
  });

  it('auditors acknowledge and resolve a finding; each annotation is an event in the trail itself', async () => {
    const [selfApproval] = await get<Array<{ id: string; status: string }>>(`/audit/findings?rule=AUD-3`);
    const path = `/audit/findings/${selfApproval!.id}`;
    expect((await call('POST', `${path}/resolve`, token['auditor']!, {})).body).toMatchObject({ code: 'AUDIT.NOTE_REQUIRED' });
    expect((await call('POST', `${path}/acknowledge`, token['drafter']!, {})).status).toBe(403);
    expect((await call('POST', `/audit/findings/${randomUUID()}/acknowledge`, token['auditor']!, {})).body).toMatchObject({ code: 'AUDIT.FINDING_NOT_FOUND' });
    const acknowledged = await call('POST', `${path}/acknowledge`, token['auditor']!, { note: '已转办公室核实' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ id: selfApproval!.id, version: 1, status: 'acknowledged' });
    expect((await call('POST', `${path}/acknowledge`, token['auditor']!, {})).body).toMatchObject({ code: 'AUDIT.FINDING_ALREADY_ACKNOWLEDGED' });
    // If-Match: a review that moved since is a conflict
    expect((await call('POST', `${path}/resolve`, token['securityAuditor']!, { note: '已整改' }, { 'If-Match': '"0"' })).status).toBe(409);
    expect((await call('POST', `${path}/resolve`, token['securityAuditor']!, { note: '补登用印申请，已整改' }, { 'If-Match': '"1"' })).status).toBe(200);
    expect((await call('POST', `${path}/acknowledge`, token['auditor']!, {})).body).toMatchObject({ code: 'AUDIT.FINDING_RESOLVED' });

    expect(await get(path)).toMatchObject({
      status: 'resolved',
      annotations: [
        { action: 'acknowledged', note: '已转办公室核实', by: 'u-auditor', byName: '吴巡察' },
        { action: 'resolved', note: '补登用印申请，已整改', by: 'u-sec-auditor', byName: '郑安审' },
      ],
    });
    expect(await get(`/audit/findings?status=resolved`)).toEqual([expect.objectContaining({ id: selfApproval!.id })]);
    // the review comes back through the audit's own topic as entries of the trail, with their chain checked
    const deadline = Date.now() + 30000;
    let review: Array<{ type: string; chainStatus: string; actor: { id: string } }> = [];
    while (review.length < 2 && Date.now() < deadline) {
      review = await get(`/audit/streams/${selfApproval!.id}/history?streamType=findingReview`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(review.map((entry) => [entry.type, entry.chainStatus, entry.actor.id])).toEqual([
      ['FindingAcknowledged', 'ok', 'u-auditor'],
      ['FindingResolved', 'ok', 'u-sec-auditor'],
    ]);
    expect(await get(`/audit/streams/${selfApproval!.id}/state?streamType=findingReview`)).toMatchObject({ service: 'audit', version: 2, state: { status: 'resolved' } });
  });

  it('filters findings by severity, service, unit and period', async () => {
    const all = await get<Array<{ rule: string; services: string[]; units: string[]; occurredAt: string }>>(`/audit/findings`);
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(await get(`/audit/findings?severity=critical`)).toHaveLength(all.filter((finding) => finding.rule === 'AUD-10').length);
    expect(await get(`/audit/findings?service=meetings`)).toEqual(all.filter((finding) => finding.services.includes('meetings')));
    expect((await get<unknown[]>(`/audit/findings?service=meetings`)).length).toBeGreaterThan(0);
    const selfApproval = all.find((finding) => finding.rule === 'AUD-3')!;
    expect(selfApproval.services).toEqual(['seals']);
    expect(await get(`/audit/findings?from=${selfApproval.occurredAt}`)).toEqual([expect.objectContaining({ rule: 'AUD-3' })]);
    expect(await get(`/audit/findings?to=${selfApproval.occurredAt}`)).toHaveLength(all.length - 1);
    expect(await get(`/audit/findings?unit=nowhere`)).toEqual([]);
    expect((await call('GET', `/audit/findings?severity=huge`, token['auditor']!)).body).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
  });

  it('exports entries and findings as JSON Lines and CSV, cut at a checkpoint that proves them', async () => {
    const jsonl = await call('GET', `/audit/exports/entries?format=jsonl&service=seals`, token['auditor']!);
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toContain('application/jsonl');
    const [checkpointLine, ...entryLines] = jsonl.text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const checkpoint = checkpointLine as { record: string; body: { id: number; logs: Array<{ log: string; size: number }> }; signature: string };
    expect(checkpoint.record).toBe('checkpoint');
    expect(jsonl.headers.get('oa-audit-checkpoint')).toBe(String(checkpoint.body.id));
    expect(await get(`/audit/checkpoints/${checkpoint.body.id}`)).toEqual({ body: checkpoint.body, signature: checkpoint.signature });
    const sealEntries = await get<Array<{ eventId: string }>>(`/audit/entries?service=seals`);
    expect(entryLines.map((line) => line['eventId'])).toEqual(sealEntries.map((entry) => entry.eventId));
    expect(entryLines.every((line) => line['record'] === 'entry' && typeof line['leafHash'] === 'string')).toBe(true);
    // every exported entry is provable against the export's checkpoint
    const sample = entryLines[0] as { eventId: string };
    expect(verify('inclusion', await get(`/audit/entries/${sample.eventId}/inclusion-proof?checkpoint=${checkpoint.body.id}`)).status).toBe(0);

    // what arrives after the cut is not in that export
    await publish('seals', seal.next('SealResumed', {}, keeper));
    await waitForEntries((await entryCount()) + 1);
    const cut = await get<Array<{ eventId: string }>>(`/audit/entries?service=seals`);
    expect(cut).toHaveLength(sealEntries.length + 1);

    const csv = await call('GET', `/audit/exports/entries?format=csv&service=seals&type=SealResumed`, token['auditor']!);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-entries-checkpoint-\d+\.csv"/);
    const lines = csv.text.split('\r\n');
    // (fetch drops the BOM that Excel needs)
    expect(lines[0]!.replace(/^\uFEFF/, '').startsWith('记录时间,服务,流类型,流编号,版本,事件类型,操作人编号,操作人,哈希链,事件编号,日志,日志序号,叶哈希,数据,检查点')).toBe(true);
    expect(lines[1]).toContain(',seals,seal,');
    expect(lines[1]).toContain(',李保管,完好,');
    expect(lines[1]!.endsWith(`,${csv.headers.get('oa-audit-checkpoint')}`)).toBe(true);

    const findingsCsv = await call('GET', `/audit/exports/findings?format=csv&rule=AUD-3`, token['auditor']!);
    expect(findingsCsv.text.split('\r\n')[1]).toMatch(/^AUD-3,high,resolved,/);
    const findingsJsonl = (await call('GET', `/audit/exports/findings?format=jsonl&severity=critical`, token['securityAuditor']!)).text.trimEnd().split('\n');
    expect(findingsJsonl.length - 1).toBe((await get<unknown[]>(`/audit/findings?severity=critical`)).length);
    expect((await call('GET', `/audit/exports/entries`, token['auditor']!)).body).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
    expect((await call('GET', `/audit/exports/entries?format=jsonl`, token['sysAdmin']!)).status).toBe(403);
  });

  it('COMMON-3 an auditor below a stream\'s secrecy level sees each event\'s type, actor and time, not its title or content — in entries, histories, states and exports', async () => {
    const title = '关于某机密事项的请示（审计脱密测试）';
    // the worst case: an event of an older shape that recorded a 机密 title in clear
    const classified = new Stream('documents', 'outgoingDocument');
    const drafter = { id: 'u-drafter-c3', name: '张拟稿' };
    const drafted = classified.next('OutgoingDocumentDrafted', { documentId: classified.streamId, title, type: 'request', issuerCode: '县政', secrecyLevel: 'jimi', revision: 1, drafterId: drafter.id, drafterName: drafter.name, contentHash: 'c'.repeat(64) }, drafter);
    const submitted = classified.next('OutgoingDocumentSubmittedForReview', { documentId: classified.streamId, revision: 1 }, drafter);
    const before = await entryCount();
    await publish('documents', drafted, submitted);
    await waitForEntries(before + 2);

    type Entry = { type: string; actor: { id: string; name: string }; recordedAt: string; data: unknown; metadata: unknown; withheld?: boolean };
    const history = await get<Entry[]>(`/audit/streams/${classified.streamId}/history`);
    expect(history.map(({ type, actor, recordedAt, withheld }) => ({ type, actor, recordedAt, withheld }))).toEqual([
      { type: 'OutgoingDocumentDrafted', actor: { id: drafter.id, name: drafter.name }, recordedAt: drafted.recordedAt, withheld: true },
      { type: 'OutgoingDocumentSubmittedForReview', actor: { id: drafter.id, name: drafter.name }, recordedAt: submitted.recordedAt, withheld: true },
    ]);
    const uncleared = [
      history,
      await get(`/audit/entries?service=documents&limit=1000`),
      await get(`/audit/actors/${drafter.id}/entries`),
      await get(`/audit/streams/${classified.streamId}/state?streamType=outgoingDocument`),
      (await call('GET', '/audit/exports/entries?service=documents&format=jsonl', token['auditor']!)).text,
      (await call('GET', '/audit/exports/entries?service=documents&format=csv', token['auditor']!)).text,
    ];
    for (const answer of uncleared) expect(typeof answer === 'string' ? answer : JSON.stringify(answer)).not.toContain(title);
    expect(await get(`/audit/streams/${classified.streamId}/state?streamType=outgoingDocument`)).toMatchObject({ version: 2, state: null, withheld: true });
    // the inclusion proof too: the leaf proven, the envelope left out (it verifies offline all the same)
    await call('POST', '/audit/checkpoints', token['auditor']!);
    const proof = await get<{ entry: Record<string, unknown> }>(`/audit/entries/${drafted.eventId}/inclusion-proof`);
    expect(proof.entry).toMatchObject({ withheld: true });
    expect(proof.entry).not.toHaveProperty('envelope');
    expect(JSON.stringify(proof)).not.toContain(title);
    expect(verify('inclusion', proof).status).toBe(0);
    expect((await get<{ entry: Record<string, unknown> }>(`/audit/entries/${drafted.eventId}/inclusion-proof`, 'clearedAuditor')).entry).toMatchObject({ envelope: { data: { title } } });

    // an auditor cleared to 机密 reads the same events whole
    const cleared = await get<Entry[]>(`/audit/streams/${classified.streamId}/history`, 'clearedAuditor');
    expect(cleared[0]).toMatchObject({ data: { title }, metadata: { requestId: expect.any(String) } });
    expect(cleared[0]!.withheld).toBeUndefined();
    expect(await get(`/audit/streams/${classified.streamId}/state?streamType=outgoingDocument`, 'clearedAuditor')).toMatchObject({ state: { status: 'underReview', content: { title } } });
  });

  it('folds a seal to its state at any instant with the seals domain\'s own evolve', async () => {
    const office = { id: 'u-admin', name: '王管理', roles: ['sealAdmin'] };
    const sealId = randomUUID();
    const real = new Stream('seals', 'seal', sealId);
    const decided = (type: string, data: Record<string, unknown>) => {
      const state = fold(sealDecider, real.events.map((event) => ({ type: event.type, data: event.data }) as SealEvent));
      const [event] = sealDecider.decide({ type, data: { sealId, ...data }, metadata: { actor: office, now: clock.now().toISOString() } } as SealCommand, state);
      return real.next(event!.type, event!.data as Record<string, unknown>, office);
    };
    const registered = decided('RegisterSeal', { kind: 'office', name: '某某县委办公室印章', owningUnit: '办公室', engravingApprovalReference: '公刻备〔2026〕12号', impressionImageHash: 'a'.repeat(64) });
    const assigned = decided('AssignSealKeeper', { keeperId: 'u-keeper', keeperName: '李保管' });
    const before = await entryCount();
    await publish('seals', registered, assigned);
    await waitForEntries(before + 2);

    const atRegistration = await get<{ version: number; state: Record<string, unknown>; chainIntact: boolean }>(`/audit/streams/${sealId}/state?streamType=seal&asOf=${registered.recordedAt}`);
    expect(atRegistration).toMatchObject({ streamId: sealId, service: 'seals', version: 1, chainIntact: true, state: { status: 'registered', name: '某某县委办公室印章' } });
    expect(atRegistration.state['keeperId']).toBeUndefined();
    expect(await get(`/audit/streams/${sealId}/state?streamType=seal`)).toMatchObject({ version: 2, state: { keeperId: 'u-keeper', keeperName: '李保管' } });
    expect((await call('GET', `/audit/streams/${sealId}/state?streamType=seal&asOf=2020-01-01T00:00:00Z`, token['auditor']!)).body).toMatchObject({ code: 'AUDIT.STREAM_NOT_FOUND' });
    expect((await call('GET', `/audit/streams/${sealId}/state?streamType=nothing`, token['auditor']!)).body).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
    // a stream whose chain broke says so: its state is not to be trusted
    expect(await get(`/audit/streams/${seal.streamId}/state?streamType=seal`)).toMatchObject({ chainIntact: false });
  });
});
