import { randomBytes, randomUUID } from 'node:crypto';
import { dropLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { testRun } from '@oa/testing';
import { DocumentsModule } from './documents.module';
import { documentsService } from './documents.service-definition';

const secret = randomBytes(32).toString('hex');
const TITLE = `关于某专项工作的机密通知-${randomBytes(4).toString('hex')}`;

type Person = 'drafter' | 'lowClearance' | 'outsider' | 'reader';
const PEOPLE: Record<Person, { sub: string; name: string; roles: TokenClaims['roles']; clearance: TokenClaims['clearance'] }> = {
  drafter: { sub: 'u-drafter', name: '张三', roles: ['drafter'], clearance: 'jimi' },
  // on the list, but cleared only to 秘密
  lowClearance: { sub: 'u-reader-low', name: '孙阅', roles: ['leader'], clearance: 'mimi' },
  // cleared to 绝密, but not on the list
  outsider: { sub: 'u-outsider', name: '周外', roles: ['leader'], clearance: 'juemi' },
  reader: { sub: 'u-reader', name: '赵阅', roles: ['leader'], clearance: 'jimi' },
};

interface Probe {
  readonly stream_type: string;
  readonly stream_id: string;
  readonly data: Record<string, unknown>;
  readonly metadata: { actor: { id: string } };
  readonly text: string;
}

/**
 * Issue 24 item 5, COMMON-3 and AUD-11 in the documents service: a read of a 机密 document by a
 * reader COMMON-3 does not admit is answered with an unknown id's 404, byte for byte apart from
 * the id, and recorded as HiddenItemProbed in the security log — the document's id and stream
 * type, never its title. A read of an unknown id, or by an admitted reader, records nothing.
 */
describe('documents: probes of classified documents are on record (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_doc_probes`;
  let service: RunningService;
  const tokens = {} as Record<Person, string>;
  let id: string;

  const call = async (method: string, path: string, who: Person, body?: unknown) => {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), length: response.headers.get('content-length'), text: await response.text() };
  };
  const probes = async (): Promise<Probe[]> =>
    service.runtime.dataSource.query(`SELECT stream_type, stream_id, data, metadata, data::text || metadata::text AS text FROM "documents".events WHERE type = 'HiddenItemProbed' ORDER BY position`);

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}docprobes.`,
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
    };
    service = await startService(documentsService, DocumentsModule, env);
    for (const [person, claims] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) tokens[person] = await mintToken({ ...claims, orgUnit: '办公室' }, { secret });
    const drafted = await call('POST', '/outgoing-documents', 'drafter', {
      type: 'notice',
      title: TITLE,
      issuerCode: '国发',
      mainRecipients: [{ name: '各区县人民政府', kind: 'organ', relation: 'subordinate' }],
      secrecyLevel: 'jimi',
      secrecyPeriod: { unit: 'year', value: 1 },
      urgency: 'none',
      content: '各单位：机密正文。',
      readers: ['u-reader', 'u-reader-low'],
    });
    if (drafted.status !== 201) throw new Error(`draft: ${drafted.status} ${drafted.text}`);
    id = (JSON.parse(drafted.text) as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('COMMON-3 answers an uncleared reader’s read of a 机密 document byte for byte as an unknown id’s 404, and records it as a probe without the title', async () => {
    const unknownId = randomUUID();
    expect(unknownId).toHaveLength(id.length);
    const missing = await call('GET', `/outgoing-documents/${unknownId}`, 'lowClearance');
    const hidden = await call('GET', `/outgoing-documents/${id}`, 'lowClearance');
    expect(missing.status).toBe(404);
    expect(hidden).toEqual({ ...missing, text: missing.text.replace(unknownId, id) });
    expect(hidden.text).toContain('COMMON.NOT_FOUND');
    expect(hidden.text).not.toContain(TITLE);

    const recorded = await probes();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      stream_type: 'securityLog',
      stream_id: expect.stringMatching(/^security-documents-\d{4}-\d{2}-\d{2}-[0-9a-f-]{36}$/),
      data: { method: 'GET', path: `/api/v1/outgoing-documents/${id}`, itemId: id, streamType: 'outgoingDocument', reason: 'COMMON-3', basis: 'clearance', status: 404 },
      metadata: { actor: { id: 'u-reader-low' } },
    });
    expect(recorded[0]!.text).not.toContain(TITLE);
  });

  it('COMMON-3 records a probe of the history and the text by one cleared but off the list, and nothing for an admitted reader', async () => {
    const before = (await probes()).length;
    expect((await call('GET', `/outgoing-documents/${id}/history`, 'outsider')).status).toBe(404);
    expect((await call('GET', `/outgoing-documents/${id}/content`, 'outsider')).status).toBe(404);
    expect((await call('GET', `/outgoing-documents/${id}`, 'reader')).status).toBe(200);
    const recorded = (await probes()).slice(before);
    expect(recorded.map((probe) => [probe.data['path'], probe.data['basis'], probe.metadata.actor.id])).toEqual([
      [`/api/v1/outgoing-documents/${id}/history`, 'needToKnow', 'u-outsider'],
      [`/api/v1/outgoing-documents/${id}/content`, 'needToKnow', 'u-outsider'],
    ]);
    expect(recorded.every((probe) => !probe.text.includes(TITLE))).toBe(true);
  });
});
