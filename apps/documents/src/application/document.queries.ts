import { EventStore, historyOf, type HistoryEntry } from '@oa/platform';
import { Inject, Injectable } from '@nestjs/common';
import { isSecrecyLevel, readableBy, readableOrNotFound, itemNotFound, type Actor, type SecrecyLevel } from '@oa/core';
import {
  documentNumberLedgerDecider,
  documentNumberLedgerId,
  incomingDocumentDecider,
  outgoingDocumentDecider,
  renderHeader,
  type DocumentHeader,
  type IncomingDocumentState,
  type LedgerEntry,
  type OutgoingDocumentState,
} from '@oa/domain-documents';
import { ContentStore } from '../infrastructure/content/content-store';
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

/** An unknown level is treated as the highest: a malformed row never opens more. */
const levelOf = (row: DocumentListEntry): SecrecyLevel => (isSecrecyLevel(row.secrecyLevel) ? row.secrecyLevel : 'juemi');
const classifiedItemOf = (row: DocumentListEntry) => ({ row, secrecyLevel: levelOf(row), needToKnow: row.needToKnow });

/**
 * The reads of the documents service. COMMON-3 before anything else: a document the actor may
 * not read (clearance below its level, or not on its need-to-know list from 秘密 up) answers
 * the same 404 as a missing one, and is left out of the lists, title and all.
 */
@Injectable()
export class DocumentQueries {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DocumentReadStore) private readonly readStore: DocumentReadStore,
    @Inject(ContentStore) private readonly contents: ContentStore,
  ) {}

  /** The list row of a document the actor may read, or `COMMON.NOT_FOUND`. */
  private async readable(kind: DocumentKind, id: string, actor: Actor): Promise<DocumentListEntry> {
    const row = await this.readStore.find(id);
    return readableOrNotFound(actor, id, row && row.kind === kind ? classifiedItemOf(row) : undefined).row;
  }

  async outgoing(id: string, actor: Actor, asOf?: string): Promise<{ version: number; state: Exclude<OutgoingDocumentState, { status: 'empty' }>; header: DocumentHeader }> {
    await this.readable('outgoing', id, actor);
    const { state, version } = await this.store.foldStream(outgoingDocumentDecider, id, asOf !== undefined ? { asOf } : {});
    if (state.status === 'empty') throw itemNotFound(id);
    return { version, state, header: renderHeader(state) };
  }

  async incoming(id: string, actor: Actor, asOf?: string): Promise<{ version: number; state: Exclude<IncomingDocumentState, { status: 'empty' }> }> {
    await this.readable('incoming', id, actor);
    const { state, version } = await this.store.foldStream(incomingDocumentDecider, id, asOf !== undefined ? { asOf } : {});
    if (state.status === 'empty') throw itemNotFound(id);
    return { version, state };
  }

  async history(kind: DocumentKind, id: string, actor: Actor): Promise<HistoryEntry[]> {
    await this.readable(kind, id, actor);
    return historyOf(await this.store.readStream(id));
  }

  /** The text, decrypted for a reader cleared and on the list (COMMON-2 is the route's). */
  async content(kind: DocumentKind, id: string, actor: Actor): Promise<{ id: string; contentHash: string; content: string }> {
    await this.readable(kind, id, actor);
    const stored = await this.contents.read(id);
    if (!stored) throw itemNotFound(id);
    return { id, ...stored };
  }

  async list(kind: DocumentKind, actor: Actor, filter: { readonly status?: string }): Promise<DocumentListItem[]> {
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

  /** DOC-4 发文字号编号簿: every number handed out, voided ones with their reason. */
  async ledger(issuerCode: string, year: number): Promise<LedgerView> {
    const { state } = await this.store.currentState(documentNumberLedgerDecider, documentNumberLedgerId(issuerCode, year));
    if (state.status === 'empty') return { issuerCode, year, lastSequence: 0, entries: [] };
    return { issuerCode, year, lastSequence: state.lastSequence, entries: state.entries };
  }
}
