import { asInlineProjection, type ServiceDefinition } from '@oa/platform';
import { SealsReadModel1732500000000 } from './infrastructure/migrations/seals-read-model.migration';
import { SealsDeadlinesAndDocuments1732700000000 } from './infrastructure/migrations/seals-deadlines-and-documents.migration';
import { SealReadModel } from './infrastructure/read-models/seal.entity';
import { sealCheckoutProjection, sealUsageApplicationProjection } from './infrastructure/read-models/seal-deadlines.projection';
import { sealListProjection } from './infrastructure/read-models/seal.projection';

export const sealsService: ServiceDefinition = {
  service: 'seals',
  title: '印章服务 (seals)',
  entities: [SealReadModel],
  migrations: [SealsReadModel1732500000000, SealsDeadlinesAndDocuments1732700000000],
  readModels: [
    { name: 'seals', tables: ['"seals".seals'], projections: [sealListProjection, sealCheckoutProjection] },
    { name: 'seal-usage-applications', tables: ['"seals".seal_usage_applications'], projections: [asInlineProjection(sealUsageApplicationProjection)] },
  ],
};
