import type { ServiceDefinition } from '@oa/platform';
import { MeetingsReadModel1732600000000 } from './infrastructure/migrations/meetings-read-model.migration';
import { MeetingReadModel } from './infrastructure/read-models/meeting.entity';
import { SupervisionTaskReadModel } from './infrastructure/read-models/supervision-task.entity';

export const meetingsService: ServiceDefinition = {
  service: 'meetings',
  title: '会议服务 (meetings)',
  entities: [MeetingReadModel, SupervisionTaskReadModel],
  migrations: [MeetingsReadModel1732600000000],
};
