import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  EventStore,
  accessMatrixFailures,
  openServiceDataSource,
  dropLocalDatabase,
  localServiceEnvironment,
  ensureTopics,
  listRoutes,
  mintToken,
  readModelsOf,
  rebuildReadModel,
  startService,
  type RunningService,
  type TokenClaims,
} from '@oa/platform';
import { localDateOf, yearOf } from '@oa/core';
import { titleDigestOf } from '@oa/domain-documents';
import { TopicCollector, testRun } from '@oa/testing';
import { DocumentsModule } from './documents.module';
import { DocumentTexts } from './application/document-text';
import { TypedTextsMove } from './infrastructure/content/typed-texts-move';
import { documentsService } from './documents.service-definition';

const secret = randomBytes(32).toString('hex');

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown> & Record<number, unknown>;
}

type Person =
  | 'drafter'
  | 'reviewer'
  | 'selfReviewer'
  | 'signer'
  | 'registrar'
  | 'director'
  | 'leader'
  | 'handler'
  | 'auditor'
  | 'reader'
  | 'lowClearance'
  | 'outsider'
  | 'sysAdmin';

const PEOPLE: Record<Person, { sub: string; name: string; roles: TokenClaims['roles']; clearance: TokenClaims['clearance'] }> = {
  drafter: { sub: 'u-drafter', name: '张三', roles: ['drafter'], clearance: 'jimi' },
  reviewer: { sub: 'u-reviewer', name: '李核', roles: ['reviewer'], clearance: 'jimi' },
  selfReviewer: { sub: 'u-self', name: '钱八', roles: ['drafter', 'reviewer'], clearance: 'none' },
  signer: { sub: 'u-signer', name: '王签', roles: ['signer'], clearance: 'jimi' },
  registrar: { sub: 'u-registrar', name: '刘收发', roles: ['registrar'], clearance: 'jimi' },
  director: { sub: 'u-director', name: '吴主任', roles: ['officeDirector'], clearance: 'jimi' },
  leader: { sub: 'u-leader', name: '郑书记', roles: ['leader'], clearance: 'jimi' },
  handler: { sub: 'u-handler', name: '陈承办', roles: ['handler'], clearance: 'none' },
  auditor: { sub: 'u-auditor', name: '吴审计', roles: ['auditor'], clearance: 'none' },
  reader: { sub: 'u-reader', name: '赵阅', roles: ['leader'], clearance: 'juemi' },
  lowClearance: { sub: 'u-reader-low', name: '孙阅', roles: ['leader'], clearance: 'mimi' },
  outsider: { sub: 'u-outsider', name: '周外', roles: ['leader'], clearance: 'juemi' },
  sysAdmin: { sub: 'u-sys', name: '系统管理员', roles: ['sysAdmin'], clearance: 'juemi' },
};

const YEAR = yearOf(localDateOf(new Date().toISOString()));

describe('documents service (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_documents`;
  let service: RunningService;
  let collector: TopicCollector;
  const tokens = {} as Record<Person, string>;

  const call = async (method: string, path: string, who: Person, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, headers: response.headers, text, body: isJson && text ? JSON.parse(text) : {} };
  };
  const ok = async (method: string, path: string, who: Person, body?: unknown): Promise<Reply> => {
    const reply = await call(method, path, who, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} as ${who}: ${reply.status} ${reply.text}`);
    return reply;
  };

  const draftBody = (overrides: object = {}) => ({
    type: 'summary',
    title: '关于安全生产工作会议的纪要',
    issuerCode: '国发',
    mainRecipients: [{ name: '各区县人民政府', kind: 'organ', relation: 'subordinate' }],
    secrecyLevel: 'none',
    urgency: 'none',
    content: '会议研究了安全生产工作。',
    ...overrides,
  });

  /** Drafted by 张三, reviewed by 李核, signed off by 王签 and rechecked by 刘收发; returns the id. */
  const rechecked = async (overrides: object = {}): Promise<string> => {
    const drafted = await ok('POST', '/outgoing-documents', 'drafter', draftBody(overrides));
    const id = drafted.body['id'] as string;
    await ok('POST', `/outgoing-documents/${id}/submit`, 'drafter');
    await ok('POST', `/outgoing-documents/${id}/review`, 'reviewer', { decision: 'approve', comments: '同意' });
    await ok('POST', `/outgoing-documents/${id}/sign-off`, 'signer', { opinion: '同意印发' });
    await ok('POST', `/outgoing-documents/${id}/recheck`, 'registrar', { substantiveChange: false });
    return id;
  };

  const contentKey = randomBytes(32);

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}documents.`,
      DOCUMENT_CONTENT_KEY: contentKey.toString('hex'),
      // the access matrix alone sends several hundred requests
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    service = await startService(documentsService, DocumentsModule, env);
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
    for (const [person, claims] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) {
      tokens[person] = await mintToken({ ...claims, orgUnit: '办公室' }, { secret });
    }
  });

  afterAll(async () => {
    await collector?.stop();
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  describe('Outgoing documents', () => {
    it('DOC-4 draft → review → sign-off → recheck → register → distribute, numbered 国发〔YYYY〕1号 on the ledger', async () => {
      const id = await rechecked();
      const registered = await call('POST', `/outgoing-documents/${id}/register`, 'registrar', { copies: 3 });
      expect(registered.status).toBe(200);
      expect(registered.body).toEqual({ id, version: 6 });
      const distributed = await call('POST', `/outgoing-documents/${id}/distribute`, 'registrar', { deliveries: [{ recipient: '各区县人民政府', copies: 3 }] });
      expect(distributed.status).toBe(200);
      const read = await call('GET', `/outgoing-documents/${id}`, 'auditor');
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"7"');
      expect(read.body).toMatchObject({ id, version: 7, status: 'distributed', drafterId: 'u-drafter', registration: { documentNumber: `国发〔${YEAR}〕1号`, sequence: 1, copies: 3 } });
      expect(read.body['header']).toMatchObject({ documentNumber: `国发〔${YEAR}〕1号`, copyNumberRequired: false });
      expect((read.body['header'] as { documentDate: string }).documentDate).toMatch(new RegExp(`^${YEAR}年[1-9]\\d?月[1-9]\\d?日$`));
      expect(read.body['content']).toMatchObject({ title: '关于安全生产工作会议的纪要' });

      const ledger = await call('GET', `/document-numbers?issuer=${encodeURIComponent('国发')}&year=${YEAR}`, 'registrar');
      expect(ledger.status).toBe(200);
      expect(ledger.body).toEqual({ issuerCode: '国发', year: YEAR, lastSequence: 1, entries: [{ sequence: 1, documentNumber: `国发〔${YEAR}〕1号`, documentId: id }] });

      const history = (await call('GET', `/outgoing-documents/${id}/history`, 'auditor')).body as unknown as Array<{ type: string; actor: { id: string } }>;
      expect(history.map((entry) => [entry.type, entry.actor.id])).toEqual([
        ['OutgoingDocumentDrafted', 'u-drafter'],
        ['OutgoingDocumentSubmittedForReview', 'u-drafter'],
        ['OutgoingDocumentReviewApproved', 'u-reviewer'],
        ['OutgoingDocumentSignedOff', 'u-signer'],
        ['OutgoingDocumentRechecked', 'u-registrar'],
        ['OutgoingDocumentRegistered', 'u-registrar'],
        ['OutgoingDocumentDistributed', 'u-registrar'],
      ]);
      const list = (await call('GET', '/outgoing-documents?status=distributed', 'auditor')).body as unknown as Array<Record<string, unknown>>;
      expect(list).toContainEqual({ id, kind: 'outgoing', title: '关于安全生产工作会议的纪要', status: 'distributed', secrecyLevel: 'none', documentNumber: `国发〔${YEAR}〕1号`, version: 7 });

      const then = await call('GET', `/outgoing-documents/${id}?asOf=${encodeURIComponent((history[0] as unknown as { recordedAt: string }).recordedAt)}`, 'auditor');
      expect(then.body).toMatchObject({ id, version: 1, status: 'draft' });

      const handedOff = await call('POST', `/outgoing-documents/${id}/hand-off`, 'registrar');
      expect(handedOff.body).toEqual({ id, version: 8 });
      expect((await call('GET', `/outgoing-documents/${id}`, 'drafter')).body).toMatchObject({ status: 'filed' });
    });

    it('DOC-1 a reviewer returns the draft with comments; the drafter revises and resubmits', async () => {
      const drafted = await ok('POST', '/outgoing-documents', 'drafter', draftBody({ type: 'notice' }));
      const id = drafted.body['id'] as string;
      await ok('POST', `/outgoing-documents/${id}/submit`, 'drafter');
      const bare = await call('POST', `/outgoing-documents/${id}/review`, 'reviewer', { decision: 'return' });
      expect(bare.status).toBe(400);
      expect(bare.body).toMatchObject({ code: 'DOC-1' });
      await ok('POST', `/outgoing-documents/${id}/review`, 'reviewer', { decision: 'return', comments: '请补充检查范围' });
      await ok('POST', `/outgoing-documents/${id}/revise`, 'drafter', draftBody({ type: 'notice', content: '会议研究了安全生产工作，检查范围为全县。' }));
      const resubmitted = await call('POST', `/outgoing-documents/${id}/submit`, 'drafter');
      expect(resubmitted.body).toEqual({ id, version: 5 });
      // FILE-1 the revised text is a stored file, addressed by the SHA-256 the events carry
      const revisedHash = createHash('sha256').update('会议研究了安全生产工作，检查范围为全县。', 'utf8').digest('hex');
      const stored: Array<{ format: string; encrypted: boolean }> = await service.runtime.dataSource.query(`SELECT format, encrypted FROM "documents".files WHERE sha256 = $1`, [revisedHash]);
      expect(stored).toEqual([{ format: 'txt', encrypted: false }]);
      expect((await call('GET', `/outgoing-documents/${id}`, 'auditor')).body).toMatchObject({ status: 'underReview', revision: 2, content: { contentHash: revisedHash } });
      expect((await call('GET', `/outgoing-documents/${id}/content`, 'reviewer')).body).toMatchObject({ content: '会议研究了安全生产工作，检查范围为全县。' });
    });

    it('DOC-1 refuses a review by the drafter (403 DOC-1) and appends nothing', async () => {
      const drafted = await ok('POST', '/outgoing-documents', 'selfReviewer', draftBody());
      const id = drafted.body['id'] as string;
      await ok('POST', `/outgoing-documents/${id}/submit`, 'selfReviewer');
      const review = await call('POST', `/outgoing-documents/${id}/review`, 'selfReviewer', { decision: 'approve' });
      expect(review.status).toBe(403);
      expect(review.body).toMatchObject({ code: 'DOC-1' });
      expect((await call('GET', `/outgoing-documents/${id}`, 'auditor')).body).toMatchObject({ version: 2, status: 'underReview' });
    });

    it('DOC-4 twenty concurrent registrations on one issuer and year get 1..20, no gap, no duplicate; a voided number is never reused', async () => {
      const ids = await Promise.all(Array.from({ length: 20 }, () => rechecked({ issuerCode: '并发', type: 'notice', title: '关于并发登记的通知' })));
      const replies = await Promise.all(ids.map((id) => call('POST', `/outgoing-documents/${id}/register`, 'registrar', { copies: 1 })));
      expect(replies.map((reply) => reply.status)).toEqual(ids.map(() => 200));
      const numbers = await Promise.all(ids.map(async (id) => ((await call('GET', `/outgoing-documents/${id}`, 'auditor')).body['registration'] as { sequence: number }).sequence));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      const ledger = await call('GET', `/document-numbers?issuer=${encodeURIComponent('并发')}&year=${YEAR}`, 'auditor');
      const entries = ledger.body['entries'] as Array<{ sequence: number; documentId: string }>;
      expect(entries.map((entry) => entry.sequence)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      expect(new Set(entries.map((entry) => entry.documentId)).size).toBe(20);

      const voided = await call('POST', `/outgoing-documents/${ids[0]!}/void`, 'director', { reason: '印制错误，文件未发出' });
      expect(voided.status).toBe(200);
      const next = await rechecked({ issuerCode: '并发', type: 'notice', title: '关于并发登记的通知' });
      expect((await call('POST', `/outgoing-documents/${next}/register`, 'registrar', { copies: 1 })).status).toBe(200);
      const after = (await call('GET', `/document-numbers?issuer=${encodeURIComponent('并发')}&year=${YEAR}`, 'auditor')).body;
      const afterEntries = after['entries'] as Array<{ sequence: number; documentId: string; voidReason?: string }>;
      expect(afterEntries.find((entry) => entry.documentId === ids[0])).toMatchObject({ voidReason: '印制错误，文件未发出' });
      expect(afterEntries.at(-1)).toMatchObject({ sequence: 21, documentNumber: `并发〔${YEAR}〕21号`, documentId: next });
    });

    it('DOC-4 a retried registration (same Idempotency-Key) returns the first answer and spends no number; a second registration is refused', async () => {
      const id = await rechecked({ issuerCode: '重试', type: 'notice', title: '关于重试登记的通知' });
      const headers = { 'Idempotency-Key': `register-${id}` };
      const first = await call('POST', `/outgoing-documents/${id}/register`, 'registrar', { copies: 2 }, headers);
      expect(first.status).toBe(200);
      const retry = await call('POST', `/outgoing-documents/${id}/register`, 'registrar', { copies: 2 }, headers);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      const again = await call('POST', `/outgoing-documents/${id}/register`, 'registrar', { copies: 2 });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'DOC.ILLEGAL_TRANSITION' });
      const ledger = await call('GET', `/document-numbers?issuer=${encodeURIComponent('重试')}&year=${YEAR}`, 'registrar');
      expect(ledger.body['entries']).toEqual([{ sequence: 1, documentNumber: `重试〔${YEAR}〕1号`, documentId: id }]);
    });

    it('DOC-4 refuses registration before recheck (409 DOC-4) without spending a number', async () => {
      const drafted = await ok('POST', '/outgoing-documents', 'drafter', draftBody({ issuerCode: '未复', type: 'notice' }));
      const id = drafted.body['id'] as string;
      await ok('POST', `/outgoing-documents/${id}/submit`, 'drafter');
      await ok('POST', `/outgoing-documents/${id}/review`, 'reviewer', { decision: 'approve' });
      await ok('POST', `/outgoing-documents/${id}/sign-off`, 'signer', { opinion: '同意' });
      const early = await call('POST', `/outgoing-documents/${id}/register`, 'registrar', { copies: 1 });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'DOC-4' });
      expect((await call('GET', `/document-numbers?issuer=${encodeURIComponent('未复')}&year=${YEAR}`, 'registrar')).body).toMatchObject({ lastSequence: 0, entries: [] });
    });

    it('refuses a malformed draft with 400 and the fields named', async () => {
      const response = await call('POST', '/outgoing-documents', 'drafter', { ...draftBody(), type: 'memo', title: '' });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
      expect((response.body['errors'] as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['title', 'type']);
    });

    it('COMMON.VERSION_CONFLICT: a stale If-Match is 409 and appends nothing', async () => {
      const drafted = await ok('POST', '/outgoing-documents', 'drafter', draftBody());
      const id = drafted.body['id'] as string;
      const stale = await call('POST', `/outgoing-documents/${id}/submit`, 'drafter', undefined, { 'If-Match': '"5"' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'COMMON.VERSION_CONFLICT' });
      const current = await call('POST', `/outgoing-documents/${id}/submit`, 'drafter', undefined, { 'If-Match': '"1"' });
      expect(current.status).toBe(200);
      expect(current.body).toEqual({ id, version: 2 });
      expect(current.headers.get('etag')).toBe('"2"');
    });
  });

  describe('Classified content (COMMON-2, COMMON-3, COMMON-4)', () => {
    const marker = `机密正文-${randomBytes(6).toString('hex')}`;
    let id: string;

    beforeAll(async () => {
      const drafted = await ok('POST', '/outgoing-documents', 'drafter', {
        ...draftBody({ type: 'notice', title: '关于某专项工作的机密通知' }),
        secrecyLevel: 'jimi',
        secrecyPeriod: { unit: 'year', value: 1 },
        content: `各单位：${marker}。`,
        readers: ['u-reader', 'u-reader-low'],
      });
      id = drafted.body['id'] as string;
    });

    it('COMMON-4 / FILE-2 stores the text as an encrypted file, and neither the events table nor the topic carries it', async () => {
      const contentHash = createHash('sha256').update(`各单位：${marker}。`, 'utf8').digest('hex');
      const drafted = await service.runtime.dataSource.query(`SELECT data->>'contentHash' AS hash FROM "documents".events WHERE stream_id = $1 AND type = 'OutgoingDocumentDrafted'`, [id]);
      expect(drafted[0].hash).toBe(contentHash);
      const rows: Array<{ encrypted: boolean; bytes: Buffer }> = await service.runtime.dataSource.query(
        `SELECT f.encrypted, c.bytes FROM "documents".files f JOIN "documents".file_chunks c USING (file_id) WHERE f.sha256 = $1`,
        [contentHash],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.encrypted).toBe(true);
      expect(rows[0]!.bytes.includes(Buffer.from(marker, 'utf8'))).toBe(false);
      expect(rows[0]!.bytes.includes(Buffer.from('各单位', 'utf8'))).toBe(false);
      expect((await call('GET', `/outgoing-documents/${id}/content`, 'reader')).body).toMatchObject({ contentHash, content: `各单位：${marker}。` });
      // FILE-1 the typed text downloads as the file it is, by its digest
      const downloaded = await call('GET', `/outgoing-documents/${id}/files/${contentHash}`, 'reader');
      expect([downloaded.status, downloaded.text, downloaded.headers.get('content-disposition')]).toEqual([200, `各单位：${marker}。`, `attachment; filename*=UTF-8''${encodeURIComponent('正文.txt')}`]);
      const inEvents = await service.runtime.dataSource.query(`SELECT count(*) AS n FROM "documents".events WHERE data::text LIKE $1 OR metadata::text LIKE $1`, [`%${marker}%`]);
      expect(Number(inEvents[0].n)).toBe(0);
      await collector.waitFor((messages) => messages.some((message) => message.event.streamId === id));
      expect(collector.messages.some((message) => JSON.stringify(message.event).includes(marker))).toBe(false);
    });

    it('COMMON-3 the title stays in this service: the events and the topic carry its digest, the list and the document show it to a cleared reader', async () => {
      const title = '关于某专项工作的机密通知';
      const inEvents = await service.runtime.dataSource.query(`SELECT count(*) AS n FROM "documents".events WHERE stream_id = $1 AND data::text LIKE $2`, [id, `%${title}%`]);
      expect(Number(inEvents[0].n)).toBe(0);
      await collector.waitFor((messages) => messages.some((message) => message.event.streamId === id));
      const published = collector.messages.filter((message) => message.event.streamId === id);
      expect(published.map((message) => JSON.stringify(message.event)).join('')).not.toContain(title);
      expect(published[0]!.event).toMatchObject({ type: 'OutgoingDocumentDrafted', schemaVersion: 3, data: { titleDigest: titleDigestOf(id, title) } });
      const listed = (await call('GET', '/outgoing-documents', 'reader')).body as unknown as Array<{ id: string; title: string }>;
      expect(listed.find((row) => row.id === id)).toMatchObject({ title });
      expect((await call('GET', `/outgoing-documents/${id}`, 'reader')).body).toMatchObject({ content: { title, titleDigest: titleDigestOf(id, title) } });
    });

    it('COMMON-3 gives the text to the drafter and a cleared reader on the list', async () => {
      const byDrafter = await call('GET', `/outgoing-documents/${id}/content`, 'drafter');
      expect(byDrafter.status).toBe(200);
      expect(byDrafter.body).toMatchObject({ id, content: `各单位：${marker}。` });
      expect((await call('GET', `/outgoing-documents/${id}/content`, 'reader')).body).toMatchObject({ content: `各单位：${marker}。` });
      const listed = (await call('GET', '/outgoing-documents', 'reader')).body as unknown as Array<{ id: string }>;
      expect(listed.map((row) => row.id)).toContain(id);
    });

    it('COMMON-3 answers 404 word for word as for a missing document to a reader below the level or off the list, and lists nothing', async () => {
      const missingId = '00000000-0000-4000-8000-000000000000';
      const missing = await call('GET', `/outgoing-documents/${missingId}/content`, 'outsider');
      expect(missing.status).toBe(404);
      for (const who of ['lowClearance', 'outsider', 'auditor'] as const) {
        const content = await call('GET', `/outgoing-documents/${id}/content`, who);
        expect(content.status).toBe(404);
        expect(content.text.replace(id, missingId)).toBe(missing.text);
        const read = await call('GET', `/outgoing-documents/${id}`, who);
        expect(read.status).toBe(404);
        expect(read.text).not.toContain('机密通知');
        const list = await call('GET', '/outgoing-documents', who);
        expect(list.text).not.toContain(id);
        expect(list.text).not.toContain('关于某专项工作的机密通知');
      }
    });

    it('COMMON-2 refuses the content to sysAdmin whatever its clearance', async () => {
      const response = await call('GET', `/outgoing-documents/${id}/content`, 'sysAdmin');
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'COMMON-2' });
    });

    it('COMMON-3 rebuilt from the events alone (oa rebuild-read-model --service documents), the list names the same readers', async () => {
      const { dataSource, store } = service.runtime;
      const listed = async () =>
        ((await dataSource.query(`SELECT id, status, need_to_know FROM "documents".document_list ORDER BY id`)) as Array<{ id: string; status: string; need_to_know: string[] }>).map((row) => ({
          ...row,
          need_to_know: [...row.need_to_know].sort(),
        }));
      const before = await listed();
      expect(before.find((row) => row.id === id)?.need_to_know).toEqual(expect.arrayContaining(['u-drafter', 'u-reader', 'u-reader-low']));
      const readModels = readModelsOf(documentsService.streams ?? []);
      expect(readModels.map((model) => model.name)).toContain('documents');
      // as `oa rebuild-read-model` does it: the owner's (the service's runtime role may not truncate)
      const owner = await openServiceDataSource({ url: (await localServiceEnvironment(databaseName)).DATABASE_OWNER_URL, schema: 'documents', migrate: 'never', poolSize: 1 });
      try {
        for (const readModel of readModels) await rebuildReadModel(owner, new EventStore(owner, 'documents', 'sha256', store.upcasters), readModel);
      } finally {
        await owner.destroy();
      }
      expect(await listed()).toEqual(before);
      expect((await call('GET', `/outgoing-documents/${id}/content`, 'reader')).body).toMatchObject({ content: `各单位：${marker}。` });
      expect((await call('GET', `/outgoing-documents/${id}/content`, 'outsider')).status).toBe(404);
    });

    it('FILE-2 texts an installation kept in document_contents are moved into the file store at start, each at its protection, and the table emptied', async () => {
      const { dataSource } = service.runtime;
      // the table as an upgraded installation has it: the owner's, granted to the runtime role by `oa migrate`
      const owner = new Client({ connectionString: (await localServiceEnvironment(databaseName)).DATABASE_OWNER_URL });
      await owner.connect();
      const [plain, secret] = [`旧正文-${randomBytes(4).toString('hex')}`, `旧机密正文-${randomBytes(4).toString('hex')}`];
      const hashOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
      // how ContentStore kept a classified text: v1:<iv>:<tag>:<ciphertext>, the document id as associated data
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', contentKey, iv).setAAD(Buffer.from('d-old-secret', 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      const kept = ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
      try {
        await owner.query(`CREATE TABLE "documents".document_contents (document_id text PRIMARY KEY, content_hash char(64) NOT NULL, encrypted boolean NOT NULL, body text NOT NULL, updated_at timestamptz NOT NULL)`);
        await owner.query(`INSERT INTO "documents".document_contents VALUES ('d-old-plain', $1, false, $2, now()), ('d-old-secret', $3, true, $4, now())`, [hashOf(plain), plain, hashOf(secret), kept]);
        await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "documents".document_contents TO oa_documents`);
      } finally {
        await owner.end();
      }
      await service.app.get(TypedTextsMove).onModuleInit();
      expect(await dataSource.query(`SELECT document_id FROM "documents".document_contents`)).toEqual([]);
      const moved: Array<{ sha256: string; encrypted: boolean; format: string }> = await dataSource.query(`SELECT sha256, encrypted, format FROM "documents".files WHERE sha256 IN ($1, $2) ORDER BY encrypted`, [hashOf(plain), hashOf(secret)]);
      expect(moved).toEqual([
        { sha256: hashOf(plain), encrypted: false, format: 'txt' },
        { sha256: hashOf(secret), encrypted: true, format: 'txt' },
      ]);
      const texts = service.app.get(DocumentTexts);
      expect(await texts.read('d-old-secret', hashOf(secret), 'jimi')).toBe(secret);
      expect(await texts.read('d-old-plain', hashOf(plain), 'internal')).toBe(plain);
    });
  });

  describe('Incoming documents', () => {
    it('DOC-8..DOC-12 receive → register → initial review → propose → instruct → assign → circulate → read → complete → hand off', async () => {
      const received = await call('POST', '/incoming-documents', 'registrar', {
        sender: '市人民政府办公室',
        senderDocumentNumber: `市政办发〔${YEAR}〕12号`,
        title: '关于开展安全生产大检查的通知',
        type: 'notice',
        secrecyLevel: 'none',
        copies: 2,
        urgency: 'urgent',
        content: '请于月底前完成检查。',
      });
      expect(received.status).toBe(201);
      const id = received.body['id'] as string;
      const registered = await call('POST', `/incoming-documents/${id}/register`, 'registrar');
      expect(registered.status).toBe(200);
      expect((await call('GET', `/incoming-documents/${id}`, 'auditor')).body).toMatchObject({ status: 'registered', incomingNumber: { year: YEAR, sequence: 1 } });
      await ok('POST', `/incoming-documents/${id}/initial-review`, 'registrar', { outcome: 'accept' });
      await ok('POST', `/incoming-documents/${id}/propose`, 'director', { proposal: '拟请县应急局牵头办理' });
      await ok('POST', `/incoming-documents/${id}/instruct`, 'leader', { instruction: '请应急局牵头抓好落实' });
      const unchased = await call('POST', `/incoming-documents/${id}/assign-handling`, 'director', { units: [{ unit: '县应急局', role: 'lead' }], handlerId: 'u-handler', handlerName: '陈承办' });
      expect(unchased.status).toBe(400);
      expect(unchased.body).toMatchObject({ code: 'DOC-10' });
      await ok('POST', `/incoming-documents/${id}/assign-handling`, 'director', {
        units: [
          { unit: '县应急局', role: 'lead' },
          { unit: '县住建局', role: 'assist' },
        ],
        handlerId: 'u-handler',
        handlerName: '陈承办',
        chaserId: 'u-director',
        chaserName: '吴主任',
      });
      await ok('POST', `/incoming-documents/${id}/circulate`, 'director', { readers: [{ readerId: 'u-leader', readerName: '郑书记' }] });
      const notOnList = await call('POST', `/incoming-documents/${id}/read`, 'reader');
      expect(notOnList.status).toBe(403);
      expect(notOnList.body).toMatchObject({ code: 'DOC-11' });
      await ok('POST', `/incoming-documents/${id}/read`, 'leader');
      const noResult = await call('POST', `/incoming-documents/${id}/complete`, 'handler', { result: ' ' });
      expect(noResult.status).toBe(400);
      await ok('POST', `/incoming-documents/${id}/complete`, 'handler', { result: '已完成检查并报送情况' });
      const handedOff = await call('POST', `/incoming-documents/${id}/hand-off`, 'registrar');
      expect(handedOff.status).toBe(200);

      const read = await call('GET', `/incoming-documents/${id}`, 'auditor');
      expect(read.headers.get('etag')).toBe(`"${read.body['version'] as number}"`);
      expect(read.body).toMatchObject({ id, status: 'filed', result: '已完成检查并报送情况', assignment: { leadUnit: '县应急局', handlerId: 'u-handler' } });
      expect((read.body['circulation'] as { completedAt?: string }).completedAt).toBeDefined();
      const list = (await call('GET', '/incoming-documents', 'auditor')).body as unknown as Array<Record<string, unknown>>;
      expect(list).toContainEqual(expect.objectContaining({ id, kind: 'incoming', status: 'filed', documentNumber: `收文〔${YEAR}〕1号` }));
      const history = (await call('GET', `/incoming-documents/${id}/history`, 'auditor')).body as unknown as Array<{ type: string }>;
      expect(history.map((entry) => entry.type)).toEqual([
        'IncomingDocumentReceived',
        'IncomingDocumentRegistered',
        'IncomingDocumentInitiallyReviewed',
        'IncomingDocumentHandlingProposed',
        'IncomingDocumentInstructed',
        'IncomingDocumentHandlingAssigned',
        'IncomingDocumentCirculated',
        'IncomingDocumentRead',
        'IncomingDocumentCirculationCompleted',
        'IncomingDocumentCompleted',
        'IncomingDocumentHandedOffForFiling',
      ]);
      expect((await call('GET', `/incoming-documents/${id}/content`, 'handler')).body).toMatchObject({ content: '请于月底前完成检查。' });

      const second = await ok('POST', '/incoming-documents', 'registrar', { sender: '省厅', senderDocumentNumber: `省厅函〔${YEAR}〕3号`, title: '关于报送材料的函', secrecyLevel: 'none', copies: 1, urgency: 'none', replyDue: true });
      const secondId = second.body['id'] as string;
      await ok('POST', `/incoming-documents/${secondId}/register`, 'registrar');
      expect((await call('GET', `/incoming-documents/${secondId}`, 'auditor')).body).toMatchObject({ incomingNumber: { year: YEAR, sequence: 2 } });
    });

    it('DOC-12 completes a document that needs a reply only with a registered outgoing document of this service, recording the link and its number', async () => {
      const received = await ok('POST', '/incoming-documents', 'registrar', { sender: '市政府办', senderDocumentNumber: `市政办函〔${YEAR}〕7号`, title: '关于征求意见的函', secrecyLevel: 'none', copies: 1, urgency: 'none', replyDue: true });
      const id = received.body['id'] as string;
      await ok('POST', `/incoming-documents/${id}/register`, 'registrar');
      await ok('POST', `/incoming-documents/${id}/initial-review`, 'registrar', { outcome: 'accept' });
      await ok('POST', `/incoming-documents/${id}/propose`, 'director', { proposal: '拟请办公室复函' });
      await ok('POST', `/incoming-documents/${id}/instruct`, 'leader', { instruction: '请办公室复函' });
      await ok('POST', `/incoming-documents/${id}/assign-handling`, 'director', { units: [{ unit: '办公室', role: 'lead' }], handlerId: 'u-handler', handlerName: '陈承办' });

      const unregistered = await rechecked({ type: 'letter', title: '关于征求意见的复函', issuerCode: '县政函' });
      const complete = (reply: object) => call('POST', `/incoming-documents/${id}/complete`, 'handler', { result: '已复函', reply });
      const bareNumber = await complete({ documentNumber: `县政函〔${YEAR}〕1号` });
      expect(bareNumber.status).toBe(400);
      expect(await complete({ outgoingDocumentId: 'no-such-document' })).toMatchObject({ status: 422, body: { code: 'DOC-12' } });
      expect(await complete({ outgoingDocumentId: id })).toMatchObject({ status: 422, body: { code: 'DOC-12' } });
      expect(await complete({ outgoingDocumentId: unregistered })).toMatchObject({ status: 409, body: { code: 'DOC-12' } });

      await ok('POST', `/outgoing-documents/${unregistered}/register`, 'registrar', { copies: 1 });
      const [{ number: documentNumber }] = await service.runtime.dataSource.query(`SELECT data->>'documentNumber' AS number FROM "documents".events WHERE stream_id = $1 AND type = 'OutgoingDocumentRegistered'`, [unregistered]);
      expect(await complete({ outgoingDocumentId: unregistered, documentNumber: `县政函〔${YEAR}〕999号` })).toMatchObject({ status: 409, body: { code: 'DOC-12' } });
      await ok('POST', `/incoming-documents/${id}/complete`, 'handler', { result: '已复函', reply: { outgoingDocumentId: unregistered } });
      const completed = await service.runtime.dataSource.query(`SELECT data FROM "documents".events WHERE stream_id = $1 AND type = 'IncomingDocumentCompleted'`, [id]);
      expect(completed[0].data).toMatchObject({ reply: { outgoingDocumentId: unregistered, documentNumber } });
      expect((await call('GET', `/incoming-documents/${id}`, 'auditor')).body).toMatchObject({ status: 'completed', reply: { outgoingDocumentId: unregistered, documentNumber } });
    });
  });

  it('COMMON-1 COMMON-2 every documents route answers its access matrix', async () => {
    const routes = listRoutes(service.app).filter((route) => !route.isPublic);
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(await accessMatrixFailures(service.url, routes, { secret })).toEqual([]);
  }, 120_000);
});
