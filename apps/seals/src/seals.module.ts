import { Module } from '@nestjs/common';
import { SealsController } from './api/seals.controller';
import { SealUsageApplicationsController } from './api/seal-usage-applications.controller';
import { SealCommandHandler } from './application/seal.command-handler';
import { SealStreams } from './application/seal-facts.reader';
import { SealQueries } from './application/seal.queries';
import { SealUsageApplicationCommandHandler } from './application/seal-usage-application.command-handler';
import { SealReadStore } from './infrastructure/read-models/seal-read-store';
import { OnDocumentSignedOffReaction } from './infrastructure/consumers/on-document-signed-off.reaction';
import { SealDeadlinesJob } from './application/seal-deadlines.job';
import { SignedOffDocuments } from './application/signed-off-documents';

/** The seals service's own controllers, handlers and read models (the platform brings the rest). */
@Module({
  controllers: [SealsController, SealUsageApplicationsController],
  providers: [
    // application
    SealCommandHandler,
    SealUsageApplicationCommandHandler,
    SealQueries,
    SealStreams,
    SignedOffDocuments,
    SealDeadlinesJob,
    // infrastructure
    SealReadStore,
    OnDocumentSignedOffReaction,
  ],
})
export class SealsModule {}
