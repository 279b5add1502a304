import type { ServiceDefinition } from '@oa/platform';

export const auditService: ServiceDefinition = { service: 'audit', title: '审计服务 (audit)' };
