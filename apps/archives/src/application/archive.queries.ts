import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@oa/core';
import { archiveViolation, transferManifest, type ArchiveItemState, type TransferManifestRow } from '@oa/domain-archives';
import { ArchiveCatalogue, type CatalogueFilter, type CatalogueRow } from '../infrastructure/read-models/archive-catalogue';
import { ArchiveStreams } from './archive-streams';

export interface HistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly actor: { readonly id: string; readonly name: string };
  readonly recordedAt: string;
  readonly eventId: string;
}

export interface TransferManifest {
  readonly transferId: string;
  readonly recipient: string;
  readonly transferredAt: string;
  readonly items: TransferManifestRow[];
}

const historyOf = (events: readonly EventEnvelope[]): HistoryEntry[] =>
  events.map((event) => ({
    version: event.streamVersion,
    type: event.type,
    data: event.data,
    actor: { id: event.metadata.actor.id, name: event.metadata.actor.name },
    recordedAt: event.recordedAt,
    eventId: event.eventId,
  }));

/** The reads of the archives service: item streams folded on demand, lists from the catalogue. */
@Injectable()
export class ArchiveQueries {
  constructor(
    @Inject(ArchiveStreams) private readonly streams: ArchiveStreams,
    @Inject(ArchiveCatalogue) private readonly catalogue: ArchiveCatalogue,
  ) {}

  /** The item now, or as of an instant; a destroyed item keeps its metadata (ARC-6). */
  async item(itemId: string, asOf?: string): Promise<{ readonly version: number; readonly state: Exclude<ArchiveItemState, { status: 'empty' }> }> {
    const { state, version } = await this.streams.item(itemId, asOf !== undefined ? { asOf } : {});
    if (state.status === 'empty') throw archiveViolation('ARCHIVE_ITEM.NOT_FOUND', 'notFound', asOf !== undefined ? `档案 ${itemId} 在 ${asOf} 时尚未登记` : `档案 ${itemId} 不存在`);
    return { version, state };
  }

  async history(itemId: string): Promise<HistoryEntry[]> {
    const { events } = await this.streams.item(itemId);
    if (events.length === 0) throw archiveViolation('ARCHIVE_ITEM.NOT_FOUND', 'notFound', `档案 ${itemId} 不存在`);
    return historyOf(events);
  }

  async idOfArchivalCode(archivalCode: string): Promise<string> {
    const id = await this.catalogue.byArchivalCode(archivalCode);
    if (id === undefined) throw archiveViolation('ARCHIVE_ITEM.NOT_FOUND', 'notFound', `档号 ${archivalCode} 不存在`);
    return id;
  }

  candidates(): Promise<CatalogueRow[]> {
    return this.catalogue.candidates();
  }

  list(filter: CatalogueFilter): Promise<CatalogueRow[]> {
    return this.catalogue.catalogue(filter);
  }

  lateFilings(): Promise<CatalogueRow[]> {
    return this.catalogue.lateFilings();
  }

  /** ARC-7 移交清单: every item of the transfer with its metadata and component hashes. */
  async manifest(transferId: string): Promise<TransferManifest> {
    const items = [];
    let recipient = '';
    let transferredAt = '';
    for (const itemId of await this.catalogue.itemsOfTransfer(transferId)) {
      const { state } = await this.streams.item(itemId);
      if (state.status !== 'transferred') continue;
      recipient = state.recipient;
      transferredAt = state.transferredAt;
      items.push(state);
    }
    if (items.length === 0) throw archiveViolation('ARCHIVE_ITEM.NOT_FOUND', 'notFound', `移交批次 ${transferId} 不存在`);
    return { transferId, recipient, transferredAt, items: transferManifest(items) };
  }
}
