import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { PostgresFileStore, fileStoreMigrations, openServiceDataSource, type StoredFile } from '@oa/platform';
import { testRun, uniqueName } from '@oa/testing';

const execute = promisify(execFile);
const root = join(__dirname, '..');

/** Runs `oa …` as an administrator would; resolves with its exit code and output either way. */
async function oa(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [join(root, 'tools/cli/oa.js'), ...args], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A PDF by its magic bytes, the rest random: spans several 1 MiB chunks. */
const pdfOf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), randomBytes(bytes)]);

describe('oa files verify: every stored file against its recorded digests (real PostgreSQL, no broker)', () => {
  const run = testRun();
  const schema = uniqueName('filesverify');
  const key = randomBytes(32);
  let dataSource: DataSource;
  let plain: StoredFile;
  let encrypted: StoredFile;

  const verify = (env: NodeJS.ProcessEnv) => oa(['files', 'verify', '--service', 'documents', '--schema', schema], env);
  /** Changes one byte of a stored chunk, as a superuser or a damaged disk could. */
  const alterChunk = (file: StoredFile, index: number) =>
    dataSource.query(`UPDATE "${schema}".file_chunks SET bytes = set_byte(bytes, 100, (get_byte(bytes, 100) + 1) % 256) WHERE file_id = $1 AND index = $2`, [file.fileId, index]);

  beforeAll(async () => {
    dataSource = await openServiceDataSource({ url: run.databaseOwnerUrl, schema, migrations: fileStoreMigrations(schema) });
    const store = new PostgresFileStore(dataSource, schema, { maxBytes: 10_000_000, algorithms: ['sha256', 'sm3'], key, chunkBytes: 1024 * 1024 });
    ({ file: plain } = await store.put(Readable.from([pdfOf(1_500_000)]), { name: '公文.pdf', encrypted: false, acceptedFormats: ['pdf'] }));
    ({ file: encrypted } = await store.put(Readable.from([pdfOf(2_500_000)]), { name: '秘密公文.pdf', encrypted: true, acceptedFormats: ['pdf'] }));
  });
  afterAll(() => dataSource.destroy());

  it('FILE-1 an unknown service is a usage error in Chinese, before any database is asked', async () => {
    const unknown = await oa(['files', 'verify', '--service', 'documnets']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知保存文件的服务 documnets（可选：documents、meetings、archives）');
  });

  it('ARC-4 recomputes sha256 and sm3 of every stored file, plain and encrypted, and finds them as recorded (exit 0)', async () => {
    const intact = await verify({ DOCUMENT_CONTENT_KEY: key.toString('hex') });
    expect(intact.stdout).toContain('共校验 2 个文件（3.8 MiB）：一致 2 个，不一致 0 个，无法校验 0 个');
    expect(intact.code).toBe(0);
  });

  it('FILE-2 an encrypted file is not verifiable without the service key: reported, exit 3', async () => {
    const keyless = await verify({ DOCUMENT_CONTENT_KEY: '' });
    expect(keyless.code).toBe(3);
    expect(keyless.stdout).toContain('一致 1 个，不一致 0 个，无法校验 1 个');
    expect(keyless.stdout).toContain(`? ${encrypted.fileId}: keyMissing（加密文件，未配置 DOCUMENT_CONTENT_KEY`);
  });

  it('ARC-4 a byte changed in a plain file’s chunk is a mismatch of both digests, naming the file (exit 3)', async () => {
    await alterChunk(plain, 1);
    const altered = await verify({ DOCUMENT_CONTENT_KEY: key.toString('hex') });
    expect(altered.code).toBe(3);
    expect(altered.stdout).toContain('一致 1 个，不一致 1 个');
    expect(altered.stdout).toContain(`✗ ${plain.fileId}: sha256Mismatch, sm3Mismatch\n`);
    expect(altered.stdout).not.toContain(encrypted.fileId);
  });

  it('FILE-2 ARC-4 a byte changed in an encrypted chunk fails its AES-GCM tag: a mismatch, not a crash (exit 3)', async () => {
    await alterChunk(encrypted, 2);
    const altered = await verify({ DOCUMENT_CONTENT_KEY: key.toString('hex') });
    expect(altered.code).toBe(3);
    expect(altered.stdout).toContain('一致 0 个，不一致 2 个');
    expect(altered.stdout).toContain(`✗ ${encrypted.fileId}: decryptionFailed`);
  });
});
