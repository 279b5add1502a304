import type { ServiceDefinition } from '@oa/platform';

export const documentsService: ServiceDefinition = { service: 'documents', title: '公文服务 (documents)' };
