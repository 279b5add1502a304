import { actors, commandOf } from '../meetings.fixtures';
import type { SupervisionTaskCommand } from './supervision-task.commands';
import type { SupervisionTaskEvent } from './supervision-task.events';

export const TASK_ID = 'dub-2024-031';
export const supervisionCommand = commandOf<SupervisionTaskCommand>();
export const CREATED_AT = '2024-07-02T09:00:00.000+08:00';
export const DEADLINE = '2024-09-30';

export const taskCreated = (): SupervisionTaskEvent => ({
  type: 'SupervisionTaskCreated',
  schemaVersion: 1,
  data: {
    taskId: TASK_ID,
    meetingId: 'mtg-2024-07-01',
    itemId: 'item-project',
    description: '完成档案馆项目可行性研究报告报批',
    ownerUnit: '办公室',
    ownerPersonId: 'u-li',
    deadline: DEADLINE,
    createdBy: actors.office.id,
    createdAt: CREATED_AT,
  },
});

export const taskMarkedOverdue = (markedAt = '2024-10-01T01:00:00.000+08:00'): SupervisionTaskEvent => ({
  type: 'SupervisionTaskMarkedOverdue',
  schemaVersion: 1,
  data: { taskId: TASK_ID, meetingId: 'mtg-2024-07-01', ownerUnit: '办公室', deadline: DEADLINE, markedAt },
});
