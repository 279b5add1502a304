import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { DataSource } from 'typeorm';
import { sampleFiles, testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource } from '../database/data-source';
import { fileStoreMigrations } from './files.migration';
import { FileRefused } from './file-store';
import { PostgresFileStore, type FileStoreSettings } from './postgres-file-store';

const drafts = ['docx', 'wps', 'ofd', 'pdf', 'txt'] as const;

async function* piecesOf(bytes: Buffer, pieceBytes: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) yield bytes.subarray(offset, offset + pieceBytes);
}

describe('PostgresFileStore (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let store: PostgresFileStore;
  const schema = uniqueName('files');
  // small chunks so a few KB cross several of them
  const settings: FileStoreSettings = { maxBytes: 64 * 1024, algorithms: ['sha256', 'sm3'], key: randomBytes(32), chunkBytes: 4096 };

  const rowCounts = async () => {
    const [counts] = await dataSource.query(`SELECT (SELECT count(*) FROM "${schema}".files)::int AS files, (SELECT count(*) FROM "${schema}".file_chunks)::int AS chunks`);
    return counts as { files: number; chunks: number };
  };

  beforeAll(async () => {
    dataSource = await openServiceDataSource({ url: testRun().databaseUrl, schema, migrations: fileStoreMigrations(schema) });
    store = new PostgresFileStore(dataSource, schema, settings);
  });
  afterAll(() => dataSource.destroy());

  it("FILE-1 records GB/T 32905's SM3 example and SHA-256 of a file holding abc", async () => {
    const { file, created } = await store.put(piecesOf(Buffer.from('abc'), 1), { name: '说明.txt', encrypted: false, acceptedFormats: drafts });

    expect(created).toBe(true);
    expect(file).toMatchObject({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      sm3: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
      size: 3,
      format: 'txt',
      mediaType: 'text/plain; charset=utf-8',
    });
    expect(await store.recompute(file)).toEqual({ sha256: file.sha256, sm3: file.sm3, size: 3 });
  });

  it('FILE-1 a refused command never takes away bytes another upload claimed meanwhile; a file no event keeps goes with its last claim', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * 4096)]);
    const upload = { name: '会签稿.pdf', encrypted: false, acceptedFormats: drafts };
    const first = await store.put(piecesOf(bytes, 4096), upload);
    // a second upload of the same bytes while the first one's command is still deciding
    const second = await store.put(piecesOf(bytes, 4096), upload);
    expect([first.created, second.created, second.file.fileId]).toEqual([true, false, first.file.fileId]);
    await store.release(first.file.fileId);
    expect(await store.find(first.file.sha256, false)).toEqual(first.file);
    await store.keep(second.file.fileId);
    // kept: a later refused claim leaves it
    const third = await store.put(piecesOf(bytes, 4096), upload);
    await store.release(third.file.fileId);
    expect(await buffer(store.open(first.file))).toEqual(bytes);

    const alone = await store.put(piecesOf(Buffer.from('%PDF-1.7\n被退回的附件'), 4096), upload);
    const before = await rowCounts();
    await store.release(alone.file.fileId);
    expect(await store.find(alone.file.sha256, false)).toBeUndefined();
    expect(await rowCounts()).toEqual({ files: before.files - 1, chunks: before.chunks - 1 });
  });

  it('FILE-1 stores the same bytes once, and reads back any range across chunks', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 4096 + 100)]);
    const first = await store.put(piecesOf(bytes, 1000), { name: '附件1.pdf', encrypted: false, acceptedFormats: drafts });
    const before = await rowCounts();
    const again = await store.put(piecesOf(bytes, 4096), { name: '另一名称.pdf', encrypted: false, acceptedFormats: drafts });

    expect(again).toEqual({ file: first.file, created: false });
    expect(await rowCounts()).toEqual(before);
    expect(await buffer(store.open(first.file))).toEqual(bytes);
    expect(await buffer(store.open(first.file, { start: 4000, end: 8200 }))).toEqual(bytes.subarray(4000, 8201));
    expect(await buffer(store.open(first.file, { start: bytes.length - 1, end: bytes.length - 1 }))).toEqual(bytes.subarray(-1));
  });

  it('FILE-2 stores a classified file encrypted: no chunk holds its bytes, and it reads back whole', async () => {
    const secret = Buffer.from(`%PDF-1.7\n${'机密附件内容'.repeat(1000)}`, 'utf8');
    const { file } = await store.put(piecesOf(secret, 5000), { name: '机密附件.pdf', encrypted: true, acceptedFormats: drafts });

    const chunks: Array<{ bytes: Buffer }> = await dataSource.query(`SELECT bytes FROM "${schema}".file_chunks WHERE file_id = $1 ORDER BY index`, [file.fileId]);
    expect(chunks.length).toBe(Math.ceil(secret.length / 4096));
    const stored = Buffer.concat(chunks.map((chunk) => chunk.bytes));
    expect(stored.includes(Buffer.from('机密附件内容', 'utf8'))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(file.encrypted).toBe(true);
    expect(await buffer(store.open(file))).toEqual(secret);
  });

  it('FILE-2 a sealed chunk changed in the store is refused when read, not served altered', async () => {
    const { file } = await store.put(piecesOf(Buffer.from(`%PDF-1.7\n${'秘密'.repeat(3000)}`), 4096), { name: '秘密.pdf', encrypted: true, acceptedFormats: drafts });
    // every bit of the third byte flipped: a byte set to a constant stays unchanged when it already was that (1 run in 256)
    await dataSource.query(`UPDATE "${schema}".file_chunks SET bytes = set_byte(bytes, 2, get_byte(bytes, 2) # 255) WHERE file_id = $1 AND index = 1`, [file.fileId]);

    await expect(store.recompute(file)).rejects.toThrow(/authenticate/);
  });

  it('FILE-3 tells OFD, DOCX, PDF and WPS by their content', async () => {
    const formats = await Promise.all(
      (
        [
          ['正文.ofd', await sampleFiles.ofd()],
          ['正文.docx', await sampleFiles.docx()],
          ['正文.pdf', sampleFiles.pdf()],
          ['正文.wps', sampleFiles.wps()],
          ['正文', await sampleFiles.ofd('无扩展名')],
        ] as const
      ).map(async ([name, bytes]) => (await store.put(piecesOf(bytes, 4096), { name, encrypted: false, acceptedFormats: drafts })).file.format),
    );

    expect(formats).toEqual(['ofd', 'docx', 'pdf', 'wps', 'ofd']);
  });

  it('FILE-3 refuses a ZIP named .pdf, a format not accepted, and bytes that are no known format, leaving nothing behind', async () => {
    const before = await rowCounts();
    const refusal = (name: string, bytes: Buffer, acceptedFormats: readonly (typeof drafts)[number][] = drafts) =>
      store.put(piecesOf(bytes, 4096), { name, encrypted: false, acceptedFormats }).then(
        () => 'stored',
        (error: FileRefused) => [error.getStatus(), (error.getResponse() as { code: string }).code, (error.getResponse() as { title: string }).title],
      );

    expect(await refusal('附件.pdf', await sampleFiles.zip())).toEqual([400, 'FILE-3', '文件格式与扩展名不符']);
    expect(await refusal('附件', await sampleFiles.zip())).toEqual([400, 'FILE-3', '文件格式不在可接受之列']);
    expect(await refusal('归档.docx', await sampleFiles.docx(), ['ofd', 'pdf'])).toEqual([400, 'FILE-3', '文件格式不在可接受之列']);
    expect(await refusal('二进制.bin', Buffer.from([0xc3, 0x28, 0x00, 0xff]))).toEqual([400, 'FILE-3', '文件格式不可识别']);
    expect(await rowCounts()).toEqual(before);
  });

  it('FILE-1 an upload over the size limit is refused with 413 as soon as it passes it, leaving nothing behind', async () => {
    const before = await rowCounts();
    let sent = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('%PDF-1.7\n');
      for (;;) {
        sent += 8192;
        yield Buffer.alloc(8192, 0x20);
      }
    }

    await expect(store.put(endless(), { name: '大文件.pdf', encrypted: false, acceptedFormats: drafts })).rejects.toMatchObject({ status: 413 });
    expect(sent).toBeLessThanOrEqual(settings.maxBytes + 8192);
    expect(await rowCounts()).toEqual(before);
  });

  it('FILE-1 an upload cut off midway leaves no bytes and no row', async () => {
    const before = await rowCounts();
    async function* cutOff(): AsyncGenerator<Buffer> {
      yield Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 4096)]);
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    }

    await expect(store.put(cutOff(), { name: '中断.pdf', encrypted: false, acceptedFormats: drafts })).rejects.toThrow('aborted');
    expect(await rowCounts()).toEqual(before);
  });
});
