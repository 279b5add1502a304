import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { itemNotFound, type Actor } from '@oa/core';
import {
  FILE_STORE,
  SERVICE_RUNTIME,
  assertArchivesAccount,
  commandOn,
  fileNameOf,
  fileNameWriting,
  fileReferenceOf,
  sendStoredFile,
  storeUpload,
  type CommandCall,
  type CommandResult,
  type FileStore,
  type ServiceRuntime, type IncomingUpload } from '@oa/platform';
import { heldFiles, isClassified, type DocumentFileRole, type HeldFiles, type IncomingDocumentState, type OutgoingDocumentState } from '@oa/domain-documents';
import { incomingDocumentStream, outgoingDocumentStream } from '../documents.service-definition';
import { DOCUMENTS_SETTINGS, type DocumentsSettings } from '../infrastructure/documents-settings';
import { TYPED_TEXT_NAME } from './document-text';
import { IncomingDocumentQuery, OutgoingDocumentQuery, type DocumentKind } from './document.query-handlers';

/** The files a document holds, or 404 for one not there. */
function filesOf(documentId: string, state: OutgoingDocumentState | IncomingDocumentState): HeldFiles {
  const held = heldFiles(state);
  if (!held) throw itemNotFound(documentId);
  return held;
}

/**
 * FILE-1 the files of documents: uploaded as a stream into the service's file store (encrypted
 * from 秘密 up, FILE-2), then attached by a command whose event carries the reference. A refused
 * command leaves the bytes it brought nowhere: a file it stored is removed again. FILE-2 the
 * archives copy them over the internal API, each copy recorded on the document's stream.
 */
@Injectable()
export class DocumentFiles {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DOCUMENTS_SETTINGS) private readonly settings: DocumentsSettings,
  ) {}

  async attach(kind: DocumentKind, documentId: string, role: DocumentFileRole, name: string, upload: IncomingUpload, call: CommandCall) {
    // COMMON-3 a document the uploader may not read answers 404 before a byte is stored
    const document = await this.readable(kind, documentId, call.metadata.actor);
    const classified = isClassified(document.secrecyLevel);
    return storeUpload(upload, this.files, { name, encrypted: classified, acceptedFormats: this.settings.fileFormats }, (file) => {
      const reference = fileReferenceOf(file, documentId, name, classified);
      const options = { alongside: [fileNameWriting(this.runtime.schema, documentId, reference, name)] };
      return this.commands.execute(
        kind === 'outgoing'
          ? commandOn(outgoingDocumentStream, documentId, 'AttachOutgoingDocumentFile', { role, file: reference }, call, options)
          : commandOn(incomingDocumentStream, documentId, 'AttachIncomingDocumentFile', { role, file: reference }, call, options),
      );
    });
  }

  /** COMMON-3 only a reader of the document gets its files and its typed text; anyone else, and any digest it does not hold, gets 404. */
  async download(kind: DocumentKind, documentId: string, sha256: string, actor: Actor, request: FastifyRequest, response: FastifyReply): Promise<void> {
    await this.send(await this.readable(kind, documentId, actor), documentId, sha256, request, response);
  }

  /**
   * FILE-2 a copy for the archives of a file of a document handed off for filing, or of its typed
   * text: recorded on the document's stream (the documents side of the transfer), then sent.
   */
  async releaseFilingCopy(kind: DocumentKind, documentId: string, sha256: string, call: CommandCall, request: FastifyRequest, response: FastifyReply): Promise<void> {
    assertArchivesAccount(call.metadata.actor);
    // the state the release was decided on: what the document holds
    const { state }: CommandResult<OutgoingDocumentState | IncomingDocumentState> = await this.commands.execute(
      kind === 'outgoing'
        ? commandOn(outgoingDocumentStream, documentId, 'ReleaseOutgoingDocumentFilingCopy', { sha256 }, call)
        : commandOn(incomingDocumentStream, documentId, 'ReleaseIncomingDocumentFilingCopy', { sha256 }, call),
    );
    await this.send(filesOf(documentId, state), documentId, sha256, request, response);
  }

  private async send(document: HeldFiles, documentId: string, sha256: string, request: FastifyRequest, response: FastifyReply): Promise<void> {
    const held = document.files.find((entry) => entry.file.sha256 === sha256);
    const stored = (held || document.contentHash === sha256) && (await this.files.find(sha256, isClassified(document.secrecyLevel)));
    if (!stored) throw itemNotFound(`${documentId}/${sha256}`);
    const name = held ? await fileNameOf(this.runtime.dataSource.manager, this.runtime.schema, documentId, held.file) : TYPED_TEXT_NAME;
    await sendStoredFile(request, response, this.files, stored, name);
  }

  private async readable(kind: DocumentKind, documentId: string, actor: Actor): Promise<HeldFiles> {
    const { state } = await this.queries.execute(kind === 'outgoing' ? new OutgoingDocumentQuery(documentId, actor) : new IncomingDocumentQuery(documentId, actor));
    return filesOf(documentId, state);
  }

}
