import { Module } from '@nestjs/common';
import { DocumentNumbersController } from './api/document-numbers.controller';
import { IncomingDocumentsController } from './api/incoming-documents.controller';
import { OutgoingDocumentsController } from './api/outgoing-documents.controller';
import { IncomingDeadlinesJob } from './application/incoming-deadlines.job';
import {
  DocumentContentQueryHandler,
  DocumentHistoryQueryHandler,
  DocumentListQueryHandler,
  DocumentNumberLedgerQueryHandler,
  IncomingDocumentQueryHandler,
  OutgoingDocumentQueryHandler,
} from './application/document.query-handlers';
import { DocumentTexts } from './application/document-text';
import { DocumentFiles } from './application/document-files';
import { FilingCopiesController } from './api/filing-copies.controller';
import { TypedTextsMove } from './infrastructure/content/typed-texts-move';
import { documentsSettingsProvider } from './infrastructure/documents-settings';
import { DocumentReadStore } from './infrastructure/read-models/document-read-store';
import { OnSealUsedReaction } from './infrastructure/consumers/on-seal-used.reaction';

/** The documents service's own controllers, query handlers and read models (the platform brings the command path and the rest). */
@Module({
  controllers: [OutgoingDocumentsController, IncomingDocumentsController, FilingCopiesController, DocumentNumbersController],
  providers: [
    // application
    OutgoingDocumentQueryHandler,
    IncomingDocumentQueryHandler,
    DocumentHistoryQueryHandler,
    DocumentContentQueryHandler,
    DocumentListQueryHandler,
    DocumentNumberLedgerQueryHandler,
    DocumentTexts,
    DocumentFiles,
    IncomingDeadlinesJob,
    // infrastructure
    documentsSettingsProvider,
    TypedTextsMove,
    DocumentReadStore,
    OnSealUsedReaction,
  ],
})
export class DocumentsModule {}
