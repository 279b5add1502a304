import type { ServiceDefinition } from '@oa/platform';
import { MeetingsReadModel1732600000000 } from './infrastructure/migrations/meetings-read-model.migration';
import { MeetingReadModel } from './infrastructure/read-models/meeting.entity';
import { SupervisionTaskReadModel } from './infrastructure/read-models/supervision-task.entity';
import { meetingListProjection } from './infrastructure/read-models/meeting.projection';
import { supervisionTaskListProjection } from './infrastructure/read-models/supervision-task.projection';

export const meetingsService: ServiceDefinition = {
  service: 'meetings',
  title: '会议服务 (meetings)',
  entities: [MeetingReadModel, SupervisionTaskReadModel],
  migrations: [MeetingsReadModel1732600000000],
  readModels: [
    { name: 'meetings', tables: ['"meetings".meetings'], projections: [meetingListProjection] },
    { name: 'supervision-tasks', tables: ['"meetings".supervision_tasks'], projections: [supervisionTaskListProjection] },
  ],
};
