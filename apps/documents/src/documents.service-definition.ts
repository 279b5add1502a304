import { itemNotFound } from '@oa/core';
import { directoryReading } from '@oa/domain-directory';
import { streamType, type ReadModel, type ServiceDefinition } from '@oa/platform';
import {
  documentsUpcasters,
  incomingDocumentDecider,
  outgoingDocumentDecider,
  type IncomingDocumentCommand,
  type IncomingDocumentEvent,
  type IncomingDocumentState,
  type OutgoingDocumentCommand,
  type OutgoingDocumentEvent,
  type OutgoingDocumentState,
} from '@oa/domain-documents';
import { DocumentsReadModel1732600000000 } from './infrastructure/migrations/documents-read-model.migration';
import { DocumentsSealApplications1732800000000 } from './infrastructure/migrations/documents-seal-applications.migration';
import { DocumentsIncomingDeadlines1732900000000 } from './infrastructure/migrations/documents-incoming-deadlines.migration';
import { DocumentsTitles1733050000000 } from './infrastructure/migrations/documents-titles.migration';
import { DocumentsTypedTextsTable1764900000000 } from './infrastructure/migrations/documents-typed-texts-table.migration';
import { DocumentListEntry } from './infrastructure/read-models/document-list.entity';
import { DocumentsEnvironment, documentsSettingsOf } from './infrastructure/documents-settings';
import { documentListProjection } from './infrastructure/read-models/document-list.projection';
import { incomingDeadlinesProjection } from './infrastructure/read-models/incoming-deadlines.projection';
import { documentNumberLedgerStream } from './application/document-number.allocator';
import { incomingDocumentFacts, type IncomingDocumentRequest } from './application/incoming-document.facts';
import { outgoingDocumentFacts, type OutgoingDocumentRequest } from './application/outgoing-document.facts';

/** 发文 / 收文 台账 with each document's need-to-know list (COMMON-3), from the events alone. */
const documentList: ReadModel = { name: 'documents', tables: ['"documents".document_list'], projections: [documentListProjection] };
const incomingDeadlines: ReadModel = { name: 'incoming-deadlines', tables: ['"documents".incoming_deadlines'], projections: [incomingDeadlinesProjection] };

// COMMON-3: a document that is not there (or not yet, asOf) answers as one the reader may not see.

/** 发文: the principal leaders (DOC-2) and the registration's number (DOC-4) are its facts. */
export const outgoingDocumentStream = streamType<OutgoingDocumentCommand, OutgoingDocumentEvent, OutgoingDocumentState, OutgoingDocumentRequest, 'documentId'>({
  decider: outgoingDocumentDecider,
  idField: 'documentId',
  readModels: [documentList],
  facts: outgoingDocumentFacts,
  notFound: itemNotFound,
});

/** 收文: the registration's incoming number (DOC-8) is its fact. */
export const incomingDocumentStream = streamType<IncomingDocumentCommand, IncomingDocumentEvent, IncomingDocumentState, IncomingDocumentRequest, 'documentId'>({
  decider: incomingDocumentDecider,
  idField: 'documentId',
  readModels: [documentList, incomingDeadlines],
  facts: incomingDocumentFacts,
  notFound: itemNotFound,
});

/** Needs DOCUMENT_CONTENT_KEY (64 hex digits) besides the platform's variables, checked at start: see README.md. */
export const documentsService: ServiceDefinition = {
  service: 'documents',
  title: '公文服务 (documents)',
  entities: [DocumentListEntry],
  migrations: [DocumentsReadModel1732600000000, DocumentsSealApplications1732800000000, DocumentsIncomingDeadlines1732900000000, DocumentsTitles1733050000000, DocumentsTypedTextsTable1764900000000],
  environment: DocumentsEnvironment,
  upcasters: documentsUpcasters,
  streams: [outgoingDocumentStream, incomingDocumentStream, documentNumberLedgerStream],
  // DIR-4: roles, posts and clearance are the directory's at each request
  directory: directoryReading,
  // FILE-1/FILE-2 正文, 附件 and 签发稿, classified ones under the content key
  files: { key: (settings) => documentsSettingsOf(settings).contentKey },
};
