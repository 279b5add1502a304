import { streamType, type ReadModel, type Requested, type ServiceDefinition } from '@oa/platform';
import { directoryReading } from '@oa/domain-directory';
import { refuse, sealDecider, sealsUpcasters, sealUsageApplicationDecider, type SealUsageApplicationCommand, type SealUsageApplicationEvent, type SealUsageApplicationState } from '@oa/domain-seals';
import { SealsReadModel1732500000000 } from './infrastructure/migrations/seals-read-model.migration';
import { SealsDeadlinesAndDocuments1732700000000 } from './infrastructure/migrations/seals-deadlines-and-documents.migration';
import { SealsDocumentRegistration1733000000000 } from './infrastructure/migrations/seals-document-registration.migration';
import { SealReadModel } from './infrastructure/read-models/seal.entity';
import { sealCheckoutProjection, sealUsageApplicationProjection } from './infrastructure/read-models/seal-deadlines.projection';
import { sealListProjection } from './infrastructure/read-models/seal.projection';
import { sealUsageApplicationFacts } from './application/seal-usage-application.facts';

const sealsList: ReadModel = { name: 'seals', tables: ['"seals".seals'], projections: [sealListProjection, sealCheckoutProjection] };
const sealUsageApplications: ReadModel = { name: 'seal-usage-applications', tables: ['"seals".seal_usage_applications'], statements: [sealUsageApplicationProjection] };

/** 印章: registry, lifecycle, keepers and handovers, checkouts. */
export const sealStream = streamType({
  decider: sealDecider,
  idField: 'sealId',
  readModels: [sealsList],
  notFound: (sealId, asOf) => refuse('SEAL.NOT_FOUND', 'notFound', asOf !== undefined ? `印章 ${sealId} 在 ${asOf} 时尚未登记` : `印章 ${sealId} 不存在`),
});

/** 用印申请: the seal (SEAL-1, SEAL-4, SEAL-6) and the document's sign-off, registration and other applications (SEAL-7) are its facts. */
export const sealUsageApplicationStream = streamType<SealUsageApplicationCommand, SealUsageApplicationEvent, SealUsageApplicationState, Requested<SealUsageApplicationCommand, 'seal' | 'document'>, 'applicationId'>({
  decider: sealUsageApplicationDecider,
  idField: 'applicationId',
  readModels: [sealUsageApplications],
  facts: sealUsageApplicationFacts,
  notFound: (applicationId) => refuse('SEAL_USAGE_APPLICATION.NOT_FOUND', 'notFound', `用印申请 ${applicationId} 不存在`),
});

export const sealsService: ServiceDefinition = {
  service: 'seals',
  title: '印章服务 (seals)',
  entities: [SealReadModel],
  migrations: [SealsReadModel1732500000000, SealsDeadlinesAndDocuments1732700000000, SealsDocumentRegistration1733000000000],
  // its own events' older shapes; the documents events it consumes are read in both shapes by the reaction (type-only imports)
  upcasters: sealsUpcasters,
  streams: [sealStream, sealUsageApplicationStream],
  // DIR-4: roles, posts and clearance are the directory's at each request
  directory: directoryReading,
};
