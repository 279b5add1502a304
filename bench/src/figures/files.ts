import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_CHUNK_BYTES, PostgresFileStore, fileStoreMigrations } from '@oa/platform';
import { urlOf, type BenchContext } from '../context';
import { median, now } from '../measure';

const MIB = 2 ** 20;
/** What an upload's request stream hands the store at a time. */
const PIECE_BYTES = 64 * 1024;

/** The baseline's table: the file chunks' columns, key and storage (files.migration.ts). */
const RAW_DDL = `CREATE TABLE "bench".raw_chunks (file_id uuid NOT NULL, index integer NOT NULL, bytes bytea NOT NULL, PRIMARY KEY (file_id, index));
  ALTER TABLE "bench".raw_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL`;

/** Writes a file's bytes; resolves with what reads them all back (and counts them). */
interface Contender {
  readonly name: string;
  write(content: Buffer): Promise<() => Promise<number>>;
}

/** A PDF by its magic bytes, the rest random: as incompressible as the OFD, PDF and scans offices store. */
const pdfOf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), randomBytes(bytes - 9)]);

const chunksOf = (content: Buffer) =>
  Array.from({ length: Math.ceil(content.length / DEFAULT_CHUNK_BYTES) }, (_, index) => content.subarray(index * DEFAULT_CHUNK_BYTES, (index + 1) * DEFAULT_CHUNK_BYTES));

async function* piecesOf(content: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < content.length; at += PIECE_BYTES) yield content.subarray(at, at + PIECE_BYTES);
}

/** Chunked `bytea` rows written and read with `pg` directly: the same chunks as the store's (DEFAULT_CHUNK_BYTES), no hashing, no format check. */
function rawBytea(client: Client): Contender {
  return {
    name: 'raw bytea chunks (pg, no hashing)',
    async write(content) {
      const fileId = randomUUID();
      const chunks = chunksOf(content);
      await client.query('BEGIN');
      for (const [index, chunk] of chunks.entries()) await client.query(`INSERT INTO "bench".raw_chunks (file_id, index, bytes) VALUES ($1, $2, $3)`, [fileId, index, chunk]);
      await client.query('COMMIT');
      return async () => {
        let read = 0;
        for (let index = 0; index < chunks.length; index += 1) {
          const { rows } = await client.query<{ bytes: Buffer }>(`SELECT bytes FROM "bench".raw_chunks WHERE file_id = $1 AND index = $2`, [fileId, index]);
          read += rows[0]!.bytes.length;
        }
        return read;
      };
    },
  };
}

/** The alternative to chunked rows: one large object per file, written and read a chunk at a time. */
function largeObject(client: Client): Contender {
  return {
    name: 'large object (lo_from_bytea + lo_put / lo_get)',
    async write(content) {
      const [first, ...rest] = chunksOf(content);
      await client.query('BEGIN');
      const { rows } = await client.query<{ oid: number }>(`SELECT lo_from_bytea(0, $1) AS oid`, [first]);
      const oid = rows[0]!.oid;
      for (const [n, chunk] of rest.entries()) await client.query(`SELECT lo_put($1, $2, $3)`, [oid, (n + 1) * DEFAULT_CHUNK_BYTES, chunk]);
      await client.query('COMMIT');
      return async () => {
        let read = 0;
        for (let offset = 0; offset < content.length; offset += DEFAULT_CHUNK_BYTES) {
          const { rows: got } = await client.query<{ bytes: Buffer }>(`SELECT lo_get($1, $2, $3) AS bytes`, [oid, offset, DEFAULT_CHUNK_BYTES]);
          read += got[0]!.bytes.length;
        }
        return read;
      };
    },
  };
}

function ours(store: PostgresFileStore, encrypted: boolean): Contender {
  return {
    name: `PostgresFileStore put/open, ${encrypted ? 'encrypted (AES-256-GCM)' : 'plain'}`,
    async write(content) {
      const { file, created } = await store.put(piecesOf(content), { name: 'bench.pdf', encrypted, acceptedFormats: ['pdf'] });
      if (!created) throw new Error('files: the upload was deduplicated, nothing written');
      return async () => {
        let read = 0;
        for await (const piece of store.open(file)) read += (piece as Buffer).length;
        return read;
      };
    },
  };
}

/**
 * Files: upload and download rates of a `--file-mib` file through the file store (streamed in
 * 64 KiB pieces, sha256, format check; plain and encrypted) against `pg` writing and reading the
 * same chunks directly, as `bytea` rows and as a large object — the measured reason the
 * store keeps chunked rows. Each contender writes then reads back its copy; the order rotates
 * with each repetition, so no one always reads what the server cached last.
 */
export async function filesFigure(context: BenchContext): Promise<void> {
  const { options } = context;
  const size = options.fileMib * MIB;
  const dataSource = await context.store('files', 2, { migrations: fileStoreMigrations('bench') });
  // the size limit is the file's, the digests the default DIGEST_ALGORITHMS
  const store = new PostgresFileStore(dataSource, 'bench', { maxBytes: size, algorithms: ['sha256'], key: randomBytes(32), chunkBytes: DEFAULT_CHUNK_BYTES });
  const client = new Client({ connectionString: urlOf(dataSource) });
  await client.connect();
  await client.query(RAW_DDL);
  const contenders = [rawBytea(client), largeObject(client), ours(store, false), ours(store, true)];
  const rates = new Map(contenders.map((contender) => [contender, { upload: [] as number[], download: [] as number[] }]));
  try {
    for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
      const content = pdfOf(size);
      for (const contender of contenders.map((_, n) => contenders[(n + repetition) % contenders.length]!)) {
        const rate = rates.get(contender)!;
        const begin = now();
        const readBack = await contender.write(content);
        const written = now();
        const read = await readBack();
        if (read !== size) throw new Error(`files: ${contender.name} read back ${read} of ${size} bytes`);
        rate.upload.push(options.fileMib / ((written - begin) / 1000));
        rate.download.push(options.fileMib / ((now() - written) / 1000));
      }
    }
  } finally {
    await client.end();
    await dataSource.destroy();
  }
  const baseline = contenders[0]!;
  for (const direction of ['upload', 'download'] as const) {
    const runs = (contender: Contender) => rates.get(contender)![direction];
    const reference = { name: 'raw bytea', value: median(runs(baseline)) };
    for (const contender of contenders) {
      const value = median(runs(contender));
      context.report({
        figure: 'files',
        measurement: `${direction} ${options.fileMib} MiB, ${contender.name}`,
        value,
        unit: 'MiB/s',
        ...(contender !== baseline && { reference, ratio: value / reference.value }),
        note: `runs: ${runs(contender).map((run) => run.toFixed(1)).join(', ')} MiB/s`,
      });
    }
  }
}
