import type { Readable } from 'node:stream';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { FileFormat } from './file-formats';

/** The digests a file is addressed and checked by: SHA-256 always, SM3 where the office configures 国密 (DIGEST_ALGORITHMS). */
export interface FileDigests {
  readonly sha256: string;
  readonly sm3?: string;
}

/** A stored file as the store describes it: by content, never by name (a name belongs to the reference, FILE-1). */
export interface StoredFile extends FileDigests {
  readonly fileId: string;
  readonly size: number;
  /** FILE-3 the format its bytes say. */
  readonly format: FileFormat;
  readonly mediaType: string;
  /** FILE-2 stored encrypted (AES-256-GCM), for items at `mimi` and above. */
  readonly encrypted: boolean;
}

export interface FileUpload {
  /** The name it was sent with: its extension must not contradict the content (FILE-3). */
  readonly name: string;
  readonly encrypted: boolean;
  /** FILE-3 the formats this use accepts (drafts, archiving, materials). */
  readonly acceptedFormats: readonly FileFormat[];
}

/** Inclusive byte offsets, as HTTP `Range` gives them. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface StoredUpload {
  readonly file: StoredFile;
  /** False when the same bytes (at the same protection) were already stored: nothing was written. */
  readonly created: boolean;
}

/**
 * FILE-1 where services keep files: streamed in and out, content-addressed, deduplicated.
 * PostgreSQL by default (PostgresFileStore); an S3-compatible object store could implement the
 * same interface. `put` stores everything or nothing: a refused, oversized or cut-off upload
 * leaves no bytes and no row.
 *
 * Every `put` claims its file until the caller says whether an event now refers to it (`keep`) or
 * its command was refused (`release`). A file is removed only when released by every claim and
 * never kept, so a refused command never takes away the bytes of another that deduplicated onto
 * them meanwhile.
 */
export interface FileStore {
  /** FILE-1 the size limit, in bytes. */
  readonly maxBytes: number;
  put(content: AsyncIterable<Uint8Array>, upload: FileUpload): Promise<StoredUpload>;
  /** The file stored with these bytes at this protection, if any. */
  find(sha256: string, encrypted: boolean): Promise<StoredFile | undefined>;
  /** The plaintext bytes, or the range of them. */
  open(file: StoredFile, range?: ByteRange): Readable;
  /** Every digest recomputed from the stored bytes (ARC-4, `oa files verify`). */
  recompute(file: StoredFile): Promise<FileDigests & { readonly size: number }>;
  /** An event refers to the file now: it stays. */
  keep(fileId: string): Promise<void>;
  /** The claim's command was refused: the file goes unless kept, or claimed by another upload still deciding. */
  release(fileId: string): Promise<void>;
  /** Every stored file, oldest first. */
  all(): AsyncIterable<StoredFile>;
}

/** A refused upload or download: 400/413/416 with a stable code (problem+json). */
export class FileRefused extends HttpException {
  constructor(status: HttpStatus, code: string, title: string, detail: string) {
    super({ code, title, detail }, status);
  }
}

export const fileTooLarge = (maxBytes: number) =>
  new FileRefused(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE-1', '文件超过大小限制', `文件不得超过 ${maxBytes} 字节（FILE_MAX_BYTES）`);
