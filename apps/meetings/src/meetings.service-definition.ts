import type { ServiceDefinition } from '@oa/platform';

export const meetingsService: ServiceDefinition = { service: 'meetings', title: '会议服务 (meetings)' };
