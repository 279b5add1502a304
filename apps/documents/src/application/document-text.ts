import { Readable } from 'node:stream';
import { text as textOf } from 'node:stream/consumers';
import { Inject, Injectable } from '@nestjs/common';
import { itemNotFound } from '@oa/core';
import { FILE_STORE, SERVICE_RUNTIME, storeFile, type CommandOnOptions, type FileStore, type ServiceRuntime } from '@oa/platform';
import { isClassified, type SecrecyLevel } from '@oa/domain-documents';
import { titleWriting } from '../infrastructure/content/title-store';

/** The name a typed text is kept and handed to the archives under. */
export const TYPED_TEXT_NAME = '正文.txt';

/**
 * FILE-1/FILE-2 the typed text of a document (正文 entered as text) is a file like any other: its
 * UTF-8 bytes in the file store, encrypted from 秘密 up, addressed by the SHA-256 the events carry
 * as `contentHash`. Stored before its command; a refused command removes it again.
 */
@Injectable()
export class DocumentTexts {
  constructor(
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /**
   * Stores a text a command brings (COMMON-4), then `record`s it: the command carries its SHA-256
   * as `contentHash`. `secrecyLevel` left out: the document's own, as listed (a recheck, after the
   * level is fixed).
   */
  async recording<T>(documentId: string, text: string, secrecyLevel: SecrecyLevel | undefined, record: (contentHash: string) => Promise<T>): Promise<T> {
    // COMMON-4 a level not found is taken as classified: the text is never stored in the clear by mistake
    const encrypted = isClassified(secrecyLevel ?? (await this.listedLevel(documentId)) ?? 'juemi');
    const upload = { name: TYPED_TEXT_NAME, encrypted, acceptedFormats: ['txt'] as const };
    return storeFile(this.files, Readable.from([Buffer.from(text, 'utf8')]), upload, (file) => record(file.sha256));
  }

  /** COMMON-3 the clear title, kept here beside the events (from 秘密 up they carry its digest). */
  titleOf(documentId: string, title: string): Pick<CommandOnOptions, 'alongside'> {
    return { alongside: [titleWriting(documentId, title)] };
  }

  /** The stored text whose SHA-256 a document's events carry. */
  async read(documentId: string, contentHash: string, secrecyLevel: SecrecyLevel): Promise<string> {
    const file = await this.files.find(contentHash, isClassified(secrecyLevel));
    if (!file) throw itemNotFound(documentId);
    return textOf(this.files.open(file));
  }

  private async listedLevel(documentId: string): Promise<SecrecyLevel | undefined> {
    const rows = (await this.runtime.dataSource.query(`SELECT secrecy_level FROM "documents".document_list WHERE id = $1`, [documentId])) as Array<{ secrecy_level: SecrecyLevel }>;
    return rows[0]?.secrecy_level;
  }
}
