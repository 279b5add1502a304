import { Module } from '@nestjs/common';
import { ArchivalCodesController, ArchiveItemsController } from './api/archive-items.controller';
import { FilingCandidatesController } from './api/filing-candidates.controller';
import { TransfersController } from './api/transfers.controller';
import { ArchivalCodeSequences } from './application/archival-code-sequences';
import { ArchiveItemCommandHandler } from './application/archive-item.command-handler';
import { ArchiveStreams } from './application/archive-streams';
import { ArchiveQueries } from './application/archive.queries';
import { LoanDeadlinesJob } from './application/loan-deadlines.job';
import { OnDocumentHandedOffReaction } from './infrastructure/consumers/on-document-handed-off.reaction';
import { OnMinutesFinalizedReaction } from './infrastructure/consumers/on-minutes-finalized.reaction';
import { ArchiveCatalogue } from './infrastructure/read-models/archive-catalogue';

/** The archives service's own controllers, handlers and read models (the platform brings the rest). */
@Module({
  controllers: [FilingCandidatesController, ArchiveItemsController, ArchivalCodesController, TransfersController],
  providers: [
    // application
    ArchiveStreams,
    ArchivalCodeSequences,
    ArchiveItemCommandHandler,
    ArchiveQueries,
    LoanDeadlinesJob,
    // infrastructure
    ArchiveCatalogue,
    OnDocumentHandedOffReaction,
    OnMinutesFinalizedReaction,
  ],
})
export class ArchivesModule {}
