import { itemNotFound } from '@oa/core';
import { directoryReading } from '@oa/domain-directory';
import { streamType, type ReadModel, type ServiceDefinition } from '@oa/platform';
import { archivalCodeSequenceDecider, archiveItemDecider, refuse, type ArchiveItemCommand, type ArchiveItemEvent, type ArchiveItemState } from '@oa/domain-archives';
import { ArchivesReadModel1732800000000 } from './infrastructure/migrations/archives-read-model.migration';
import { archiveItemProjection } from './infrastructure/read-models/archive-item.projection';
import { archiveItemFacts, type ArchiveItemRequest } from './application/archive-item.facts';
import { ArchivesEnvironment, archivesSettingsOf } from './infrastructure/archives-settings';

const archiveItems: ReadModel = { name: 'archive-items', tables: ['"archives".archive_items', '"archives".archive_loans'], projections: [archiveItemProjection] };

/** 件号序列 (ARC-2): a gapless ledger, appended to through `appendToLedger` only. */
export const archivalCodeSequenceStream = streamType({ decider: archivalCodeSequenceDecider });

/**
 * 档案: the item number (ARC-2) and the borrower's clearance (ARC-5) are its facts. An item not
 * there answers as one the reader may not see (COMMON-3); as of an instant before its filing, it is not yet filed.
 */
export const archiveItemStream = streamType<ArchiveItemCommand, ArchiveItemEvent, ArchiveItemState, ArchiveItemRequest, 'itemId'>({
  decider: archiveItemDecider,
  idField: 'itemId',
  readModels: [archiveItems],
  facts: archiveItemFacts,
  notFound: (itemId, asOf) => (asOf !== undefined ? refuse('ARCHIVE_ITEM.NOT_FOUND', 'notFound', `档案 ${itemId} 在 ${asOf} 时尚未登记`) : itemNotFound(itemId)),
});

export const archivesService: ServiceDefinition = {
  service: 'archives',
  title: '档案服务 (archives)',
  migrations: [ArchivesReadModel1732800000000],
  environment: ArchivesEnvironment,
  streams: [archiveItemStream, archivalCodeSequenceStream],
  // DIR-4: roles, posts and clearance are the directory's at each request
  directory: directoryReading,
  // FILE-4 the archives' own copies of the components, classified ones under the archives' key (FILE-2)
  files: { key: (settings) => archivesSettingsOf(settings).contentKey },
};
