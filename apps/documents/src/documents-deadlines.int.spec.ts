import { randomBytes } from 'node:crypto';
import { dropLocalDatabase, localServiceEnvironment, ensureTopics, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { ManualClock, TopicCollector, apiClient, testRun, type ApiReply } from '@oa/testing';
import { IncomingDeadlinesJob } from './application/incoming-deadlines.job';
import { DocumentsModule } from './documents.module';
import { documentsService } from './documents.service-definition';

type Person = 'drafter' | 'reviewer' | 'signer' | 'registrar' | 'director' | 'leader' | 'handler' | 'auditor';

const PEOPLE: Record<Person, { sub: string; name: string; roles: TokenClaims['roles']; clearance: TokenClaims['clearance'] }> = {
  drafter: { sub: 'u-drafter', name: '张三', roles: ['drafter'], clearance: 'jimi' },
  reviewer: { sub: 'u-reviewer', name: '李核', roles: ['reviewer'], clearance: 'jimi' },
  signer: { sub: 'u-signer', name: '王签', roles: ['signer'], clearance: 'jimi' },
  registrar: { sub: 'u-registrar', name: '刘收发', roles: ['registrar'], clearance: 'jimi' },
  director: { sub: 'u-director', name: '吴主任', roles: ['officeDirector'], clearance: 'jimi' },
  leader: { sub: 'u-leader', name: '郑书记', roles: ['leader'], clearance: 'jimi' },
  handler: { sub: 'u-handler', name: '陈承办', roles: ['handler'], clearance: 'none' },
  auditor: { sub: 'u-auditor', name: '吴审计', roles: ['auditor'], clearance: 'none' },
};

type HistoryEntry = { type: string; actor: { id: string }; data: Record<string, unknown> };

/**
 * Issue 6 on a hand-moved clock: one incoming document from receipt to completion with the
 * scheduled job's reminder (催办) and escalation (督办) (DOC-10); 64 concurrent number requests
 * for one issuer and year (DOC-4); and the whole documents topic scanned for classified text
 * after classified documents were drafted, revised and signed (COMMON-4).
 */
describe('documents service: deadlines, numbers under load, the topic scanned (real PostgreSQL, real Kafka, a hand-moved clock)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_docdeadlines`;
  const secret = randomBytes(32).toString('hex');
  // Monday 2026-11-23, 09:00 in Beijing
  const clock = new ManualClock(new Date('2026-11-23T01:00:00.000Z'));
  const YEAR = 2026;
  let service: RunningService;
  const api = apiClient(() => service.url);
  const tokens = {} as Record<Person, string>;

  const call = (method: string, path: string, who: Person, body?: unknown): Promise<ApiReply> => api(method, path, tokens[who], body);
  const ok = async (method: string, path: string, who: Person, body?: unknown): Promise<ApiReply> => {
    const reply = await call(method, path, who, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} as ${who}: ${reply.status} ${reply.text}`);
    return reply;
  };
  const history = async (kind: 'incoming' | 'outgoing', id: string): Promise<HistoryEntry[]> =>
    (await ok('GET', `/${kind}-documents/${id}/history`, 'auditor')).body as unknown as HistoryEntry[];

  const draftBody = (overrides: object = {}) => ({
    type: 'notice',
    title: '关于并发登记的通知',
    issuerCode: '县办发',
    mainRecipients: [{ name: '各乡镇人民政府', kind: 'organ', relation: 'subordinate' }],
    secrecyLevel: 'none',
    urgency: 'none',
    content: '请各单位认真贯彻执行。',
    ...overrides,
  });

  /** Drafted, reviewed, signed off and rechecked; returns the id. */
  const rechecked = async (overrides: object = {}): Promise<string> => {
    const id = (await ok('POST', '/outgoing-documents', 'drafter', draftBody(overrides))).body['id'] as string;
    await ok('POST', `/outgoing-documents/${id}/submit`, 'drafter');
    await ok('POST', `/outgoing-documents/${id}/review`, 'reviewer', { decision: 'approve', comments: '同意' });
    await ok('POST', `/outgoing-documents/${id}/sign-off`, 'signer', { opinion: '同意印发' });
    await ok('POST', `/outgoing-documents/${id}/recheck`, 'registrar', { substantiveChange: false });
    return id;
  };

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}docdeadlines.`,
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
      SCHEDULE_INTERVAL_SECONDS: '0',
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    service = await startService(documentsService, DocumentsModule, env, clock);
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    for (const [person, claims] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) {
      // valid through the test's fortnight on the service's hand-moved clock
      tokens[person] = await mintToken({ ...claims, orgUnit: '办公室' }, { secret, now: clock.now(), lifetimeSeconds: 30 * 86400 });
    }
  });

  afterAll(async () => {
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('DOC-8..DOC-10 an urgent incoming document from receipt to completion: reminded by the job past its deadline, escalated past the second threshold', async () => {
    const job = service.app.get(IncomingDeadlinesJob);
    const received = await ok('POST', '/incoming-documents', 'registrar', {
      sender: '市人民政府办公室',
      senderDocumentNumber: `市政办发〔${YEAR}〕21号`,
      title: '关于开展冬季安全生产检查的通知',
      type: 'notice',
      secrecyLevel: 'none',
      copies: 1,
      urgency: 'urgent',
      content: '请于本周内完成自查。',
    });
    const id = received.body['id'] as string;
    await ok('POST', `/incoming-documents/${id}/register`, 'registrar');
    await ok('POST', `/incoming-documents/${id}/initial-review`, 'registrar', { outcome: 'accept' });
    await ok('POST', `/incoming-documents/${id}/propose`, 'director', { proposal: '拟请县应急局牵头办理' });
    await ok('POST', `/incoming-documents/${id}/instruct`, 'leader', { instruction: '请应急局抓紧落实' });
    await ok('POST', `/incoming-documents/${id}/assign-handling`, 'director', {
      units: [{ unit: '县应急局', role: 'lead' }],
      handlerId: 'u-handler',
      handlerName: '陈承办',
      chaserId: 'u-director',
      chaserName: '吴主任',
    });
    // 加急: 3 working days from Monday, so the last day is Thursday 2026-11-26
    expect((await ok('GET', `/incoming-documents/${id}`, 'auditor')).body).toMatchObject({ status: 'handling', assignment: { deadline: '2026-11-26' } });

    // Thursday 23:30 in Beijing: still within the deadline, nothing to send
    clock.set('2026-11-26T15:30:00.000Z');
    expect(await job.runOnce(clock.now())).toBe(0);

    // Friday 09:00: one working day overdue, 催办 once
    clock.set('2026-11-27T01:00:00.000Z');
    expect(await job.runOnce(clock.now())).toBe(1);
    let events = await history('incoming', id);
    expect(events.at(-1)).toMatchObject({
      type: 'IncomingDocumentReminderRaised',
      actor: { id: 'system:scheduler' },
      data: { documentId: id, deadline: '2026-11-26', overdueWorkingDays: 1, leadUnit: '县应急局', handlerId: 'u-handler', chaserId: 'u-director' },
    });
    // the next run the same day sends the command again (escalation still due later) but the domain raises nothing twice
    await job.runOnce(clock.now());
    expect((await history('incoming', id)).filter((e) => e.type === 'IncomingDocumentReminderRaised')).toHaveLength(1);

    // Monday 2026-11-30: two working days overdue, below the escalation threshold of 3
    clock.set('2026-11-30T01:00:00.000Z');
    await job.runOnce(clock.now());
    expect((await history('incoming', id)).map((e) => e.type)).not.toContain('IncomingDocumentEscalated');

    // Tuesday 2026-12-01: three working days overdue, 督办 to the office director
    clock.set('2026-12-01T01:00:00.000Z');
    expect(await job.runOnce(clock.now())).toBe(1);
    events = await history('incoming', id);
    expect(events.at(-1)).toMatchObject({
      type: 'IncomingDocumentEscalated',
      actor: { id: 'system:scheduler' },
      data: { documentId: id, deadline: '2026-11-26', overdueWorkingDays: 3, escalatedTo: 'officeDirector' },
    });
    // reminded and escalated for this deadline: the job leaves it alone
    expect(await job.runOnce(clock.now())).toBe(0);

    clock.advance(60);
    await ok('POST', `/incoming-documents/${id}/complete`, 'handler', { result: '已完成自查并报送情况' });
    clock.set('2026-12-10T01:00:00.000Z');
    expect(await job.runOnce(clock.now())).toBe(0);
    await ok('POST', `/incoming-documents/${id}/hand-off`, 'registrar');

    expect((await ok('GET', `/incoming-documents/${id}`, 'auditor')).body).toMatchObject({ id, status: 'filed', result: '已完成自查并报送情况' });
    expect((await history('incoming', id)).map((e) => [e.type, e.actor.id])).toEqual([
      ['IncomingDocumentReceived', 'u-registrar'],
      ['IncomingDocumentRegistered', 'u-registrar'],
      ['IncomingDocumentInitiallyReviewed', 'u-registrar'],
      ['IncomingDocumentHandlingProposed', 'u-director'],
      ['IncomingDocumentInstructed', 'u-leader'],
      ['IncomingDocumentHandlingAssigned', 'u-director'],
      ['IncomingDocumentReminderRaised', 'system:scheduler'],
      ['IncomingDocumentEscalated', 'system:scheduler'],
      ['IncomingDocumentCompleted', 'u-handler'],
      ['IncomingDocumentHandedOffForFiling', 'u-registrar'],
    ]);
  });

  it('DOC-4 64 concurrent registrations on one issuer and year get 1..64, no gap, no duplicate; a voided number is never reused', async () => {
    const issuer = '并发办';
    const ids = await Promise.all(Array.from({ length: 64 }, () => rechecked({ issuerCode: issuer })));
    const replies = await Promise.all(ids.map((id) => call('POST', `/outgoing-documents/${id}/register`, 'registrar', { copies: 1 })));
    expect(replies.map((reply) => reply.status)).toEqual(ids.map(() => 200));
    const oneTo64 = Array.from({ length: 64 }, (_, index) => index + 1);

    const numbers = await Promise.all(ids.map(async (id) => ((await ok('GET', `/outgoing-documents/${id}`, 'auditor')).body['registration'] as { sequence: number }).sequence));
    expect([...numbers].sort((a, b) => a - b)).toEqual(oneTo64);
    const ledger = (await ok('GET', `/document-numbers?issuer=${encodeURIComponent(issuer)}&year=${YEAR}`, 'auditor')).body;
    const entries = ledger['entries'] as Array<{ sequence: number; documentId: string; documentNumber: string }>;
    expect(ledger['lastSequence']).toBe(64);
    expect(entries.map((entry) => entry.sequence)).toEqual(oneTo64);
    expect(new Set(entries.map((entry) => entry.documentId))).toEqual(new Set(ids));
    for (const entry of entries) expect(ids[numbers.indexOf(entry.sequence)]).toBe(entry.documentId);

    const voidedId = ids[numbers.indexOf(64)]!;
    expect((await call('POST', `/outgoing-documents/${voidedId}/void`, 'director', { reason: '印制错误，文件未发出' })).status).toBe(200);
    const next = await rechecked({ issuerCode: issuer });
    expect((await call('POST', `/outgoing-documents/${next}/register`, 'registrar', { copies: 1 })).status).toBe(200);
    expect((await ok('GET', `/outgoing-documents/${next}`, 'auditor')).body).toMatchObject({ registration: { sequence: 65, documentNumber: `${issuer}〔${YEAR}〕65号` } });
    const after = (await ok('GET', `/document-numbers?issuer=${encodeURIComponent(issuer)}&year=${YEAR}`, 'auditor')).body;
    const afterEntries = after['entries'] as Array<{ sequence: number; documentId: string; voidReason?: string }>;
    expect(afterEntries.map((entry) => entry.sequence)).toEqual([...oneTo64, 65]);
    expect(afterEntries.find((entry) => entry.sequence === 64)).toMatchObject({ documentId: voidedId, voidReason: '印制错误，文件未发出' });
    expect(afterEntries.at(-1)).toMatchObject({ sequence: 65, documentId: next });
  }, 180_000);

  it('COMMON-4 after classified (机密) documents were drafted, revised, signed and received, no message on the documents topic carries their text', async () => {
    const marker = `机密正文-${randomBytes(6).toString('hex')}`;
    const revisedMarker = `机密修改稿-${randomBytes(6).toString('hex')}`;
    const incomingMarker = `机密来文-${randomBytes(6).toString('hex')}`;
    const classified = { type: 'notice', title: '关于某专项工作的机密通知', secrecyLevel: 'jimi', secrecyPeriod: { unit: 'year', value: 1 } };

    const id = (await ok('POST', '/outgoing-documents', 'drafter', draftBody({ ...classified, issuerCode: '县委办', content: `各单位：${marker}。` }))).body['id'] as string;
    await ok('POST', `/outgoing-documents/${id}/submit`, 'drafter');
    await ok('POST', `/outgoing-documents/${id}/review`, 'reviewer', { decision: 'return', comments: '请补充要求' });
    await ok('POST', `/outgoing-documents/${id}/revise`, 'drafter', draftBody({ ...classified, issuerCode: '县委办', content: `各单位：${marker}，${revisedMarker}。` }));
    await ok('POST', `/outgoing-documents/${id}/submit`, 'drafter');
    await ok('POST', `/outgoing-documents/${id}/review`, 'reviewer', { decision: 'approve', comments: '同意' });
    await ok('POST', `/outgoing-documents/${id}/sign-off`, 'signer', { opinion: '同意印发' });
    const second = await rechecked({ ...classified, issuerCode: '县委办', title: '关于另一专项工作的机密通知', content: `另件：${marker}。` });
    const incoming = (
      await ok('POST', '/incoming-documents', 'registrar', {
        sender: '市委办公室',
        senderDocumentNumber: `市委办发〔${YEAR}〕7号`,
        title: '关于某专项工作的机密来文',
        type: 'notice',
        secrecyLevel: 'jimi',
        secrecyPeriod: { unit: 'year', value: 1 },
        copies: 1,
        urgency: 'none',
        content: `来文：${incomingMarker}。`,
      })
    ).body['id'] as string;
    // the text is there for its readers, so the markers are the real content
    expect((await ok('GET', `/outgoing-documents/${id}/content`, 'drafter')).body).toMatchObject({ content: `各单位：${marker}，${revisedMarker}。` });

    // every event of the run, read from the topic's beginning by a consumer of its own
    const [{ n }] = (await service.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "documents".events`)) as Array<{ n: number }>;
    const collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
    try {
      await collector.waitFor((messages) => messages.length >= n);
      const texts = collector.messages.map((message) => JSON.stringify(message));
      for (const hidden of [marker, revisedMarker, incomingMarker, '各单位：', '另件：', '来文：']) {
        expect(texts.filter((text) => text.includes(hidden))).toEqual([]);
      }
      // what is promised instead: the documents' metadata and the hash of their text (titles are metadata)
      const streams = new Set(collector.messages.map((message) => message.event.streamId));
      for (const documentId of [id, second, incoming]) expect(streams).toContain(documentId);
      const drafted = collector.messages.find((message) => message.event.streamId === id && message.event.type === 'OutgoingDocumentDrafted');
      // COMMON-3 the title of a 机密 document travels as its digest only (ADR 0015)
      expect(drafted?.event.data).toMatchObject({ titleDigest: expect.any(String), secrecyLevel: 'jimi', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(drafted?.event.data).not.toHaveProperty('title');
      const received = collector.messages.find((message) => message.event.streamId === incoming && message.event.type === 'IncomingDocumentReceived');
      expect(received?.event.data).toMatchObject({ secrecyLevel: 'jimi', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    } finally {
      await collector.stop();
    }
  }, 120_000);
});
