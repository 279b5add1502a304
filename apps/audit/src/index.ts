// What end-to-end tests and tools start: the service's definition and its module.
export { AuditModule } from './audit.module';
export { auditService } from './audit.service-definition';
export { FindingsJob } from './application/findings.job';
export { StoreChainsJob } from './application/store-chains.job';
