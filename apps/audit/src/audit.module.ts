import { Module } from '@nestjs/common';
import { AuditController } from './api/audit.controller';
import { AuditFilesController } from './api/audit-files.controller';
import { ConsoleStaticFiles } from './api/console-static-files';
import { EntriesExportQueryHandler, FindingsExportQueryHandler } from './application/audit-export.query-handlers';
import { AuditEntriesQueryHandler, AuditLogsQueryHandler, AuditStreamHistoryQueryHandler, FindingListQueryHandler, FindingQueryHandler } from './application/audit.query-handlers';
import { CatalogListQueryHandler } from './application/catalog.query-handlers';
import { CheckpointJob } from './application/checkpoint.job';
import {
  CheckpointPublicKeyQueryHandler,
  CheckpointQueryHandler,
  EntryInclusionProofQueryHandler,
  LatestCheckpointQueryHandler,
  LogConsistencyProofQueryHandler,
} from './application/checkpoint.query-handlers';
import { FindingsJob } from './application/findings.job';
import { StoreChainsJob } from './application/store-chains.job';
import { Checkpoints } from './application/checkpoints';
import { FileRelay } from './application/file-relay';
import { AuditStreamStateQueryHandler } from './application/stream-state.query-handlers';
import { auditSettingsProvider } from './infrastructure/audit-settings';
import { AuditLogStore } from './infrastructure/audit-log.store';
import { CatalogStore } from './infrastructure/catalog.store';
import { AuditIngest } from './infrastructure/consumers/audit-ingest.consumers';
import { FindingsMetric } from './infrastructure/findings.metric';

/** The audit service's own controllers, handlers and read models (the platform brings the rest). */
@Module({
  controllers: [AuditController, AuditFilesController],
  providers: [
    auditSettingsProvider,
    // api
    ConsoleStaticFiles,
    // application
    Checkpoints,
    FileRelay,
    AuditEntriesQueryHandler,
    AuditStreamHistoryQueryHandler,
    AuditStreamStateQueryHandler,
    AuditLogsQueryHandler,
    CatalogListQueryHandler,
    FindingListQueryHandler,
    FindingQueryHandler,
    LatestCheckpointQueryHandler,
    CheckpointQueryHandler,
    CheckpointPublicKeyQueryHandler,
    EntryInclusionProofQueryHandler,
    LogConsistencyProofQueryHandler,
    EntriesExportQueryHandler,
    FindingsExportQueryHandler,
    CheckpointJob,
    FindingsJob,
    StoreChainsJob,
    // infrastructure
    AuditLogStore,
    CatalogStore,
    FindingsMetric,
    AuditIngest,
  ],
})
export class AuditModule {}
