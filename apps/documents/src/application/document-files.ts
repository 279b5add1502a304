import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { itemNotFound, type Actor } from '@oa/core';
import {
  SERVICE_RUNTIME,
  commandOn,
  fileNameOf,
  fileNameWriting,
  fileReferenceOf,
  sendStoredFile,
  storeUpload,
  type CommandCall,
  type FileStore,
  type ServiceRuntime,
} from '@oa/platform';
import { isClassified, type DocumentFileRole } from '@oa/domain-documents';
import { outgoingDocumentStream } from '../documents.service-definition';
import { DOCUMENTS_SETTINGS, type DocumentsSettings } from '../infrastructure/documents-settings';
import { OutgoingDocumentQuery } from './document.query-handlers';

/**
 * FILE-1 the files of an outgoing document: uploaded as a stream into the service's file store
 * (encrypted from 秘密 up, FILE-2), then attached by a command whose event carries the reference.
 * A refused command leaves the bytes it brought nowhere: a file it stored is removed again.
 */
@Injectable()
export class DocumentFiles {
  private readonly files: FileStore;

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DOCUMENTS_SETTINGS) private readonly settings: DocumentsSettings,
  ) {
    this.files = runtime.files as FileStore;
  }

  async attach(documentId: string, role: DocumentFileRole, name: string, request: Request, call: CommandCall) {
    // COMMON-3 a document the uploader may not read answers 404 before a byte is stored
    const { state } = await this.queries.execute(new OutgoingDocumentQuery(documentId, call.metadata.actor));
    if (state.status === 'empty') throw itemNotFound(documentId);
    const classified = isClassified(state.content.secrecyLevel);
    const { file, created } = await storeUpload(request, this.files, { name, encrypted: classified, acceptedFormats: this.settings.fileFormats });
    const reference = fileReferenceOf(file, documentId, name, classified);
    try {
      return await this.commands.execute(
        commandOn(outgoingDocumentStream, documentId, 'AttachOutgoingDocumentFile', { role, file: reference }, call, { alongside: [fileNameWriting(this.runtime.schema, documentId, reference, name)] }),
      );
    } catch (error) {
      if (created) await this.files.discard(file.fileId);
      throw error;
    }
  }

  /** COMMON-3 only a reader of the document gets its files; anyone else, and any digest it does not hold, gets 404. */
  async download(documentId: string, sha256: string, actor: Actor, request: Request, response: Response): Promise<void> {
    const { state } = await this.queries.execute(new OutgoingDocumentQuery(documentId, actor));
    const held = state.status === 'empty' ? undefined : state.files.find((entry) => entry.file.sha256 === sha256);
    const stored = held && (await this.files.find(sha256, isClassified(state.status === 'empty' ? 'none' : state.content.secrecyLevel)));
    if (!held || !stored) throw itemNotFound(`${documentId}/${sha256}`);
    await sendStoredFile(request, response, this.files, stored, await fileNameOf(this.runtime.dataSource.manager, this.runtime.schema, documentId, held.file));
  }
}
