import { Inject } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore, StreamStateQuery, historyOf, readableOrHidden, type FoldedStream, type HistoryEntry, type Versioned } from '@oa/platform';
import { SECRECY_LEVELS, isSecrecyLevel, itemNotFound, mayRead, readableBy, type Actor, type SecrecyLevel } from '@oa/core';
import { archiveItemDecider, transferManifest, type ArchiveItemState, type TransferManifestRow } from '@oa/domain-archives';
import { archiveItemStream } from '../archives.service-definition';
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
 * The item now if the actor may read it; otherwise the missing-item answer for `notFoundKey`.
 * COMMON-3 before anything else: an item the actor may not read is left out of every list,
 * and a direct read of it answers exactly as for a missing item (`COMMON.NOT_FOUND`).
 */
async function readableItem(store: EventStore, actor: Actor, itemId: string, notFoundKey: string = itemId): Promise<FoldedStream<ExistingItemState>> {
  const current = await store.foldStream(archiveItemDecider, itemId);
  const { state } = current;
  const item = state.status === 'empty' ? undefined : { state, secrecyLevel: levelOf(state.secrecyLevel), needToKnow: needToKnowOf(actor, state) };
  // the hidden 404 is recorded as a probe (AUD-11), by id and stream type only
  return { ...current, state: readableOrHidden(actor, notFoundKey, item, { streamType: archiveItemDecider.streamType, itemId }).state };
}

/** 档案 now, or as of an instant (a destroyed item keeps its metadata, ARC-6), if the actor may read it now. */
export class ArchiveItemQuery extends Query<Versioned<ArchiveItemState>> {
  constructor(
    readonly itemId: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** An item's events, with actor and time, if the actor may read it. */
export class ArchiveItemHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly itemId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** ARC-2 按档号: a missing code and a code of an item the actor may not read answer alike. */
export class ArchiveItemByCodeQuery extends Query<Versioned<ArchiveItemState>> {
  constructor(
    readonly archivalCode: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Which list of the catalogue: 档案目录 by its filter, 归档候选 (ARC-1) or 逾期归档 (ARC-3). */
export type CatalogueList = { readonly list: 'catalogue'; readonly filter: CatalogueFilter } | { readonly list: 'candidates' | 'lateFilings' };

/** A list of the catalogue without the items the actor may not read. */
export class ArchiveCatalogueQuery extends Query<CatalogueRow[]> {
  constructor(
    readonly selection: CatalogueList,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** ARC-7 移交清单: every item of the transfer the actor may read, with its metadata and component hashes. */
export class TransferManifestQuery extends Query<TransferManifest> {
  constructor(
    readonly transferId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ArchiveItemQuery)
export class ArchiveItemQueryHandler implements IQueryHandler<ArchiveItemQuery> {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  async execute({ itemId, actor, asOf }: ArchiveItemQuery): Promise<Versioned<ArchiveItemState>> {
    const now = await readableItem(this.store, actor, itemId);
    if (asOf === undefined) return { id: itemId, version: now.version, state: now.state };
    // ARCHIVE_ITEM.NOT_FOUND, the stream type's, for an item not yet filed at the instant
    return this.queries.execute(new StreamStateQuery(archiveItemStream, itemId, asOf));
  }
}

@QueryHandler(ArchiveItemHistoryQuery)
export class ArchiveItemHistoryQueryHandler implements IQueryHandler<ArchiveItemHistoryQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute({ itemId, actor }: ArchiveItemHistoryQuery): Promise<HistoryEntry[]> {
    return historyOf((await readableItem(this.store, actor, itemId)).events);
  }
}

@QueryHandler(ArchiveItemByCodeQuery)
export class ArchiveItemByCodeQueryHandler implements IQueryHandler<ArchiveItemByCodeQuery> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ArchiveCatalogue) private readonly catalogue: ArchiveCatalogue,
  ) {}

  async execute({ archivalCode, actor }: ArchiveItemByCodeQuery): Promise<Versioned<ArchiveItemState>> {
    const id = await this.catalogue.byArchivalCode(archivalCode);
    if (id === undefined) throw itemNotFound(archivalCode);
    const { version, state } = await readableItem(this.store, actor, id, archivalCode);
    return { id, version, state };
  }
}

@QueryHandler(ArchiveCatalogueQuery)
export class ArchiveCatalogueQueryHandler implements IQueryHandler<ArchiveCatalogueQuery> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ArchiveCatalogue) private readonly catalogue: ArchiveCatalogue,
  ) {}

  /** The rows the actor may read; a classified row's stream is folded only when the actor has no role to know it. */
  async execute({ selection, actor }: ArchiveCatalogueQuery): Promise<CatalogueRow[]> {
    const rows = selection.list === 'catalogue' ? await this.catalogue.catalogue(selection.filter) : await this.catalogue[selection.list]();
    const items = [];
    for (const row of rows) {
      const secrecyLevel = levelOf(row.secrecyLevel);
      const needToKnow = isClassified(secrecyLevel) && !knowsByRole(actor) ? needToKnowOf(actor, (await this.store.foldStream(archiveItemDecider, row.id)).state) : needToKnowOf(actor, { status: 'empty' });
      items.push({ row, secrecyLevel, needToKnow });
    }
    return readableBy(actor, items).map(({ row }) => row);
  }
}

@QueryHandler(TransferManifestQuery)
export class TransferManifestQueryHandler implements IQueryHandler<TransferManifestQuery> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ArchiveCatalogue) private readonly catalogue: ArchiveCatalogue,
  ) {}

  async execute({ transferId, actor }: TransferManifestQuery): Promise<TransferManifest> {
    const items = [];
    let recipient = '';
    let transferredAt = '';
    let hidden: { itemId: string; secrecyLevel: SecrecyLevel; needToKnow: string[] } | undefined;
    for (const itemId of await this.catalogue.itemsOfTransfer(transferId)) {
      const { state } = await this.store.foldStream(archiveItemDecider, itemId);
      if (state.status !== 'transferred') continue;
      const classified = { itemId, secrecyLevel: levelOf(state.secrecyLevel), needToKnow: needToKnowOf(actor, state) };
      if (!mayRead(actor, classified)) {
        hidden ??= classified;
        continue;
      }
      recipient = state.recipient;
      transferredAt = state.transferredAt;
      items.push(state);
    }
    // a transfer of nothing but items the actor may not read answers as a missing one, recorded as a probe of its first item
    if (items.length === 0 && hidden) readableOrHidden(actor, transferId, hidden, { streamType: archiveItemDecider.streamType, itemId: hidden.itemId });
    if (items.length === 0) throw itemNotFound(transferId);
    return { transferId, recipient, transferredAt, items: transferManifest(items) };
  }
}
