import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, EventStore, newId, type CommandOptions, type CommandReply, type InlineProjection } from '@oa/platform';
import {
  formatDocumentNumber,
  localDateOf,
  outgoingDocumentDecider,
  yearOf,
  type OutgoingDocumentCommand,
  type OutgoingDocumentDraftInput,
} from '@oa/domain-documents';
import { contentHashOf, ContentStore } from '../infrastructure/content/content-store';
import { DOCUMENTS_SETTINGS, type DocumentsSettings } from '../infrastructure/documents-settings';
import { documentListProjection } from '../infrastructure/read-models/document-list.projection';
import { DocumentNumberLedgers } from './document-numbers';
import { DocumentStreams } from './document-streams';

/** What the drafter sends: the draft with its text instead of the hash, and the extra readers. */
export type OutgoingDraft = Omit<OutgoingDocumentDraftInput, 'contentHash'> & { readonly content: string; readonly readers?: readonly string[] };

type SimpleCommand =
  | 'SubmitOutgoingDocumentForReview'
  | 'ReviewOutgoingDocument'
  | 'CountersignOutgoingDocument'
  | 'DistributeOutgoingDocument'
  | 'HandOffOutgoingDocumentForFiling'
  | 'WithdrawOutgoingDocument'
  | 'MarkOutgoingDocumentSealed';
type DataOf<T extends OutgoingDocumentCommand['type']> = Extract<OutgoingDocumentCommand, { type: T }>['data'];

/**
 * 发文 commands. The platform loads, decides, appends and projects; this layer stores the text
 * beside the stream (COMMON-4), looks up facts (主要负责人) and allocates numbers on the ledger.
 */
@Injectable()
export class OutgoingDocumentCommandHandler {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DocumentStreams) private readonly streams: DocumentStreams,
    @Inject(DocumentNumberLedgers) private readonly ledgers: DocumentNumberLedgers,
    @Inject(ContentStore) private readonly contents: ContentStore,
    @Inject(DOCUMENTS_SETTINGS) private readonly settings: DocumentsSettings,
  ) {}

  /** 拟稿: the id is the server's. */
  draft(input: OutgoingDraft, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const documentId = newId(metadata.actor.id, options, 'DraftOutgoingDocument');
    const { content, readers, ...draft } = input;
    return this.handle(
      documentId,
      { type: 'DraftOutgoingDocument', data: { ...draft, documentId, contentHash: contentHashOf(content) }, metadata },
      options,
      [this.contents.writing(documentId, content, draft.secrecyLevel)],
      readers,
    );
  }

  revise(documentId: string, input: OutgoingDraft, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const { content, readers, ...draft } = input;
    return this.handle(
      documentId,
      { type: 'ReviseOutgoingDocumentDraft', data: { ...draft, contentHash: contentHashOf(content) }, metadata },
      options,
      [this.contents.writing(documentId, content, draft.secrecyLevel)],
      readers,
    );
  }

  simple<T extends SimpleCommand>(documentId: string, type: T, data: DataOf<T>, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(documentId, { type, data, metadata } as OutgoingDocumentCommand, options);
  }

  /** DOC-2 签发: whether the signer is a principal leader (主要负责人) comes from configuration. */
  signOff(documentId: string, opinion: string, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const signerIsPrincipalLeader = this.settings.principalLeaderIds.includes(metadata.actor.id);
    return this.handle(documentId, { type: 'SignOffOutgoingDocument', data: { opinion, signerIsPrincipalLeader }, metadata }, options);
  }

  /** DOC-2 复核: a corrected text is stored and its hash recorded. */
  async recheck(
    documentId: string,
    input: { readonly substantiveChange: boolean; readonly content?: string; readonly notes?: string },
    metadata: CommandMetadata,
    options: CommandOptions,
  ): Promise<CommandReply> {
    const { state } = await this.streams.outgoing(documentId);
    const { content, ...rest } = input;
    const projections = content !== undefined && state.status !== 'initial' ? [this.contents.writing(documentId, content, state.content.secrecyLevel)] : [];
    const data = { ...rest, ...(content !== undefined && { contentHash: contentHashOf(content) }) };
    return this.handle(documentId, { type: 'RecheckOutgoingDocument', data, metadata }, options, projections);
  }

  /**
   * DOC-4 登记: the command is first decided with the next number to find any refusal without
   * spending a number; then the number is allocated on the ledger and the document registered.
   */
  async register(documentId: string, copies: number, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const { state, version } = await this.streams.outgoing(documentId);
    const year = yearOf(localDateOf(metadata.now));
    if (state.status !== 'initial' && state.status !== 'rechecked') {
      // Not registrable: let the decider say why, with a well-formed number. A registered document's
      // own number makes a retry with the same Idempotency-Key the very same request (its first answer).
      const registration = 'registration' in state ? state.registration : undefined;
      const probe = registration?.documentNumber ?? formatDocumentNumber({ issuerCode: state.content.issuerCode, year, sequence: 1 });
      return this.handle(documentId, { type: 'RegisterOutgoingDocument', data: { documentNumber: probe, copies }, metadata }, options);
    }
    if (state.status === 'initial') {
      outgoingDocumentDecider.decide({ type: 'RegisterOutgoingDocument', data: { documentNumber: formatDocumentNumber({ issuerCode: '发', year, sequence: 1 }), copies }, metadata }, state);
      return { id: documentId, version };
    }
    const probe = formatDocumentNumber({ issuerCode: state.content.issuerCode, year, sequence: 1 });
    outgoingDocumentDecider.decide({ type: 'RegisterOutgoingDocument', data: { documentNumber: probe, copies }, metadata }, state);
    const entry = await this.ledgers.allocate(state.content.issuerCode, year, documentId, metadata);
    return this.handle(documentId, { type: 'RegisterOutgoingDocument', data: { documentNumber: entry.documentNumber, copies }, metadata }, options);
  }

  /** 作废: a registered number is voided on its ledger with the same reason (DOC-4). */
  async void(documentId: string, reason: string, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const reply = await this.handle(documentId, { type: 'VoidOutgoingDocument', data: { reason }, metadata }, options);
    const { state } = await this.streams.outgoing(documentId);
    if (state.status === 'voided' && state.registration) {
      const { year, sequence } = state.registration;
      await this.ledgers.void(state.content.issuerCode, year, sequence, state.reason, metadata);
    }
    return reply;
  }

  private async handle(
    documentId: string,
    command: OutgoingDocumentCommand,
    options: CommandOptions,
    extra: readonly InlineProjection[] = [],
    readers: readonly string[] = [],
  ): Promise<CommandReply> {
    const result = await this.commands.handle({
      decider: outgoingDocumentDecider,
      streamId: documentId,
      command,
      projections: [...extra, documentListProjection(this.store, readers)],
      ...(options.expectedVersion !== undefined && { expectedVersion: options.expectedVersion }),
      ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
    });
    return { id: result.streamId, version: result.version };
  }
}
