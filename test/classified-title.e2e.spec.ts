import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, asSuperuser, eventually, ManualClock, TopicCollector, testRun } from '@oa/testing';
import { AuditModule, auditService } from '@oa/app-audit';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { SealsModule, sealsService } from '@oa/app-seals';

type Json = Record<string, unknown>;
type Entry = { eventId: string; streamId: string; type: string; actor: { id: string }; recordedAt: string; data: unknown; withheld?: boolean };

const TITLE = `关于某专项工作的机密通知-${randomBytes(4).toString('hex')}`;

/**
 * Issue 24 item 6, COMMON-3 across the documents, seals and audit services on real PostgreSQL and
 * Kafka: a 机密 document is drafted, reviewed and signed off (the seals service takes the sign-off
 * for 先签发后用印). Its title is on no topic of the run — every topic read from its beginning —
 * and in no answer the audit gives an auditor cleared only to 秘密 (entries, histories, states,
 * exports), while the documents service still lists it, in clear, to a cleared reader.
 */
describe('COMMON-3 a classified title stays in the documents service (documents + seals + audit, real PostgreSQL and Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_title`;
  const topicPrefix = `${run.topicPrefix}title.`;
  const secret = randomBytes(32).toString('hex');
  const clock = new ManualClock(new Date('2026-12-01T01:00:00.000Z'));
  let documents: RunningService;
  let seals: RunningService;
  let audit: RunningService;
  const token: Record<string, string> = {};

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
    seals = await startService(sealsService, SealsModule, env, clock);
    const people: Array<[string, string, string, TokenClaims['roles'], TokenClaims['clearance']]> = [
      ['drafter', 'u-drafter', '张拟稿', ['drafter'], 'jimi'],
      ['reviewer', 'u-reviewer', '李核稿', ['reviewer'], 'jimi'],
      ['signer', 'u-signer', '王签发', ['signer'], 'jimi'],
      ['auditor', 'u-auditor', '吴巡察', ['auditor'], 'mimi'],
    ];
    for (const [key, sub, name, roles, clearance] of people) {
      token[key] = await mintToken({ sub, name, roles, orgUnit: '办公室', clearance }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
    }
  }, 120_000);

  afterAll(async () => {
    await seals?.close();
    await documents?.close();
    await audit?.close();
    await dropLocalDatabase(databaseName);
  });

  it('COMMON-3 a 机密 document\'s title is on no topic of the run and in no audit answer to an auditor cleared below 机密', async () => {
    const documentsApi = apiClient(() => documents.url);
    const ok = async (path: string, who: string, body: Json = {}) => {
      clock.advance(1);
      const reply = await documentsApi('POST', path, token[who]!, body);
      if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${reply.text}`);
      return reply;
    };
    const drafted = await ok('/outgoing-documents', 'drafter', {
      type: 'notice',
      title: TITLE,
      issuerCode: '县委办发',
      mainRecipients: [{ name: '各乡镇党委', kind: 'organ', relation: 'subordinate' }],
      secrecyLevel: 'jimi',
      secrecyPeriod: { unit: 'year', value: 1 },
      urgency: 'none',
      content: '机密正文。',
      readers: ['u-reviewer', 'u-signer'],
    });
    const documentId = drafted.body['id'] as string;
    await ok(`/outgoing-documents/${documentId}/submit`, 'drafter');
    await ok(`/outgoing-documents/${documentId}/review`, 'reviewer', { decision: 'approve', comments: '同意' });
    await ok(`/outgoing-documents/${documentId}/sign-off`, 'signer', { opinion: '同意印发' });

    // the documents service keeps the title: its list shows it to a cleared reader on the list
    const listed = (await documentsApi('GET', '/outgoing-documents', token['signer']!)).body as unknown as Array<{ id: string; title: string }>;
    expect(listed.find((row) => row.id === documentId)).toMatchObject({ title: TITLE });

    // seals took the sign-off (先签发后用印) and shows the digest where the title was
    const [signedOff] = await eventually(async () => {
      const rows: Array<{ title: string }> = await seals.runtime.dataSource.query(`SELECT title FROM "seals".signed_off_documents WHERE document_id = $1`, [documentId]);
      return rows.length > 0 ? rows : undefined;
    }, 'the seals service to take the sign-off');
    expect(signedOff!.title).toMatch(/^〔涉密标题〕[0-9a-f]{12}$/);

    // every topic of the run, read from its beginning
    await eventually(async () => {
      // the test's own hand: no service's role reads another's schema
      const [row] = await asSuperuser(await ensureLocalDatabase(databaseName), (query) =>
        query<{ stored: string; audited: string }>(
          `SELECT (SELECT count(*) FROM "documents".events) + (SELECT count(*) FROM "seals".events) + (SELECT count(*) FROM "audit".events) AS stored, (SELECT count(*) FROM "audit".entries) AS audited`,
        ),
      );
      return Number(row.audited) >= Number(row.stored) ? true : undefined;
    }, 'the audit trail to hold every event of the run');
    const admin = new Kafka({ clientId: 'title-scan', brokers: [...run.kafkaBrokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(topicPrefix));
    const offsets = await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0)));
    await admin.disconnect();
    expect(topics.length).toBeGreaterThanOrEqual(3);
    const collectors = await Promise.all(topics.map((topic) => new TopicCollector(run.kafkaBrokers, topic).start()));
    try {
      await Promise.all(collectors.map((collector, index) => collector.waitFor((messages) => messages.length >= offsets[index]!)));
      const published = collectors.flatMap((collector) => collector.messages);
      expect(published.some((message) => message.event.streamId === documentId && message.event.type === 'OutgoingDocumentSignedOff')).toBe(true);
      for (const message of published) expect(JSON.stringify(message)).not.toContain(TITLE);
    } finally {
      await Promise.all(collectors.map((collector) => collector.stop()));
    }

    // the audit, to an auditor cleared to 秘密: that each event happened, its type, actor and time
    const auditApi = apiClient(() => audit.url);
    const answers: string[] = [];
    const auditGet = async <T>(path: string): Promise<T> => {
      const reply = await auditApi('GET', path, token['auditor']!);
      if (reply.status !== 200) throw new Error(`GET ${path} → ${reply.status} ${reply.text}`);
      answers.push(reply.text);
      return reply.body as unknown as T;
    };
    const history = await auditGet<Entry[]>(`/audit/streams/${documentId}/history`);
    expect(history.map((entry) => [entry.type, entry.actor.id, entry.withheld])).toEqual([
      ['OutgoingDocumentDrafted', 'u-drafter', true],
      ['OutgoingDocumentSubmittedForReview', 'u-drafter', true],
      ['OutgoingDocumentReviewApproved', 'u-reviewer', true],
      ['OutgoingDocumentSignedOff', 'u-signer', true],
    ]);
    expect(history.every((entry) => entry.data === null && typeof entry.recordedAt === 'string')).toBe(true);
    await auditGet('/audit/entries?service=documents');
    await auditGet('/audit/entries?service=seals');
    await auditGet('/audit/actors/u-signer/entries');
    expect(await auditGet(`/audit/streams/${documentId}/state?streamType=outgoingDocument`)).toMatchObject({ version: 4, state: null, withheld: true });
    await auditGet('/audit/findings');
    await auditGet('/audit/exports/entries?format=jsonl');
    await auditGet('/audit/exports/entries?format=csv');
    for (const answer of answers) expect(answer).not.toContain(TITLE);
  }, 180_000);
});
