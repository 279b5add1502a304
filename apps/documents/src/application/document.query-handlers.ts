import { Inject } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EventStore, StreamHistoryQuery, StreamStateQuery, readableOrHidden, type HistoryEntry, type Versioned } from '@oa/platform';
import { isSecrecyLevel, readableBy, itemNotFound, type Actor, type SecrecyLevel } from '@oa/core';
import {
  documentNumberLedgerDecider,
  documentNumberLedgerId,
  heldFiles,
  renderHeader,
  type RecordedTitle,
  type DocumentHeader,
  type IncomingDocumentState,
  type LedgerEntry,
  type OutgoingDocumentState,
} from '@oa/domain-documents';
import { incomingDocumentStream, outgoingDocumentStream } from '../documents.service-definition';
import { DocumentTexts } from './document-text';
import { storedTitle } from '../infrastructure/content/title-store';
import type { DocumentListEntry } from '../infrastructure/read-models/document-list.entity';
import { DocumentReadStore } from '../infrastructure/read-models/document-read-store';

export type DocumentKind = 'outgoing' | 'incoming';

export interface DocumentListItem {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly title: string;
  readonly status: string;
  readonly secrecyLevel: string;
  readonly documentNumber?: string;
  readonly version: number;
}

export interface LedgerView {
  readonly issuerCode: string;
  readonly year: number;
  readonly lastSequence: number;
  readonly entries: readonly LedgerEntry[];
}

export interface DocumentContent {
  readonly id: string;
  readonly contentHash: string;
  readonly content: string;
}

/** An unknown level is treated as the highest: a malformed row never opens more. */
const levelOf = (row: DocumentListEntry): SecrecyLevel => (isSecrecyLevel(row.secrecyLevel) ? row.secrecyLevel : 'juemi');
const classifiedItemOf = (row: DocumentListEntry) => ({ row, secrecyLevel: levelOf(row), needToKnow: row.needToKnow });

const streamOf = { outgoing: outgoingDocumentStream, incoming: incomingDocumentStream } as const;

/**
 * COMMON-3 before anything else: a document the actor may not read (clearance below its level,
 * or not on its need-to-know list from 秘密 up) answers the same 404 as a missing one
 * (`COMMON.NOT_FOUND`), and is left out of the lists, title and all.
 */
async function readable(readStore: DocumentReadStore, kind: DocumentKind, id: string, actor: Actor): Promise<void> {
  const row = await readStore.find(id);
  // the hidden 404 is recorded as a probe (AUD-11), by id and stream type only
  readableOrHidden(actor, id, row && row.kind === kind ? classifiedItemOf(row) : undefined, { streamType: streamOf[kind].decider.streamType });
}

/** 发文 now, or as of an instant, with its rendered header, as the actor may read it. */
export class OutgoingDocumentQuery extends Query<Versioned<OutgoingDocumentState & { readonly header: DocumentHeader }>> {
  constructor(
    readonly documentId: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** 收文 now, or as of an instant, as the actor may read it. */
export class IncomingDocumentQuery extends Query<Versioned<IncomingDocumentState>> {
  constructor(
    readonly documentId: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** A document's events, with actor and time, as the actor may read them. */
export class DocumentHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly kind: DocumentKind,
    readonly documentId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The text, decrypted for a reader cleared and on the list (COMMON-2 is the route's). */
export class DocumentContentQuery extends Query<DocumentContent> {
  constructor(
    readonly kind: DocumentKind,
    readonly documentId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** 发文 / 收文 列表 by status, from the read model, without the documents the actor may not read. */
export class DocumentListQuery extends Query<DocumentListItem[]> {
  constructor(
    readonly kind: DocumentKind,
    readonly actor: Actor,
    readonly filter: { readonly status?: string },
  ) {
    super();
  }
}

/** DOC-4 发文字号编号簿: every number handed out, voided ones with their reason. */
export class DocumentNumberLedgerQuery extends Query<LedgerView> {
  constructor(
    readonly issuerCode: string,
    readonly year: number,
  ) {
    super();
  }
}

/**
 * COMMON-3 a reader admitted to a classified document sees its title: the events hold only its
 * digest (ADR 0015), the clear title is kept in this service.
 */
async function withClearTitle<R extends RecordedTitle>(manager: EntityManager, documentId: string, record: R): Promise<R> {
  if (record.titleDigest === undefined) return record;
  const title = await storedTitle(manager, documentId, record.titleDigest);
  return title === undefined ? record : { ...record, title };
}

@QueryHandler(OutgoingDocumentQuery)
export class OutgoingDocumentQueryHandler implements IQueryHandler<OutgoingDocumentQuery> {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DocumentReadStore) private readonly readStore: DocumentReadStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute({ documentId, actor, asOf }: OutgoingDocumentQuery): Promise<Versioned<OutgoingDocumentState & { readonly header: DocumentHeader }>> {
    await readable(this.readStore, 'outgoing', documentId, actor);
    const { id, version, state: stored } = await this.queries.execute(new StreamStateQuery(outgoingDocumentStream, documentId, asOf));
    const state = stored.status === 'empty' ? stored : { ...stored, content: await withClearTitle(this.dataSource.manager, documentId, stored.content) };
    return { id, version, state: { ...state, header: renderHeader(state) } };
  }
}

@QueryHandler(IncomingDocumentQuery)
export class IncomingDocumentQueryHandler implements IQueryHandler<IncomingDocumentQuery> {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DocumentReadStore) private readonly readStore: DocumentReadStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute({ documentId, actor, asOf }: IncomingDocumentQuery): Promise<Versioned<IncomingDocumentState>> {
    await readable(this.readStore, 'incoming', documentId, actor);
    const { id, version, state } = await this.queries.execute(new StreamStateQuery(incomingDocumentStream, documentId, asOf));
    return { id, version, state: state.status === 'empty' ? state : await withClearTitle(this.dataSource.manager, documentId, state) };
  }
}

@QueryHandler(DocumentHistoryQuery)
export class DocumentHistoryQueryHandler implements IQueryHandler<DocumentHistoryQuery> {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DocumentReadStore) private readonly readStore: DocumentReadStore,
  ) {}

  async execute({ kind, documentId, actor }: DocumentHistoryQuery): Promise<HistoryEntry[]> {
    await readable(this.readStore, kind, documentId, actor);
    return this.queries.execute(new StreamHistoryQuery(streamOf[kind], documentId));
  }
}

@QueryHandler(DocumentContentQuery)
export class DocumentContentQueryHandler implements IQueryHandler<DocumentContentQuery> {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DocumentReadStore) private readonly readStore: DocumentReadStore,
    @Inject(DocumentTexts) private readonly texts: DocumentTexts,
  ) {}

  /** The typed text whose SHA-256 the document's events carry now (an incoming one received on paper has none: 404). */
  async execute({ kind, documentId, actor }: DocumentContentQuery): Promise<DocumentContent> {
    await readable(this.readStore, kind, documentId, actor);
    const { state } = await this.queries.execute<StreamStateQuery<OutgoingDocumentState | IncomingDocumentState>, Versioned<OutgoingDocumentState | IncomingDocumentState>>(
      kind === 'outgoing' ? new StreamStateQuery(outgoingDocumentStream, documentId) : new StreamStateQuery(incomingDocumentStream, documentId),
    );
    const held = heldFiles(state);
    if (held?.contentHash === undefined) throw itemNotFound(documentId);
    return { id: documentId, contentHash: held.contentHash, content: await this.texts.read(documentId, held.contentHash, held.secrecyLevel) };
  }
}

@QueryHandler(DocumentListQuery)
export class DocumentListQueryHandler implements IQueryHandler<DocumentListQuery> {
  constructor(@Inject(DocumentReadStore) private readonly readStore: DocumentReadStore) {}

  async execute({ kind, actor, filter }: DocumentListQuery): Promise<DocumentListItem[]> {
    const rows = await this.readStore.list(kind, filter);
    return readableBy(actor, rows.map(classifiedItemOf)).map(({ row }) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      status: row.status,
      secrecyLevel: row.secrecyLevel,
      ...(row.documentNumber !== null && { documentNumber: row.documentNumber }),
      version: row.version,
    }));
  }
}

@QueryHandler(DocumentNumberLedgerQuery)
export class DocumentNumberLedgerQueryHandler implements IQueryHandler<DocumentNumberLedgerQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  /** A ledger nothing was allocated on yet is an empty one, not a 404. */
  async execute({ issuerCode, year }: DocumentNumberLedgerQuery): Promise<LedgerView> {
    const { state } = await this.store.currentState(documentNumberLedgerDecider, documentNumberLedgerId(issuerCode, year));
    if (state.status === 'empty') return { issuerCode, year, lastSequence: 0, entries: [] };
    return { issuerCode, year, lastSequence: state.lastSequence, entries: state.entries };
  }
}
