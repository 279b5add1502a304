import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, EventStore, newId, type CommandOptions, type CommandReply, type InlineProjection } from '@oa/platform';
import { incomingDocumentDecider, localDateOf, yearOf, type IncomingDocumentCommand, type ReceiveIncomingDocument } from '@oa/domain-documents';
import { contentHashOf, ContentStore } from '../infrastructure/content/content-store';
import { documentListProjection } from '../infrastructure/read-models/document-list.projection';
import { incomingDeadlinesProjection } from '../infrastructure/read-models/incoming-deadlines.projection';
import { DocumentNumberLedgers, INCOMING_SERIES } from './document-numbers';
import { DocumentStreams } from './document-streams';

export type IncomingReceipt = Omit<ReceiveIncomingDocument['data'], 'documentId' | 'contentHash'> & { readonly content?: string };

type SimpleCommand = Exclude<IncomingDocumentCommand['type'], 'ReceiveIncomingDocument' | 'RegisterIncomingDocument'>;
type DataOf<T extends IncomingDocumentCommand['type']> = Extract<IncomingDocumentCommand, { type: T }>['data'];

/** 收文 commands: the platform's one command path, the incoming ledger for numbers, the text beside the stream. */
@Injectable()
export class IncomingDocumentCommandHandler {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DocumentStreams) private readonly streams: DocumentStreams,
    @Inject(DocumentNumberLedgers) private readonly ledgers: DocumentNumberLedgers,
    @Inject(ContentStore) private readonly contents: ContentStore,
  ) {}

  /** DOC-8 签收: the id is the server's. */
  receive(input: IncomingReceipt, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const documentId = newId(metadata.actor.id, options, 'ReceiveIncomingDocument');
    const { content, ...data } = input;
    const projections = content !== undefined ? [this.contents.writing(documentId, content, data.secrecyLevel)] : [];
    return this.handle(
      documentId,
      { type: 'ReceiveIncomingDocument', data: { ...data, documentId, ...(content !== undefined && { contentHash: contentHashOf(content) }) }, metadata },
      options,
      projections,
    );
  }

  /** DOC-8 登记: the next number of the year's gapless incoming sequence, from the ledger `收文:<year>`. */
  async register(documentId: string, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    const { state } = await this.streams.incoming(documentId);
    const year = yearOf(localDateOf(metadata.now));
    const command = (sequence: number): IncomingDocumentCommand => ({ type: 'RegisterIncomingDocument', data: { year, sequence }, metadata });
    if (state.status !== 'received') {
      // Let the decider refuse; a registered document's own number makes an idempotent retry the same request.
      const held = state.status === 'initial' ? undefined : state.incomingNumber;
      return this.handle(documentId, held ? { type: 'RegisterIncomingDocument', data: held, metadata } : command(1), options);
    }
    const entry = await this.ledgers.allocate(INCOMING_SERIES, year, documentId, metadata);
    return this.handle(documentId, command(entry.sequence), options);
  }

  simple<T extends SimpleCommand>(documentId: string, type: T, data: DataOf<T>, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply> {
    return this.handle(documentId, { type, data, metadata } as IncomingDocumentCommand, options);
  }

  private async handle(documentId: string, command: IncomingDocumentCommand, options: CommandOptions, extra: readonly InlineProjection[] = []): Promise<CommandReply> {
    const result = await this.commands.handle({
      decider: incomingDocumentDecider,
      streamId: documentId,
      command,
      projections: [...extra, documentListProjection(this.store), incomingDeadlinesProjection],
      ...(options.expectedVersion !== undefined && { expectedVersion: options.expectedVersion }),
      ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
    });
    return { id: result.streamId, version: result.version };
  }
}
