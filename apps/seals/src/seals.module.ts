import { Module } from '@nestjs/common';
import { SealsController } from './api/seals.controller';
import { SealUsageApplicationsController } from './api/seal-usage-applications.controller';
import { SealListQueryHandler, SealUsageRegisterQueryHandler } from './application/seal.query-handlers';
import { SealReadStore } from './infrastructure/read-models/seal-read-store';
import { OnDocumentSignedOffReaction } from './infrastructure/consumers/on-document-signed-off.reaction';
import { SealDeadlinesJob } from './application/seal-deadlines.job';

/** The seals service's own controllers, queries and read models (the platform brings the command path and the rest). */
@Module({
  controllers: [SealsController, SealUsageApplicationsController],
  providers: [
    // application
    SealListQueryHandler,
    SealUsageRegisterQueryHandler,
    SealDeadlinesJob,
    // infrastructure
    SealReadStore,
    OnDocumentSignedOffReaction,
  ],
})
export class SealsModule {}
