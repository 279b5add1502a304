import type { ServiceDefinition } from '@oa/platform';

export const archivesService: ServiceDefinition = { service: 'archives', title: '档案服务 (archives)' };
