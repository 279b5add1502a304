import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomUUID, type Hash } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { Readable } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';
import { RandomAccessReader, fromRandomAccessReaderPromise } from 'yauzl';
import { formatClaimedBy } from '@oa/core';
import { MAGIC_LENGTH, MEDIA_TYPE_OF, containerFormat, leadingFormat, type FileFormat } from './file-formats';
import { FileRefused, fileTooLarge, type ByteRange, type FileDigests, type FileStore, type FileUpload, type StoredFile, type StoredUpload } from './file-store';

export type DigestAlgorithm = 'sha256' | 'sm3';

export interface FileStoreSettings {
  /** FILE-1 the size limit (FILE_MAX_BYTES, default 200 MB). */
  readonly maxBytes: number;
  /** DIGEST_ALGORITHMS: sha256 always, sm3 where configured. */
  readonly algorithms: readonly DigestAlgorithm[];
  /** FILE-2 the AES-256 key of files at `mimi` and above; without it such a file is refused, never stored in clear. */
  readonly key?: Buffer;
  /** Plaintext bytes per stored chunk (the last may be shorter). */
  readonly chunkBytes: number;
}

export const DEFAULT_CHUNK_BYTES = 256 * 1024;

const TAG_BYTES = 16;

interface FileRow {
  file_id: string;
  sha256: string;
  sm3: string | null;
  size: string;
  format: FileFormat;
  media_type: string;
  encrypted: boolean;
  chunk_bytes: number;
}

/** What this store hands out: a stored file and the chunk size it was written with. */
type ChunkedFile = StoredFile & { readonly chunkBytes: number };

const fileOf = (row: FileRow): ChunkedFile => ({
  fileId: row.file_id,
  sha256: row.sha256,
  ...(row.sm3 !== null && { sm3: row.sm3 }),
  size: Number(row.size),
  format: row.format,
  mediaType: row.media_type,
  encrypted: row.encrypted,
  chunkBytes: row.chunk_bytes,
});

/** Where a file's chunks are, and how they are protected: what reading them needs. */
interface ChunkLayout {
  readonly fileId: string;
  readonly size: number;
  readonly encrypted: boolean;
  readonly chunkBytes: number;
}

const chunkCount = (layout: ChunkLayout) => Math.max(1, Math.ceil(layout.size / layout.chunkBytes));

type Query = (sql: string, parameters: unknown[]) => Promise<Array<Record<string, unknown>>>;


/**
 * FILE-1 files in PostgreSQL as chunked `bytea` rows (`<schema>.files`, `<schema>.file_chunks`):
 * plain rows, so they back up, replicate, roll back and obey grants with the rest of the
 * service's schema (large objects do none of these by themselves — see bench/README.md for the
 * measured rates). An upload is one transaction: the chunks are written as they arrive, the
 * format read from the stored bytes, and only a complete, accepted file is committed.
 *
 * FILE-2 encrypted files: each chunk sealed with AES-256-GCM under a key derived for the file
 * (HKDF of the service key and the file id), the nonce its index and whether it is the last,
 * so chunks can neither be reordered, swapped between files nor cut off unnoticed.
 */
export class PostgresFileStore implements FileStore {
  private readonly files: string;
  private readonly chunks: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly settings: FileStoreSettings,
  ) {
    this.files = `"${schema}".files`;
    this.chunks = `"${schema}".file_chunks`;
  }

  get maxBytes(): number {
    return this.settings.maxBytes;
  }

  async put(content: AsyncIterable<Uint8Array>, upload: FileUpload): Promise<StoredUpload> {
    if (upload.encrypted && this.settings.key === undefined) throw new Error('未配置文件加密密钥，不能保存秘密及以上的文件 (no file key: classified files are never stored in clear)');
    const layout = { fileId: randomUUID(), size: 0, encrypted: upload.encrypted, chunkBytes: this.settings.chunkBytes };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const received = await this.receive(runner, layout, content);
      const stored = { ...layout, size: received.size };
      const format = await this.formatOf(runner, stored, received);
      this.accept(format, upload);
      // on the upload's own connection (one upload never waits for a second one from the pool)
      // TypeORM answers an UPDATE with [rows, count]
      const claim = async () => ((await runner.query(`UPDATE ${this.files} SET pending = pending + 1 WHERE sha256 = $1 AND encrypted = $2 RETURNING *`, [received.digests.sha256, upload.encrypted])) as [FileRow[], number])[0];
      // deduplicated: the same bytes at the same protection are stored already, and this upload claims them
      let [row] = await claim();
      let created = false;
      if (!row) {
        [row] = (await runner.query(
          `INSERT INTO ${this.files} (file_id, sha256, sm3, size, format, media_type, encrypted, chunk_bytes, pending, kept)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, false)
           ON CONFLICT (sha256, encrypted) DO NOTHING RETURNING *`,
          [stored.fileId, received.digests.sha256, received.digests.sm3 ?? null, stored.size, format, MEDIA_TYPE_OF[format], stored.encrypted, stored.chunkBytes],
        )) as FileRow[];
        created = row !== undefined;
        // or a concurrent upload committed them meanwhile
        if (!row) [row] = await claim();
        if (!row) throw new Error('同一文件正被并发保存和移除，请重试 (stored and removed concurrently: retry)');
      }
      // a claim on bytes stored before: this upload's own chunks go
      if (!created) await runner.query(`DELETE FROM ${this.chunks} WHERE file_id = $1`, [stored.fileId]);
      await runner.commitTransaction();
      return { file: fileOf(row), created };
    } catch (error) {
      // a lost connection takes its transaction with it: the rollback's own failure must not hide why (a 503, not a 500)
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async find(sha256: string, encrypted: boolean): Promise<StoredFile | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM ${this.files} WHERE sha256 = $1 AND encrypted = $2`, [sha256, encrypted])) as FileRow[];
    return row && fileOf(row);
  }

  open(file: StoredFile, range?: ByteRange): Readable {
    const layout = { chunkBytes: this.settings.chunkBytes, ...file };
    // one chunk read ahead at most: Readable.from's default would hold 16 of them
    return Readable.from(this.bytes((sql, parameters) => this.dataSource.query(sql, parameters), layout, range ?? { start: 0, end: file.size - 1 }), { objectMode: false, highWaterMark: 1 });
  }

  async recompute(file: StoredFile): Promise<FileDigests & { size: number }> {
    const hashes = this.hashes(file.sm3 === undefined ? ['sha256'] : ['sha256', 'sm3']);
    let size = 0;
    for await (const piece of this.open(file)) {
      size += (piece as Buffer).length;
      for (const hash of hashes.values()) hash.update(piece as Buffer);
    }
    return { ...this.digestsOf(hashes), size };
  }

  async keep(fileId: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${this.files} SET pending = greatest(pending - 1, 0), kept = true WHERE file_id = $1`, [fileId]);
  }

  async release(fileId: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${this.files} SET pending = greatest(pending - 1, 0) WHERE file_id = $1`, [fileId]);
    // the last claim of a file no event refers to: its chunks go with it (ON DELETE CASCADE)
    await this.dataSource.query(`DELETE FROM ${this.files} WHERE file_id = $1 AND pending = 0 AND NOT kept`, [fileId]);
  }

  async *all(): AsyncIterable<StoredFile> {
    let after = '';
    for (;;) {
      const rows = (await this.dataSource.query(`SELECT * FROM ${this.files} WHERE file_id::text > $1 ORDER BY file_id::text LIMIT 100`, [after])) as FileRow[];
      if (rows.length === 0) return;
      yield* rows.map(fileOf);
      after = (rows[rows.length - 1] as FileRow).file_id;
    }
  }

  /** Writes the chunks as they arrive (the last one held back until the end: its seal says it is the last); hashes and counts them. */
  private async receive(runner: QueryRunner, layout: ChunkLayout, content: AsyncIterable<Uint8Array>) {
    const hashes = this.hashes(this.settings.algorithms);
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let isUtf8 = true;
    let head = Buffer.alloc(0);
    let size = 0;
    let index = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const write = async (chunk: Buffer, last: boolean) => {
      const bytes = layout.encrypted ? this.seal(layout.fileId, index, last, chunk) : chunk;
      await runner.query(`INSERT INTO ${this.chunks} (file_id, index, bytes) VALUES ($1, $2, $3)`, [layout.fileId, index, bytes]);
      index++;
    };
    for await (const received of content) {
      const piece = Buffer.from(received.buffer, received.byteOffset, received.byteLength);
      size += piece.length;
      if (size > this.settings.maxBytes) throw fileTooLarge(this.settings.maxBytes);
      for (const hash of hashes.values()) hash.update(piece);
      if (head.length < MAGIC_LENGTH) head = Buffer.concat([head, piece.subarray(0, MAGIC_LENGTH - head.length)]);
      if (isUtf8) isUtf8 = decodes(utf8, piece, true);
      pending.push(piece);
      pendingBytes += piece.length;
      while (pendingBytes > layout.chunkBytes) {
        const joined = Buffer.concat(pending);
        await write(joined.subarray(0, layout.chunkBytes), false);
        pending = [joined.subarray(layout.chunkBytes)];
        pendingBytes = joined.length - layout.chunkBytes;
      }
    }
    if (size === 0) throw new FileRefused(HttpStatus.BAD_REQUEST, 'FILE-1', '文件为空', '上传的文件没有内容');
    await write(Buffer.concat(pending), true);
    if (isUtf8) isUtf8 = decodes(utf8, new Uint8Array(), false);
    return { size, head, isUtf8, digests: this.digestsOf(hashes) };
  }

  /** FILE-3 the format by content: magic bytes, a ZIP by its entries (read from the stored chunks), else text if valid UTF-8. */
  private async formatOf(runner: QueryRunner, layout: ChunkLayout, received: { head: Buffer; isUtf8: boolean }): Promise<FileFormat | undefined> {
    const leading = leadingFormat(received.head);
    if (leading === 'zip-container') return containerFormat(await this.entryNames(runner, layout));
    if (leading !== undefined) return leading;
    return received.isUtf8 ? 'txt' : undefined;
  }

  private accept(format: FileFormat | undefined, upload: FileUpload): asserts format is FileFormat {
    const claimed = formatClaimedBy(upload.name);
    if (format === undefined) throw new FileRefused(HttpStatus.BAD_REQUEST, 'FILE-3', '文件格式不可识别', `${upload.name}：内容不是可接受的文件格式`);
    if (claimed !== undefined && claimed !== format) {
      throw new FileRefused(HttpStatus.BAD_REQUEST, 'FILE-3', '文件格式与扩展名不符', `${upload.name}：扩展名为 ${claimed}，内容却是 ${format}`);
    }
    if (!upload.acceptedFormats.includes(format)) {
      throw new FileRefused(HttpStatus.BAD_REQUEST, 'FILE-3', '文件格式不在可接受之列', `${upload.name}：格式 ${format} 不在可接受的格式（${upload.acceptedFormats.join('、')}）之列`);
    }
  }

  /** The names in a ZIP's central directory; a damaged archive has none. */
  private async entryNames(runner: QueryRunner, layout: ChunkLayout): Promise<string[]> {
    const query: Query = (sql, parameters) => runner.query(sql, parameters);
    // yauzl's end is exclusive
    const rangeOf = (start: number, end: number) => Readable.from(this.bytes(query, layout, { start, end: end - 1 }));
    class StoredChunks extends RandomAccessReader {
      override _readStreamForRange(start: number, end: number): Readable {
        return rangeOf(start, end);
      }
    }
    try {
      const zip = await fromRandomAccessReaderPromise(new StoredChunks(), layout.size, { lazyEntries: true, decodeStrings: true, autoClose: true });
      const names: string[] = [];
      for await (const entry of zip.eachEntry()) names.push(entry.fileName);
      return names;
    } catch {
      return [];
    }
  }

  /** The plaintext bytes of `range`, a chunk at a time. */
  private async *bytes(query: Query, layout: ChunkLayout, range: ByteRange): AsyncGenerator<Buffer> {
    if (range.end < range.start) return;
    const first = Math.floor(range.start / layout.chunkBytes);
    const last = Math.floor(range.end / layout.chunkBytes);
    const lastIndex = chunkCount(layout) - 1;
    for (let index = first; index <= last; index++) {
      const [row] = await query(`SELECT bytes FROM ${this.chunks} WHERE file_id = $1 AND index = $2`, [layout.fileId, index]);
      if (!row) throw new Error(`文件 ${layout.fileId} 缺少第 ${index} 块 (chunk missing)`);
      const stored = row['bytes'] as Buffer;
      const chunk = layout.encrypted ? this.unseal(layout.fileId, index, index === lastIndex, stored) : stored;
      const offset = index * layout.chunkBytes;
      yield chunk.subarray(Math.max(0, range.start - offset), Math.min(chunk.length, range.end - offset + 1));
    }
  }

  private hashes(algorithms: readonly DigestAlgorithm[]): Map<DigestAlgorithm, Hash> {
    return new Map(algorithms.map((algorithm) => [algorithm, createHash(algorithm)]));
  }

  private digestsOf(hashes: Map<DigestAlgorithm, Hash>): FileDigests {
    const sm3 = hashes.get('sm3');
    return { sha256: (hashes.get('sha256') as Hash).digest('hex'), ...(sm3 && { sm3: sm3.digest('hex') }) };
  }

  private keyOf(fileId: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.settings.key as Buffer, Buffer.from(fileId, 'utf8'), 'oa file chunk v1', 32));
  }

  private nonceOf(index: number, last: boolean): Buffer {
    const nonce = Buffer.alloc(12);
    nonce.writeUIntBE(index, 5, 6);
    nonce[11] = last ? 1 : 0;
    return nonce;
  }

  private seal(fileId: string, index: number, last: boolean, chunk: Buffer): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.keyOf(fileId), this.nonceOf(index, last));
    return Buffer.concat([cipher.update(chunk), cipher.final(), cipher.getAuthTag()]);
  }

  private unseal(fileId: string, index: number, last: boolean, sealed: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.keyOf(fileId), this.nonceOf(index, last));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  }
}

/** Whether the bytes so far are valid UTF-8 (a sequence split across pieces is held by the decoder). */
function decodes(decoder: TextDecoder, piece: Uint8Array, stream: boolean): boolean {
  try {
    decoder.decode(piece, { stream });
    return true;
  } catch {
    return false;
  }
}
