import { DeciderSpecification } from '@oa/core';
import { HASH_A, actors, refusalOf } from '../meetings.fixtures';
import { supervisionTaskDecider } from './supervision-task.decide';
import type { SupervisionTaskEvent } from './supervision-task.events';
import { TASK_ID, supervisionCommand, taskCreated, taskMarkedOverdue } from './supervision-task.fixtures';

const spec = DeciderSpecification.for(supervisionTaskDecider);
const markOverdue = (now: string) => supervisionCommand('MarkSupervisionTaskOverdue', {}, { actor: { id: 'job', name: '督办定时任务', roles: [] }, now });

describe('SupervisionTask: when open', () => {
  it('MTG-7 records progress reports', () => {
    spec
      .given([taskCreated()])
      .when(supervisionCommand('ReportSupervisionProgress', { summary: '已完成初稿', percentComplete: 40 }, { actor: actors.member, now: '2024-08-01T09:00:00.000+08:00' }))
      .then([
        {
          type: 'SupervisionProgressReported',
          schemaVersion: 1,
          data: { taskId: TASK_ID, summary: '已完成初稿', percentComplete: 40, reportedBy: actors.member.id, reportedAt: '2024-08-01T09:00:00.000+08:00' },
        },
      ]);
  });

  it('MTG-7 closes a task with evidence, on time', () => {
    spec
      .given([taskCreated()])
      .when(supervisionCommand('CloseSupervisionTask', { summary: '报告已获批复', evidence: [{ name: '批复.pdf', hash: HASH_A }] }, { actor: actors.office, now: '2024-09-30T18:00:00.000+08:00' }))
      .then([
        {
          type: 'SupervisionTaskClosed',
          schemaVersion: 1,
          data: { taskId: TASK_ID, summary: '报告已获批复', evidence: [{ name: '批复.pdf', hash: HASH_A }], late: false, closedBy: actors.office.id, closedAt: '2024-09-30T18:00:00.000+08:00' },
        },
      ]);
  });

  it('MTG-7 refuses closing without evidence', () => {
    const refusal = refusalOf(supervisionTaskDecider, [taskCreated()], supervisionCommand('CloseSupervisionTask', { summary: '已办结', evidence: [] }));
    expect([refusal.code, refusal.kind]).toEqual(['MTG-7', 'invalid']);
  });

  it('MTG-7 does not mark a task overdue on its deadline day (Beijing time)', () => {
    spec.given([taskCreated()]).when(markOverdue('2024-09-30T23:59:59.000+08:00')).thenNothingHappens();
  });

  it('MTG-7 marks a task overdue once its deadline day has ended', () => {
    spec.given([taskCreated()]).when(markOverdue('2024-10-01T01:00:00.000+08:00')).then([taskMarkedOverdue('2024-10-01T01:00:00.000+08:00')]);
  });
});

describe('SupervisionTask: when overdue', () => {
  it('MTG-7 marks overdue only once, however often the job runs', () => {
    spec.given([taskCreated(), taskMarkedOverdue()]).when(markOverdue('2024-10-02T01:00:00.000+08:00')).thenNothingHappens();
  });

  it('MTG-7 still takes progress and closes late', () => {
    spec
      .given([taskCreated(), taskMarkedOverdue()])
      .when(supervisionCommand('CloseSupervisionTask', { summary: '已获批复', evidence: [{ name: '批复.pdf', hash: HASH_A }] }, { actor: actors.office, now: '2024-10-08T10:00:00.000+08:00' }))
      .then([
        {
          type: 'SupervisionTaskClosed',
          schemaVersion: 1,
          data: { taskId: TASK_ID, summary: '已获批复', evidence: [{ name: '批复.pdf', hash: HASH_A }], late: true, closedBy: actors.office.id, closedAt: '2024-10-08T10:00:00.000+08:00' },
        },
      ]);
  });
});

describe('SupervisionTask: when closed', () => {
  const closed: SupervisionTaskEvent = {
    type: 'SupervisionTaskClosed',
    schemaVersion: 1,
    data: { taskId: TASK_ID, summary: '已获批复', evidence: [{ name: '批复.pdf', hash: HASH_A }], late: false, closedBy: actors.office.id, closedAt: '2024-09-20T10:00:00.000+08:00' },
  };

  it('MTG-7 never marks a closed task overdue', () => {
    spec.given([taskCreated(), closed]).when(markOverdue('2024-10-02T01:00:00.000+08:00')).thenNothingHappens();
  });

  it('refuses progress on a closed task', () => {
    spec.given([taskCreated(), closed]).when(supervisionCommand('ReportSupervisionProgress', { summary: '补充' })).thenThrows('MEETINGS.INVALID_STATE');
  });
});
