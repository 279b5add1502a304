import type { ServiceDefinition } from '@oa/platform';
import { SealsReadModel1732500000000 } from './infrastructure/migrations/seals-read-model.migration';
import { SealsDeadlinesAndDocuments1732700000000 } from './infrastructure/migrations/seals-deadlines-and-documents.migration';
import { SealReadModel } from './infrastructure/read-models/seal.entity';

export const sealsService: ServiceDefinition = {
  service: 'seals',
  title: '印章服务 (seals)',
  entities: [SealReadModel],
  migrations: [SealsReadModel1732500000000, SealsDeadlinesAndDocuments1732700000000],
};
