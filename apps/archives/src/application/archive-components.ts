import { createPublicKey, sign } from 'node:crypto';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson, isClassified, itemNotFound, type Actor, type CommandMetadata } from '@oa/core';
import { ARCHIVES_ACCOUNT_ID, FILE_FORMATS, FILE_STORE, SERVICE_RUNTIME, commandOn, mintToken, sendStoredFile, storeFile, storeUpload, type CommandCall, type FileStore, type ServiceRuntime, type IncomingUpload } from '@oa/platform';
import { refuse, transferManifestCsv, type ArchiveComponent, type ArchiveItemState, type FilingSource, type TransferManifestRow } from '@oa/domain-archives';
import { ArchiveItemQuery, TransferManifestQuery } from './archive.query-handlers';
import { archiveItemStream } from '../archives.service-definition';
import { ARCHIVES_SETTINGS, type ArchivesSettings } from '../infrastructure/archives-settings';

/** How long one component may take to arrive (a 200 MB file over a slow link). */
const COPY_TIMEOUT_MS = 10 * 60_000;

/** The archives' account at the sources' internal API (FILE-2). */
export const ARCHIVES_ACCOUNT = { sub: ARCHIVES_ACCOUNT_ID, name: '档案服务', roles: ['archivist'], clearance: 'none' } as const;

/** The internal path of a component's bytes at its source: 发文, 收文 or the minutes of a meeting. */
function sourcePath(source: FilingSource, sha256: string): string {
  const kind = source.service === 'meetings' ? 'minutes' : source.sourceState === 'distributed' ? 'outgoing' : 'incoming';
  return `/api/v1/internal/filing-copies/${kind}/${source.sourceId}/${sha256}`;
}

/**
 * FILE-4 the archives keep their own copy of each component: fetched from the source service
 * over its internal API (FILE-2; the source records the release, this service the receipt with
 * the digests it computed from what it stored), so the 四性检测 (ARC-4) works on bytes held here.
 * A source that cannot answer now leaves the component without a copy: the archivist fetches
 * again later, and filing without it fails integrity.
 */
@Injectable()
export class ArchiveComponents {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(ARCHIVES_SETTINGS) private readonly settings: ArchivesSettings,
  ) {}

  /** 重取: the archivist asks the sources again for the components of a candidate still without a copy. */
  async fetch(itemId: string, call: CommandCall): Promise<{ readonly itemId: string; readonly missing: number }> {
    // COMMON-3 and the current state in one read
    const { state } = await this.queries.execute(new ArchiveItemQuery(itemId, call.metadata.actor));
    return { itemId, missing: await this.fetchMissing(state, call.metadata) };
  }

  /**
   * FILE-4 an archivist's upload of a component its source could not send (e.g. one handed off
   * before files were kept): stored here, recorded with the digests computed here. Bytes that are
   * not the source's fail authenticity at filing: an upload cannot stand in for the record.
   */
  async upload(itemId: string, componentId: string, name: string, upload: IncomingUpload, call: CommandCall) {
    const { state } = await this.queries.execute(new ArchiveItemQuery(itemId, call.metadata.actor));
    if (state.status === 'empty') throw itemNotFound(itemId);
    return storeUpload(upload, this.files, { name, encrypted: isClassified(state.secrecyLevel), acceptedFormats: FILE_FORMATS }, ({ sha256, sm3, size, format }) => {
      const copy = { componentId, sha256, ...(sm3 !== undefined && { sm3 }), sizeBytes: size, format, receivedFrom: 'upload' as const };
      return this.commands.execute(commandOn(archiveItemStream, itemId, 'ReceiveArchiveComponent', { copy }, call));
    });
  }

  /** The archives' copy of a component, for a reader COMMON-3 admits (404 otherwise, recorded for AUD-11). */
  async download(itemId: string, componentId: string, actor: Actor, request: FastifyRequest, response: FastifyReply): Promise<void> {
    const { state } = await this.queries.execute(new ArchiveItemQuery(itemId, actor));
    if (state.status === 'empty' || state.status === 'destroyed') throw itemNotFound(`${itemId}/${componentId}`);
    const component = state.components.find((candidate) => candidate.componentId === componentId);
    const copy = state.copies.find((held) => held.componentId === componentId);
    const file = copy && (await this.files.find(copy.sha256, isClassified(state.secrecyLevel)));
    if (!component || !file) throw refuse('ARCHIVE_ITEM.NOT_FOUND', 'notFound', `档案 ${itemId} 没有组件 ${componentId} 的电子文件`);
    await sendStoredFile(request, response, this.files, file, component.fileName);
  }

  /** Copies every component of a candidate that has no copy yet; answers how many are still missing. */
  async fetchMissing(state: ArchiveItemState, metadata: CommandMetadata): Promise<number> {
    if (state.status !== 'candidate') return 0;
    let missing = 0;
    for (const component of state.components) {
      if (state.copies.some((copy) => copy.componentId === component.componentId)) continue;
      if (!(await this.copy(state.itemId, state.source, component, isClassified(state.secrecyLevel), metadata))) missing++;
    }
    return missing;
  }

  /**
   * ARC-7 the transfer package (移交数据包) as a ZIP streamed out: every transferred item's files
   * as the archives hold them (`files/<档号>/<component>.<format>`), the manifest with each file's
   * SHA-256 (and SM3) as JSON and CSV, the manifest's Ed25519 signature and the key to check it.
   * Only the items the reader may see (COMMON-3), as the manifest.
   */
  async transferPackage(transferId: string, actor: Actor, response: FastifyReply): Promise<void> {
    const key = this.runtime.eventSigningKey;
    if (!key) throw refuse('ARC-7', 'unprocessable', '未配置签名密钥（EVENT_SIGNING_KEY），不能生成经签名的移交数据包');
    const manifest = await this.queries.execute(new TransferManifestQuery(transferId, actor));
    const files: Array<{ readonly path: string; readonly open: () => Promise<Readable> }> = [];
    for (const row of manifest.items as readonly TransferManifestRow[]) {
      for (const component of row.components) {
        if (!component.stored) continue;
        const stored = await this.files.find(component.stored.sha256, isClassified(row.secrecyLevel));
        if (!stored) throw refuse('ARC-7', 'conflict', `档案 ${row.archivalCode} 的组件 ${component.componentId} 没有存档文件`);
        files.push({ path: `files/${row.archivalCode}/${component.componentId.replaceAll(':', '_')}.${component.stored.format}`, open: async () => this.files.open(stored) });
      }
    }
    const json = Buffer.from(canonicalJson(manifest), 'utf8');
    const zip = new ZipFile();
    zip.addBuffer(json, 'manifest.json');
    zip.addBuffer(Buffer.from(`\uFEFF${transferManifestCsv(manifest.items)}`, 'utf8'), 'manifest.csv');
    zip.addBuffer(Buffer.from(sign(null, json, key).toString('base64'), 'utf8'), 'manifest.json.sig');
    zip.addBuffer(Buffer.from(createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(), 'utf8'), 'signing-key.pem');
    for (const file of files) zip.addReadStreamLazy(file.path, (callback) => file.open().then((stream) => callback(null, stream), (error: Error) => callback(error, undefined as never)));
    zip.end();
    await response.status(200).header('Content-Type', 'application/zip').header('Content-Disposition', `attachment; filename="transfer-${transferId}.zip"`).send(zip.outputStream);
  }

  private async copy(itemId: string, source: FilingSource, component: ArchiveComponent, classified: boolean, metadata: CommandMetadata): Promise<boolean> {
    const url = `${this.settings.sourceUrls[source.service]}${sourcePath(source, component.hash)}`;
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${await this.token()}` }, signal: AbortSignal.timeout(COPY_TIMEOUT_MS) });
    } catch (error) {
      this.runtime.logger.warn({ err: error, url }, `归档文件暂未取得，可稍后重取 (component not copied) ${component.componentId}`);
      return false;
    }
    if (!response.ok || !response.body) {
      this.runtime.logger.warn({ url, status: response.status, answer: (await response.text()).slice(0, 500) }, `来源服务未提供归档文件 (component not copied) ${component.componentId}`);
      return false;
    }
    // stored under the component id: the source's name may not contradict the content here, ARC-4 judges it at filing
    const upload = { name: component.componentId, encrypted: classified, acceptedFormats: FILE_FORMATS };
    await storeFile(this.files, Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), upload, ({ sha256, sm3, size, format }) => {
      const copy = { componentId: component.componentId, sha256, ...(sm3 !== undefined && { sm3 }), sizeBytes: size, format, receivedFrom: source.service };
      return this.commands.execute(commandOn(archiveItemStream, itemId, 'ReceiveArchiveComponent', { copy }, { metadata, options: {} }));
    });
    return true;
  }

  private async token(): Promise<string> {
    if (this.settings.serviceToken) return this.settings.serviceToken;
    const secret = this.runtime.environment.JWT_SECRET;
    if (!secret) throw new Error('未配置 ARCHIVES_SERVICE_TOKEN 或 JWT_SECRET，无法向来源服务取得归档文件 (no token for the filing copies)');
    return mintToken(
      { ...ARCHIVES_ACCOUNT, roles: [...ARCHIVES_ACCOUNT.roles] },
      { secret, lifetimeSeconds: 300, ...(this.runtime.environment.JWT_ISSUER && { issuer: this.runtime.environment.JWT_ISSUER }) },
    );
  }
}
