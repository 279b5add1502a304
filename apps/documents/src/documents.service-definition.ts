import type { ServiceDefinition } from '@oa/platform';
import { DocumentsReadModel1732600000000 } from './infrastructure/migrations/documents-read-model.migration';
import { DocumentsSealApplications1732800000000 } from './infrastructure/migrations/documents-seal-applications.migration';
import { DocumentsIncomingDeadlines1732900000000 } from './infrastructure/migrations/documents-incoming-deadlines.migration';
import { DocumentListEntry } from './infrastructure/read-models/document-list.entity';
import { DocumentsEnvironment } from './infrastructure/documents-settings';
import { incomingDeadlinesProjection } from './infrastructure/read-models/incoming-deadlines.projection';

/** Needs DOCUMENT_CONTENT_KEY (64 hex digits) besides the platform's variables, checked at start: see README.md. */
export const documentsService: ServiceDefinition = {
  service: 'documents',
  title: '公文服务 (documents)',
  entities: [DocumentListEntry],
  migrations: [DocumentsReadModel1732600000000, DocumentsSealApplications1732800000000, DocumentsIncomingDeadlines1732900000000],
  environment: DocumentsEnvironment,
  // not the documents list: the extra readers named at drafting are not in the events (see README)
  readModels: [{ name: 'incoming-deadlines', tables: ['"documents".incoming_deadlines'], projections: [incomingDeadlinesProjection] }],
};
