import { streamType, type ServiceDefinition } from '@oa/platform';
import { directoryReading } from '@oa/domain-directory';
import { findingReviewDecider } from '@oa/domain-audit';
import { AuditEnvironment } from './infrastructure/audit-settings';
import { AuditStore1733000000000 } from './infrastructure/migrations/audit-store.migration';
import { AuditFindingsKey1733100000000 } from './infrastructure/migrations/audit-findings-key.migration';
import { AuditFindingReviews1733200000000 } from './infrastructure/migrations/audit-finding-reviews.migration';
import { AuditEntriesEventKey1733300000000 } from './infrastructure/migrations/audit-entries-event-key.migration';
import { AuditCatalog1733400000000 } from './infrastructure/migrations/audit-catalog.migration';
import { findingReviewFacts } from './application/finding-reviews';

/** 审计意见: an auditor acknowledges or resolves a finding; the finding is its fact. */
export const findingReviewStream = streamType({ decider: findingReviewDecider, idField: 'findingId', facts: findingReviewFacts });

export const auditService: ServiceDefinition = {
  service: 'audit',
  title: '审计服务 (audit)',
  migrations: [AuditStore1733000000000, AuditFindingsKey1733100000000, AuditFindingReviews1733200000000, AuditEntriesEventKey1733300000000, AuditCatalog1733400000000],
  environment: AuditEnvironment,
  streams: [findingReviewStream],
  // DIR-4: roles, posts and clearance are the directory's at each request
  directory: directoryReading,
};
