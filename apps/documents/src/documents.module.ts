import { Module } from '@nestjs/common';
import { DocumentNumbersController } from './api/document-numbers.controller';
import { IncomingDocumentsController } from './api/incoming-documents.controller';
import { OutgoingDocumentsController } from './api/outgoing-documents.controller';
import { DocumentNumberLedgers } from './application/document-numbers';
import { DocumentStreams } from './application/document-streams';
import { IncomingDeadlinesJob } from './application/incoming-deadlines.job';
import { DocumentQueries } from './application/document.queries';
import { IncomingDocumentCommandHandler } from './application/incoming-document.command-handler';
import { OutgoingDocumentCommandHandler } from './application/outgoing-document.command-handler';
import { ContentStore } from './infrastructure/content/content-store';
import { documentsSettingsProvider } from './infrastructure/documents-settings';
import { DocumentReadStore } from './infrastructure/read-models/document-read-store';
import { OnSealUsedReaction } from './infrastructure/consumers/on-seal-used.reaction';

/** The documents service's own controllers, handlers and read models (the platform brings the rest). */
@Module({
  controllers: [OutgoingDocumentsController, IncomingDocumentsController, DocumentNumbersController],
  providers: [
    // application
    OutgoingDocumentCommandHandler,
    IncomingDocumentCommandHandler,
    DocumentNumberLedgers,
    DocumentQueries,
    DocumentStreams,
    IncomingDeadlinesJob,
    // infrastructure
    documentsSettingsProvider,
    ContentStore,
    DocumentReadStore,
    OnSealUsedReaction,
  ],
})
export class DocumentsModule {}
