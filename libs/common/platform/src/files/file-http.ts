import { Readable } from 'node:stream';
import { HttpStatus, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import type { EntityManager } from 'typeorm';
import { fileNameDigestOf, type Actor, type FileReference } from '@oa/core';
import type { InlineProjection } from '../command-handling/handle-command';
import { FileRefused, fileTooLarge, type FileStore, type FileUpload, type StoredFile, type StoredUpload } from './file-store';

/** An upload's request body as it arrives, before a byte of it is read. */
export interface IncomingUpload {
  /** The body, when it was sent as `application/octet-stream` (handed over unread, see acceptRequestBodies). */
  readonly content?: Readable;
  /** Content-Length, or 0 when the client streams without one. */
  readonly declaredLength: number;
  /** Ends the connection after the answer: a refused upload's client may still be sending. */
  closeConnection(): void;
}

/** `@UploadedBody() upload: IncomingUpload` in an upload route. */
export const UploadedBody = createParamDecorator((_: unknown, context: ExecutionContext): IncomingUpload => {
  const http = context.switchToHttp();
  const request = http.getRequest<FastifyRequest>();
  const reply = http.getResponse<FastifyReply>();
  return {
    ...(request.body instanceof Readable && { content: request.body }),
    declaredLength: Number(request.headers['content-length'] ?? 0),
    closeConnection: () => void reply.header('Connection', 'close'),
  };
});

/**
 * FILE-1 stores an upload's body as it arrives (`application/octet-stream`, never parsed or
 * buffered; a declared length over the limit is refused before a byte is read), then `record`s it
 * (the command whose event refers to the file). A refused upload closes its connection: the client
 * may still be sending, so the connection cannot serve another request.
 */
export async function storeUpload<T>(incoming: IncomingUpload, store: FileStore, upload: FileUpload, record: (file: StoredFile) => Promise<T>): Promise<T> {
  const refused = () => incoming.closeConnection();
  let body: AsyncIterable<Uint8Array>;
  try {
    body = uploadedBody(incoming, store);
  } catch (error) {
    refused();
    throw error;
  }
  return storeFile(store, body, upload, record, refused);
}

/**
 * Stores bytes, then `record`s them: the file is kept once recorded; a refused record releases it,
 * so bad input leaves nothing behind (a file another command keeps, or is still recording, stays).
 */
export async function storeFile<T>(store: FileStore, content: AsyncIterable<Uint8Array>, upload: FileUpload, record: (file: StoredFile) => Promise<T>, refused?: () => void): Promise<T> {
  let stored: StoredUpload;
  try {
    stored = await store.put(content, upload);
  } catch (error) {
    refused?.();
    throw error;
  }
  let recorded: T;
  try {
    recorded = await record(stored.file);
  } catch (error) {
    await store.release(stored.file.fileId);
    throw error;
  }
  await store.keep(stored.file.fileId);
  return recorded;
}

function uploadedBody(incoming: IncomingUpload, store: FileStore): AsyncIterable<Uint8Array> {
  if (!incoming.content) {
    throw new FileRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'FILE.OCTET_STREAM_REQUIRED', '上传须以 application/octet-stream 发送文件内容', '请求体须为文件的原始字节（Content-Type: application/octet-stream），文件名放在 name 参数中');
  }
  if (incoming.declaredLength > store.maxBytes) throw fileTooLarge(store.maxBytes);
  return incoming.content;
}

/** How an event refers to a stored file (FILE-1): the name in clear below 秘密, its digest from 秘密 up (COMMON-3). */
export function fileReferenceOf(file: StoredFile, ownerId: string, name: string, classified: boolean): FileReference {
  const { sha256, sm3, size, mediaType, format } = file;
  return { sha256, ...(sm3 !== undefined && { sm3 }), size, mediaType, format, ...(classified ? { nameDigest: fileNameDigestOf(ownerId, name) } : { name }) };
}

/** COMMON-3 keeps the clear name of a classified file in the service, in the append's transaction. */
export function fileNameWriting(schema: string, ownerId: string, reference: FileReference, name: string): InlineProjection {
  return async (manager: EntityManager) => {
    if (reference.nameDigest === undefined) return;
    await manager.query(`INSERT INTO "${schema}".file_names (owner_id, name_digest, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [ownerId, reference.nameDigest, name]);
  };
}

/** The name a reference was attached under: in clear, or as this service keeps it for a classified file. */
export async function fileNameOf(manager: EntityManager, schema: string, ownerId: string, reference: FileReference): Promise<string> {
  if (reference.name !== undefined) return reference.name;
  const [row] = (await manager.query(`SELECT name FROM "${schema}".file_names WHERE owner_id = $1 AND name_digest = $2`, [ownerId, reference.nameDigest])) as Array<{ name: string }>;
  return row?.name ?? `${reference.sha256.slice(0, 12)}.${reference.format}`;
}

/** Streams a stored file, or the one `Range` it asks for (206; 416 when outside the file), with its digest as ETag. */
export function sendStoredFile(request: FastifyRequest, reply: FastifyReply, store: FileStore, file: StoredFile, name: string): FastifyReply {
  const header = request.headers.range;
  const ranges = header === undefined ? undefined : parseRange(file.size, header, { combine: true });
  if (ranges === -1) {
    reply.header('Content-Range', `bytes */${file.size}`);
    throw new FileRefused(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, 'FILE.RANGE_NOT_SATISFIABLE', '请求的范围超出文件', `文件共 ${file.size} 字节`);
  }
  // several ranges at once are answered whole (RFC 9110 allows it), as a malformed header is
  const range = Array.isArray(ranges) && ranges.length === 1 ? ranges[0] : undefined;
  reply.header('Accept-Ranges', 'bytes');
  reply.header('ETag', `"${file.sha256}"`);
  reply.header('Content-Type', file.mediaType);
  reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  // RFC 9530: the digest of the whole file, whatever range is sent
  reply.header('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  if (range) {
    reply.status(HttpStatus.PARTIAL_CONTENT).header('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    reply.header('Content-Length', String(range.end - range.start + 1));
  } else {
    reply.status(HttpStatus.OK).header('Content-Length', String(file.size));
  }
  return reply.send(store.open(file, range));
}

/** FILE-2 the archives' service account: the only caller of a source's filing copies. */
export const ARCHIVES_ACCOUNT_ID = 'system:archives';

/** FILE-2 files reach the archives only over the internal API, and only the archives' account gets them. */
export function assertArchivesAccount(actor: Actor): void {
  if (actor.id !== ARCHIVES_ACCOUNT_ID) throw new FileRefused(HttpStatus.FORBIDDEN, 'FILE-2', '归档文件只交档案服务', '归档文件只经内部接口交给档案服务账号');
}

/** Sends bytes a service composes rather than stores (a typed text, finalized minutes) as a file. */
export function sendComposedFile(reply: FastifyReply, bytes: Buffer, mediaType: string, name: string): FastifyReply {
  return reply
    .status(HttpStatus.OK)
    .header('Content-Type', mediaType)
    .header('Content-Length', String(bytes.length))
    .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(bytes);
}
