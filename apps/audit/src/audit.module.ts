import { Module } from '@nestjs/common';
import { AuditController } from './api/audit.controller';
import { ConsoleStaticFiles } from './api/console-static-files';
import { AuditExports } from './application/audit-exports';
import { AuditQueries } from './application/audit.queries';
import { CheckpointJob } from './application/checkpoint.job';
import { FindingsJob } from './application/findings.job';
import { Checkpoints } from './application/checkpoints';
import { StreamStates } from './application/stream-states';
import { auditSettingsProvider } from './infrastructure/audit-settings';
import { AuditLogStore } from './infrastructure/audit-log.store';
import { AuditIngest } from './infrastructure/consumers/audit-ingest.consumers';
import { FindingsMetric } from './infrastructure/findings.metric';

/** The audit service's own controllers, handlers and read models (the platform brings the rest). */
@Module({
  controllers: [AuditController],
  providers: [
    auditSettingsProvider,
    // api
    ConsoleStaticFiles,
    // application
    Checkpoints,
    AuditQueries,
    AuditExports,
    StreamStates,
    CheckpointJob,
    FindingsJob,
    // infrastructure
    AuditLogStore,
    FindingsMetric,
    AuditIngest,
  ],
})
export class AuditModule {}
