import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource, QueryFailedError } from 'typeorm';
import { DEFAULT_CHUNK_BYTES, DEFAULT_FILE_MAX_BYTES, PostgresFileStore, type StoredFile } from '@oa/platform';
import { EXIT, oneOf } from '../conventions';
import { databaseUrl } from '../infrastructure';
import { checkedSchema } from '../store-chains';

/** The services that keep files, and the variable holding each one's key of encrypted files (FILE-2, 64 hex digits). */
const CONTENT_KEYS: Readonly<Record<string, string>> = { documents: 'DOCUMENT_CONTENT_KEY', meetings: 'MEETING_CONTENT_KEY', archives: 'ARCHIVE_CONTENT_KEY' };

function contentKey(variable: string): Buffer | undefined {
  const hex = process.env[variable];
  if (!hex) return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${variable} 须为 64 位十六进制 (must be 64 hex digits)`);
  return Buffer.from(hex, 'hex');
}

/** What differs between a file's row and the digests of its stored bytes: stable codes, none when they agree. */
async function problemsOf(store: PostgresFileStore, file: StoredFile): Promise<string[]> {
  let recomputed: Awaited<ReturnType<PostgresFileStore['recompute']>>;
  try {
    recomputed = await store.recompute(file);
  } catch (error) {
    // a failing database says nothing about the file; a chunk whose AES-GCM tag fails, or a missing chunk, does
    if (error instanceof QueryFailedError || !(error instanceof Error)) throw error;
    return [file.encrypted ? `decryptionFailed（无法解密存储的块：密文被改动、缺块或密钥不符；${error.message}）` : `unreadable（无法读回存储的块：${error.message}）`];
  }
  return [
    ...(recomputed.sha256 === file.sha256 ? [] : ['sha256Mismatch']),
    ...(recomputed.sm3 === file.sm3 ? [] : ['sm3Mismatch']),
    ...(recomputed.size === file.size ? [] : ['sizeMismatch']),
  ];
}

const verify = new Command('verify')
  .description('重算某服务所存每个文件的摘要（sha256，及记录中的 sm3）与大小，并与记录比对（ARC-4）(recompute every stored file digest of a service and compare with its record)')
  .requiredOption('--service <name>', `服务 (service): ${Object.keys(CONTENT_KEYS).join(', ')}`, oneOf('保存文件的服务', Object.keys(CONTENT_KEYS)))
  .option('--schema <schema>', '数据库 schema（默认同服务名）(schema, default: the service name)')
  .option('--quiet', '不显示进度条 (no progress bar)')
  .action(async (options: { service: string; schema?: string; quiet?: boolean }) => {
    const schema = checkedSchema(options.schema ?? options.service);
    const keyVariable = CONTENT_KEYS[options.service] as string;
    const key = contentKey(keyVariable);
    const url = await databaseUrl();
    // read only: no migrations, unlike a service opening its schema
    const dataSource = await new DataSource({ type: 'postgres', url, extra: { max: 2 } }).initialize();
    try {
      const [{ present }] = (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${schema}".files`])) as Array<{ present: boolean }>;
      if (!present) throw new Error(`schema ${schema} 中没有文件表（服务尚未启用文件存储，或 --schema 有误）(no files table in schema ${schema})`);
      const [{ files, bytes }] = (await dataSource.query(`SELECT count(*)::int AS files, coalesce(sum(size), 0)::float8 AS bytes FROM "${schema}".files`)) as Array<{ files: number; bytes: number }>;
      // reading back needs only the key: the size limit and the digests to compute are for uploads
      const store = new PostgresFileStore(dataSource, schema, { maxBytes: DEFAULT_FILE_MAX_BYTES, algorithms: ['sha256'], key, chunkBytes: DEFAULT_CHUNK_BYTES });
      const mismatched: Array<{ fileId: string; problems: string[] }> = [];
      const unverifiable: string[] = [];
      let checked = 0;
      const bar = new SingleBar({ format: '校验中 {bar} {percentage}% | {checked}/{files} 个文件 | 不一致 {mismatched} | 剩余 {eta_formatted}', hideCursor: true }, Presets.shades_classic);
      if (!options.quiet) bar.start(bytes, 0, { checked, files, mismatched: 0 });
      for await (const file of store.all()) {
        if (file.encrypted && key === undefined) {
          unverifiable.push(file.fileId);
        } else {
          const problems = await problemsOf(store, file);
          if (problems.length > 0) mismatched.push({ fileId: file.fileId, problems });
        }
        checked += 1;
        if (!options.quiet) bar.increment(file.size, { checked, mismatched: mismatched.length });
      }
      if (!options.quiet) bar.stop();
      const intact = checked - mismatched.length - unverifiable.length;
      console.log(
        `共校验 ${checked} 个文件（${(bytes / 2 ** 20).toFixed(1)} MiB）：一致 ${intact} 个，不一致 ${mismatched.length} 个，无法校验 ${unverifiable.length} 个 ` +
          `(checked ${checked} files: ${intact} intact, ${mismatched.length} mismatched, ${unverifiable.length} not verifiable)`,
      );
      for (const { fileId, problems } of mismatched) console.log(`  ✗ ${fileId}: ${problems.join(', ')}`);
      for (const fileId of unverifiable) console.log(`  ? ${fileId}: keyMissing（加密文件，未配置 ${keyVariable}，无法解密校验）`);
      if (mismatched.length + unverifiable.length > 0) process.exitCode = EXIT.different;
    } finally {
      await dataSource.destroy();
    }
  });

/** oa files — 服务所存的文件 (the services' stored files). */
export const filesCommand = new Command('files').description('服务所存的文件：校验摘要 (stored files)').addCommand(verify);
