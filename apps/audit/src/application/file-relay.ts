import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUDIT_SETTINGS, type AuditSettings } from '../infrastructure/audit-settings';

/** The headers of a file download that travel back to the console as the source sent them. */
const RELAYED_HEADERS = ['content-type', 'content-length', 'content-range', 'content-disposition', 'accept-ranges', 'etag', 'repr-digest'] as const;

/**
 * FILE-1 a file as its own service serves it, to the console on the audit's origin: the request
 * goes on with the inspector's own token and `Range`, so the service that keeps the file decides
 * who may read it (COMMON-3: 404 and an AUD-11 probe for anyone it hides the item from), and its
 * answer — bytes, digest headers or refusal — comes back unchanged. The audit keeps no files.
 */
@Injectable()
export class FileRelay {
  constructor(@Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings) {}

  async relay(service: 'documents' | 'meetings' | 'archives', path: string, request: FastifyRequest, response: FastifyReply): Promise<void> {
    const base = this.settings.storeServiceUrls[service];
    if (!base) throw new HttpException({ code: 'AUDIT.SERVICE_NOT_CONFIGURED', title: '未配置该服务的地址', detail: `AUDIT_STORE_SERVICE_URLS 中没有 ${service}` }, HttpStatus.SERVICE_UNAVAILABLE);
    const headers: Record<string, string> = { authorization: request.headers.authorization ?? '' };
    if (request.headers.range) headers['range'] = request.headers.range;
    let answer: globalThis.Response;
    try {
      answer = await fetch(`${base}/api/v1/${path}`, { headers });
    } catch {
      throw new HttpException({ code: 'AUDIT.SERVICE_UNAVAILABLE', title: '文件所在服务暂不可用', detail: `${service} 服务无法连接，请稍后重试` }, HttpStatus.BAD_GATEWAY);
    }
    response.status(answer.status);
    for (const name of RELAYED_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) response.header(name, value);
    }
    await response.send(answer.body ? Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>) : undefined);
  }
}
