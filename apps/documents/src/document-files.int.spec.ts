import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { dropLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { TopicCollector, sampleFiles, testRun } from '@oa/testing';
import { DocumentsModule } from './documents.module';
import { documentsService } from './documents.service-definition';

const secret = randomBytes(32).toString('hex');
const MB = 1024 * 1024;
const MAX_BYTES = 8 * MB;

type Person = 'drafter' | 'reader' | 'outsider';
const PEOPLE: Record<Person, { sub: string; name: string; roles: TokenClaims['roles']; clearance: TokenClaims['clearance'] }> = {
  drafter: { sub: 'u-file-drafter', name: '张拟', roles: ['drafter'], clearance: 'jimi' },
  reader: { sub: 'u-file-reader', name: '赵阅', roles: ['leader'], clearance: 'jimi' },
  // cleared, but not on the list of the 机密 document
  outsider: { sub: 'u-file-outsider', name: '周外', roles: ['leader'], clearance: 'juemi' },
};

interface FileRow {
  file_id: string;
  encrypted: boolean;
}

/** Bytes of a repeated pattern, `total` of them, produced as they are sent. */
async function* patterned(head: Buffer, total: number): AsyncGenerator<Buffer> {
  const block = Buffer.alloc(64 * 1024, '公文附件');
  yield head;
  for (let sent = head.length; sent < total; sent += block.length) yield block.subarray(0, Math.min(block.length, total - sent));
}

/**
 * FILE-1..3 through the documents service: uploads streamed into its file store and attached by
 * an event that carries digests, size, format and name (never bytes); downloads with Range for
 * the readers COMMON-3 admits; nothing left behind by a refused, oversized or cut-off upload.
 */
describe('documents: 正文、附件 and 签发稿 as files (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_doc_files`;
  const topicPrefix = `${run.topicPrefix}docfiles.`;
  let service: RunningService;
  const tokens = {} as Record<Person, string>;

  const api = (path: string) => `${service.url}/api/v1${path}`;
  const headers = (who: Person, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${tokens[who]}`, ...extra });
  const draft = async (secrecyLevel: 'none' | 'jimi', readers: string[] = []) => {
    const response = await fetch(api('/outgoing-documents'), {
      method: 'POST',
      headers: headers('drafter', { 'content-type': 'application/json' }),
      body: JSON.stringify({
        type: 'notice',
        title: `关于文件管理的通知-${randomBytes(3).toString('hex')}`,
        issuerCode: '县办发',
        mainRecipients: [{ name: '各乡镇人民政府', kind: 'organ', relation: 'subordinate' }],
        secrecyLevel,
        ...(secrecyLevel !== 'none' && { secrecyPeriod: { unit: 'year', value: 1 } }),
        urgency: 'none',
        content: '各单位：正文。',
        readers,
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const upload = (id: string, name: string, body: Buffer | AsyncIterable<Buffer>, role = 'attachment') =>
    fetch(api(`/outgoing-documents/${id}/files?role=${role}&name=${encodeURIComponent(name)}`), {
      method: 'POST',
      headers: headers('drafter', { 'content-type': 'application/octet-stream' }),
      body,
      ...(!(body instanceof Buffer) && { duplex: 'half' }),
    } as RequestInit);
  const leftovers = async () => {
    const [counts] = await service.runtime.dataSource.query(
      `SELECT (SELECT count(*) FROM "documents".files)::int AS files, (SELECT count(*) FROM "documents".file_chunks)::int AS chunks,
              (SELECT count(*) FROM "documents".events WHERE type = 'OutgoingDocumentFileAttached')::int AS events`,
    );
    return counts as { files: number; chunks: number; events: number };
  };

  beforeAll(async () => {
    service = await startService(documentsService, DocumentsModule, {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
      DIGEST_ALGORITHMS: 'sha256,sm3',
      FILE_MAX_BYTES: String(MAX_BYTES),
    });
    for (const [person, claims] of Object.entries(PEOPLE) as Array<[Person, (typeof PEOPLE)[Person]]>) tokens[person] = await mintToken({ ...claims, orgUnit: '办公室' }, { secret });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it("FILE-1 an uploaded file holding abc is recorded with GB/T 32905's SM3 and its SHA-256, size, format and name", async () => {
    const id = await draft('none');
    const response = await upload(id, '说明.txt', Buffer.from('abc'));
    expect(response.status).toBe(200);

    const document = (await (await fetch(api(`/outgoing-documents/${id}`), { headers: headers('drafter') })).json()) as { files: unknown[]; revision: number };
    expect(document.files).toEqual([
      {
        role: 'attachment',
        file: {
          sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
          sm3: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
          size: 3,
          mediaType: 'text/plain; charset=utf-8',
          format: 'txt',
          name: '说明.txt',
        },
      },
    ]);
    // a change of the draft: the review must see it (DOC-2)
    expect(document.revision).toBe(2);
  });

  it('FILE-3 a file named .pdf holding a ZIP is refused, leaving no bytes, no row and no event', async () => {
    const id = await draft('none');
    const before = await leftovers();
    const response = await upload(id, '附件1.pdf', await sampleFiles.zip());

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'FILE-3', title: '文件格式与扩展名不符' });
    expect(await leftovers()).toEqual(before);
  });

  it('FILE-1 an upload over the limit is refused with 413, declared or found midway, leaving nothing behind', async () => {
    const id = await draft('none');
    const before = await leftovers();
    // refused on the declared length, before the body is read
    const declared = await new Promise<number>((resolve, reject) => {
      const url = new URL(api(`/outgoing-documents/${id}/files?role=attachment&name=big.pdf`));
      const request = httpRequest(url, { method: 'POST', headers: headers('drafter', { 'content-type': 'application/octet-stream', 'content-length': String(MAX_BYTES + 1) }) });
      request.on('response', (response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on('error', reject);
      request.write(Buffer.from('%PDF-1.7\n'));
    });
    expect(declared).toBe(413);
    // chunked: no length declared, the limit is found as the bytes arrive
    const midway = await upload(id, 'big.pdf', patterned(Buffer.from('%PDF-1.7\n'), MAX_BYTES + 2 * MB));
    expect(midway.status).toBe(413);
    expect(await midway.json()).toMatchObject({ code: 'FILE-1' });
    expect(await leftovers()).toEqual(before);
  });

  it('FILE-1 an upload cut off midway leaves no bytes, no row and no event', async () => {
    const id = await draft('none');
    const before = await leftovers();
    await new Promise<void>((resolve) => {
      const url = new URL(api(`/outgoing-documents/${id}/files?role=attachment&name=cut.pdf`));
      const request = httpRequest(url, { method: 'POST', headers: headers('drafter', { 'content-type': 'application/octet-stream', 'content-length': String(8 * MB) }) });
      request.on('error', () => resolve());
      request.write(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * MB)]), () => setTimeout(() => request.destroy(), 200));
    });
    // the service notices the cut and rolls back
    for (let waited = 0; waited < 5000 && (await leftovers()).chunks !== before.chunks; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await leftovers()).toEqual(before);
  });

  it('FILE-2 a 机密 attachment is stored encrypted, and neither its bytes nor its name appear on the topic', async () => {
    const id = await draft('jimi', [PEOPLE.reader.sub]);
    const name = `机密附件-${randomBytes(3).toString('hex')}.pdf`;
    const marker = `绝不外传-${randomBytes(4).toString('hex')}`;
    const bytes = Buffer.from(`%PDF-1.7\n${marker}\n`.repeat(100));
    expect((await upload(id, name, bytes)).status).toBe(200);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const [row] = (await service.runtime.dataSource.query(`SELECT file_id, encrypted FROM "documents".files WHERE sha256 = $1`, [sha256])) as FileRow[];
    expect(row?.encrypted).toBe(true);
    const [chunk] = (await service.runtime.dataSource.query(`SELECT bytes FROM "documents".file_chunks WHERE file_id = $1`, [row?.file_id])) as Array<{ bytes: Buffer }>;
    expect(chunk?.bytes.includes(Buffer.from(marker))).toBe(false);

    const topic = new TopicCollector(service.runtime.infrastructure.kafkaBrokers, service.runtime.topic);
    await topic.start();
    try {
      await topic.waitFor((messages) => messages.some((message) => message.event.type === 'OutgoingDocumentFileAttached' && message.event.streamId === id));
      const published = JSON.stringify(topic.messages.map((message) => message.event));
      expect(published).toContain(sha256);
      expect(published).not.toContain(name);
      expect(published).not.toContain(marker);
    } finally {
      await topic.stop();
    }

    // the reader on the list gets it back whole, a range of it, and under its clear name
    const whole = await fetch(api(`/outgoing-documents/${id}/files/${sha256}`), { headers: headers('reader') });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-disposition')).toContain(encodeURIComponent(name));
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
    const ranged = await fetch(api(`/outgoing-documents/${id}/files/${sha256}`), { headers: headers('reader', { range: 'bytes=10-99' }) });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 10-99/${bytes.length}`);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(10, 100));
  });

  it('COMMON-3 a download by a reader not on the list answers as an unknown id does, and is recorded (AUD-11)', async () => {
    const id = await draft('jimi', [PEOPLE.reader.sub]);
    const bytes = Buffer.from(`%PDF-1.7\n${randomBytes(16).toString('hex')}`);
    expect((await upload(id, '附件.pdf', bytes)).status).toBe(200);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const hidden = await fetch(api(`/outgoing-documents/${id}/files/${sha256}`), { headers: headers('outsider') });
    const unknown = await fetch(api(`/outgoing-documents/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/files/${sha256}`), { headers: headers('outsider') });
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(((await hidden.json()) as { code: string }).code).toBe(((await unknown.json()) as { code: string }).code);
    const probes: Array<{ path: string }> = await service.runtime.dataSource.query(`SELECT data->>'path' AS path FROM "documents".events WHERE type = 'HiddenItemProbed' AND data->>'itemId' = $1`, [id]);
    expect(probes.map((probe) => probe.path)).toEqual([`/api/v1/outgoing-documents/${id}/files/${sha256}`]);
  });
});
