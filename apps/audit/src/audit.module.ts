import { Module } from '@nestjs/common';
import { AuditController } from './api/audit.controller';
import { ConsoleStaticFiles } from './api/console-static-files';
import { AuditQueries } from './application/audit.queries';
import { CheckpointJob } from './application/checkpoint.job';
import { FindingsJob } from './application/findings.job';
import { Checkpoints } from './application/checkpoints';
import { auditSettingsProvider } from './infrastructure/audit-settings';
import { AuditLogStore } from './infrastructure/audit-log.store';
import { AUDIT_INGEST_CONSUMERS } from './infrastructure/consumers/audit-ingest.consumers';

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
    CheckpointJob,
    FindingsJob,
    // infrastructure
    AuditLogStore,
    ...AUDIT_INGEST_CONSUMERS,
  ],
})
export class AuditModule {}
