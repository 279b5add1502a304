import type { ServiceDefinition } from '@oa/platform';
import { ArchivesReadModel1732800000000 } from './infrastructure/migrations/archives-read-model.migration';

export const archivesService: ServiceDefinition = {
  service: 'archives',
  title: '档案服务 (archives)',
  migrations: [ArchivesReadModel1732800000000],
};
