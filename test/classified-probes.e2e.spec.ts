import { randomBytes } from 'node:crypto';
import { dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, asSuperuser, eventually, ManualClock, testRun } from '@oa/testing';
import { AuditModule, FindingsJob, auditService } from '@oa/app-audit';
import { DocumentsModule, documentsService } from '@oa/app-documents';

type Json = Record<string, unknown>;
type Finding = { id: string; rule: string; title: string; detail: unknown; eventIds: string[]; streamIds: string[] };
type Entry = { eventId: string; service: string; streamType: string; type: string; actor: { id: string }; data: Json };

const TITLE = `关于某专项工作的机密通知-${randomBytes(4).toString('hex')}`;

/**
 * Issue 24 item 5, AUD-11 with COMMON-3 across the documents and audit services on real
 * PostgreSQL and Kafka: a reader cleared to 秘密 reads a 机密 document five times in five minutes;
 * each read is answered 404 as for a missing document and recorded as HiddenItemProbed; the
 * audit raises AUD-11 for the burst, and its evidence — the finding and every event it names,
 * as the audit serves them to an auditor — names the document by id, never by its title.
 */
describe('AUD-11 repeated probes of a classified document (documents + audit, real PostgreSQL and Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_probes`;
  const topicPrefix = `${run.topicPrefix}probes.`;
  const secret = randomBytes(32).toString('hex');
  // Tuesday 2026-12-01, 09:00 in Beijing
  const clock = new ManualClock(new Date('2026-12-01T01:00:00.000Z'));
  let documents: RunningService;
  let audit: RunningService;
  const token: Record<string, string> = {};

  const auditGet = async <T>(path: string): Promise<T> => {
    const reply = await apiClient(() => audit.url)('GET', path, token['auditor']!);
    if (reply.status !== 200) throw new Error(`GET ${path} → ${reply.status} ${reply.text}`);
    return reply.body as unknown as T;
  };
  const trailCaughtUp = () =>
    eventually(async () => {
      // the test's own hand: no service's role reads another's schema
      const [row] = await asSuperuser(await ensureLocalDatabase(databaseName), (query) =>
        query<{ stored: string; audited: string }>(
          `SELECT (SELECT count(*) FROM "documents".events) + (SELECT count(*) FROM "audit".events) AS stored, (SELECT count(*) FROM "audit".entries) AS audited`,
        ),
      );
      return Number(row.stored) === Number(row.audited) ? true : undefined;
    }, 'the audit trail to hold every documents event');

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      SCHEDULE_INTERVAL_SECONDS: '0',
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
    };
    audit = await startService(auditService, AuditModule, env, clock);
    documents = await startService(documentsService, DocumentsModule, env, clock);
    const people: Array<[string, string, string, TokenClaims['roles'], TokenClaims['clearance']]> = [
      ['drafter', 'u-drafter', '张拟稿', ['drafter'], 'jimi'],
      ['prober', 'u-prober', '孙试探', ['leader'], 'mimi'],
      ['auditor', 'u-auditor', '吴巡察', ['auditor'], 'internal'],
    ];
    for (const [key, sub, name, roles, clearance] of people) {
      token[key] = await mintToken({ sub, name, roles, orgUnit: '办公室', clearance }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
    }
  }, 120_000);

  afterAll(async () => {
    await documents?.close();
    await audit?.close();
    await dropLocalDatabase(databaseName);
  });

  it('AUD-11 raises five probes of a 机密 document within ten minutes, with the probes as evidence and no title anywhere', async () => {
    const documentsApi = apiClient(() => documents.url);
    const drafted = await documentsApi('POST', '/outgoing-documents', token['drafter']!, {
      type: 'notice',
      title: TITLE,
      issuerCode: '县委办发',
      mainRecipients: [{ name: '各乡镇党委', kind: 'organ', relation: 'subordinate' }],
      secrecyLevel: 'jimi',
      secrecyPeriod: { unit: 'year', value: 1 },
      urgency: 'none',
      content: '各单位：机密正文。',
      readers: [],
    });
    if (drafted.status !== 201) throw new Error(`draft → ${drafted.status} ${drafted.text}`);
    const documentId = drafted.body['id'] as string;

    for (const path of ['', '', '/history', '/content', '']) {
      clock.advance(1);
      const reply = await documentsApi('GET', `/outgoing-documents/${documentId}${path}`, token['prober']!);
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ code: 'COMMON.NOT_FOUND' });
      expect(reply.text).not.toContain(TITLE);
    }
    await trailCaughtUp();
    await audit.app.get(FindingsJob).runOnce(clock.now());

    const findings = await auditGet<Finding[]>('/audit/findings?rule=AUD-11');
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-11', title: '同一用户多次被拒绝访问或试探涉密对象' })]);
    const [finding] = findings;
    expect(finding!.eventIds).toHaveLength(5);
    expect(finding!.detail).toEqual({ detail: expect.stringContaining(`其中 5 次查询无权知悉的涉密对象（按不存在答复）：outgoingDocument ${documentId}；`) });
    const opened = await auditGet<Json>(`/audit/findings/${finding!.id}`);

    // the evidence, as the audit serves it: the five probes, by the document's id and stream type
    const entries = await auditGet<Entry[]>('/audit/actors/u-prober/entries');
    const evidence = entries.filter((entry) => finding!.eventIds.includes(entry.eventId));
    expect(evidence).toHaveLength(5);
    for (const entry of evidence) {
      expect(entry).toMatchObject({ service: 'documents', streamType: 'securityLog', type: 'HiddenItemProbed', actor: { id: 'u-prober' } });
      expect(entry.data).toMatchObject({ itemId: documentId, streamType: 'outgoingDocument', reason: 'COMMON-3', basis: 'clearance', status: 404 });
    }
    for (const answer of [findings, opened, evidence]) expect(JSON.stringify(answer)).not.toContain(TITLE);
  }, 120_000);
});
