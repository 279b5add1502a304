import { EventStore, historyOf, type FoldedStream, type HistoryEntry } from '@oa/platform';
import { Inject, Injectable } from '@nestjs/common';
import { SECRECY_LEVELS, isSecrecyLevel, itemNotFound, mayRead, readableBy, readableOrNotFound, type Actor, type SecrecyLevel } from '@oa/core';
import { archiveItemDecider, refuse, transferManifest, type ArchiveItemState, type TransferManifestRow } from '@oa/domain-archives';
import { ArchiveCatalogue, type CatalogueFilter, type CatalogueRow } from '../infrastructure/read-models/archive-catalogue';

export interface TransferManifest {
  readonly transferId: string;
  readonly recipient: string;
  readonly transferredAt: string;
  readonly items: TransferManifestRow[];
}

type ExistingItemState = Exclude<ArchiveItemState, { status: 'empty' }>;

/**
 * COMMON-3 need-to-know of an archive item, by role: the archivists who keep the archives and
 * the office director who answers for them. Each still needs the clearance for the level.
 */
export const ARCHIVE_NEED_TO_KNOW_ROLES: readonly string[] = ['archivist', 'officeDirector'];

/** A level the read model does not know is treated as the highest: an unknown never opens more. */
const levelOf = (value: string): SecrecyLevel => (isSecrecyLevel(value) ? value : 'juemi');
const isClassified = (level: SecrecyLevel) => SECRECY_LEVELS.indexOf(level) >= SECRECY_LEVELS.indexOf('mimi');
const knowsByRole = (actor: Actor) => actor.roles.some((role) => ARCHIVE_NEED_TO_KNOW_ROLES.includes(role));

/** The borrowers with an approved loan on the item (ARC-5), who need to know it while it is out. */
const borrowersOf = (state: ArchiveItemState): string[] =>
  state.status === 'filed' || state.status === 'destroyed' || state.status === 'transferred' ? state.loans.filter((loan) => loan.phase === 'out').map((loan) => loan.borrowerId) : [];

/** The need-to-know list of an item as the actor's read sees it: the actor by role, and the borrowers. */
const needToKnowOf = (actor: Actor, state: ArchiveItemState): string[] => [...(knowsByRole(actor) ? [actor.id] : []), ...borrowersOf(state)];

/**
 * The reads of the archives service: item streams folded on demand, lists from the catalogue.
 * COMMON-3 before anything else: an item the actor may not read is left out of every list,
 * and a direct read of it answers exactly as for a missing item (`COMMON.NOT_FOUND`).
 */
@Injectable()
export class ArchiveQueries {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ArchiveCatalogue) private readonly catalogue: ArchiveCatalogue,
  ) {}

  /** The item now if the actor may read it; otherwise the missing-item answer for `notFoundKey`. */
  private async readable(actor: Actor, itemId: string, notFoundKey: string = itemId): Promise<FoldedStream<ExistingItemState>> {
    const current = await this.store.foldStream(archiveItemDecider, itemId);
    const { state } = current;
    const item = state.status === 'empty' ? undefined : { state, secrecyLevel: levelOf(state.secrecyLevel), needToKnow: needToKnowOf(actor, state) };
    return { ...current, state: readableOrNotFound(actor, notFoundKey, item).state };
  }

  /** The rows the actor may read; a classified row's stream is folded only when the actor has no role to know it. */
  private async readableRows(actor: Actor, rows: readonly CatalogueRow[]): Promise<CatalogueRow[]> {
    const items = [];
    for (const row of rows) {
      const secrecyLevel = levelOf(row.secrecyLevel);
      const needToKnow = isClassified(secrecyLevel) && !knowsByRole(actor) ? needToKnowOf(actor, (await this.store.foldStream(archiveItemDecider, row.id)).state) : needToKnowOf(actor, { status: 'empty' });
      items.push({ row, secrecyLevel, needToKnow });
    }
    return readableBy(actor, items).map(({ row }) => row);
  }

  /** The item now, or as of an instant; a destroyed item keeps its metadata (ARC-6). */
  async item(itemId: string, actor: Actor, asOf?: string): Promise<{ readonly version: number; readonly state: ExistingItemState }> {
    const now = await this.readable(actor, itemId);
    if (asOf === undefined) return { version: now.version, state: now.state };
    const { state, version } = await this.store.foldStream(archiveItemDecider, itemId, { asOf });
    if (state.status === 'empty') throw refuse('ARCHIVE_ITEM.NOT_FOUND', 'notFound', `档案 ${itemId} 在 ${asOf} 时尚未登记`);
    return { version, state };
  }

  async history(itemId: string, actor: Actor): Promise<HistoryEntry[]> {
    return historyOf((await this.readable(actor, itemId)).events);
  }

  /** ARC-2 按档号: a missing code and a code of an item the actor may not read answer alike. */
  async byArchivalCode(archivalCode: string, actor: Actor): Promise<{ readonly id: string; readonly version: number; readonly state: ExistingItemState }> {
    const id = await this.catalogue.byArchivalCode(archivalCode);
    if (id === undefined) throw itemNotFound(archivalCode);
    const { version, state } = await this.readable(actor, id, archivalCode);
    return { id, version, state };
  }

  async candidates(actor: Actor): Promise<CatalogueRow[]> {
    return this.readableRows(actor, await this.catalogue.candidates());
  }

  async list(filter: CatalogueFilter, actor: Actor): Promise<CatalogueRow[]> {
    return this.readableRows(actor, await this.catalogue.catalogue(filter));
  }

  async lateFilings(actor: Actor): Promise<CatalogueRow[]> {
    return this.readableRows(actor, await this.catalogue.lateFilings());
  }

  /** ARC-7 移交清单: every item of the transfer the actor may read, with its metadata and component hashes. */
  async manifest(transferId: string, actor: Actor): Promise<TransferManifest> {
    const items = [];
    let recipient = '';
    let transferredAt = '';
    for (const itemId of await this.catalogue.itemsOfTransfer(transferId)) {
      const { state } = await this.store.foldStream(archiveItemDecider, itemId);
      if (state.status !== 'transferred') continue;
      if (!mayRead(actor, { secrecyLevel: levelOf(state.secrecyLevel), needToKnow: needToKnowOf(actor, state) })) continue;
      recipient = state.recipient;
      transferredAt = state.transferredAt;
      items.push(state);
    }
    // a transfer of nothing but items the actor may not read answers as a missing one
    if (items.length === 0) throw itemNotFound(transferId);
    return { transferId, recipient, transferredAt, items: transferManifest(items) };
  }
}
