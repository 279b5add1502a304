import { Module } from '@nestjs/common';
import { ArchivalCodesController, ArchiveItemsController } from './api/archive-items.controller';
import { FilingCandidatesController } from './api/filing-candidates.controller';
import { TransfersController } from './api/transfers.controller';
import { ArchiveItemWorkflows } from './application/archive-item.workflows';
import { ArchiveComponents } from './application/archive-components';
import { archivesSettingsProvider } from './infrastructure/archives-settings';
import {
  ArchiveCatalogueQueryHandler,
  ArchiveItemByCodeQueryHandler,
  ArchiveItemHistoryQueryHandler,
  ArchiveItemQueryHandler,
  TransferManifestQueryHandler,
} from './application/archive.query-handlers';
import { LoanDeadlinesJob } from './application/loan-deadlines.job';
import { OnDocumentHandedOffReaction } from './infrastructure/consumers/on-document-handed-off.reaction';
import { OnMinutesFinalizedReaction } from './infrastructure/consumers/on-minutes-finalized.reaction';
import { ArchiveCatalogue } from './infrastructure/read-models/archive-catalogue';

/** The archives service's own controllers, workflows, query handlers and read models (the platform brings the command path and the rest). */
@Module({
  controllers: [FilingCandidatesController, ArchiveItemsController, ArchivalCodesController, TransfersController],
  providers: [
    // application
    ArchiveItemWorkflows,
    ArchiveComponents,
    archivesSettingsProvider,
    ArchiveItemQueryHandler,
    ArchiveItemHistoryQueryHandler,
    ArchiveItemByCodeQueryHandler,
    ArchiveCatalogueQueryHandler,
    TransferManifestQueryHandler,
    LoanDeadlinesJob,
    // infrastructure
    ArchiveCatalogue,
    OnDocumentHandedOffReaction,
    OnMinutesFinalizedReaction,
  ],
})
export class ArchivesModule {}
