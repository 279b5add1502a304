import type { ServiceDefinition } from '@oa/platform';
import { ArchivesReadModel1732800000000 } from './infrastructure/migrations/archives-read-model.migration';
import { archiveItemProjection } from './infrastructure/read-models/archive-item.projection';

export const archivesService: ServiceDefinition = {
  service: 'archives',
  title: '档案服务 (archives)',
  migrations: [ArchivesReadModel1732800000000],
  readModels: [{ name: 'archive-items', tables: ['"archives".archive_items', '"archives".archive_loans'], projections: [archiveItemProjection] }],
};
