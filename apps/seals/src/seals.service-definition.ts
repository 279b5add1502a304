import type { ServiceDefinition } from '@oa/platform';

export const sealsService: ServiceDefinition = { service: 'seals', title: '印章服务 (seals)' };
