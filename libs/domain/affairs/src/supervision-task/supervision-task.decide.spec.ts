import { DeciderSpecification, type Actor } from '@oa/core';
import { HASH_A, actors, commandOf } from '../affairs.fixtures';
import type { CreateSupervisionTask, SupervisionTaskCommand } from './supervision-task.commands';
import { supervisionTaskDecider } from './supervision-task.decide';
import type { SupervisionTaskEvent } from './supervision-task.events';

const spec = DeciderSpecification.for(supervisionTaskDecider);
const command = commandOf<SupervisionTaskCommand>();
const TASK_ID = 'dub-2026-017';
// 09:00 Beijing on Monday 2 November 2026
const CREATED_AT = '2026-11-02T01:00:00.000Z';
const DEADLINE = '2026-11-30';
const instruction = { kind: 'instruction' as const, documentId: 'doc-in-41', instructionId: 'instr-41' };

const create = (data: Partial<CreateSupervisionTask['data']> = {}, actor: Actor = actors.office) =>
  command(
    'CreateSupervisionTask',
    { taskId: TASK_ID, source: instruction, assigner: { id: 'li.jianguo', name: '李建国' }, ownerUnit: '县委办综合科', responsiblePerson: { id: 'huang.xiaodong', name: '黄晓东' }, requirement: '11月底前报送调研报告', deadline: DEADLINE, ...data },
    { actor, now: CREATED_AT },
  );

const created = (data: Partial<Extract<SupervisionTaskEvent, { type: 'SupervisionTaskAssigned' }>['data']> = {}): SupervisionTaskEvent => ({
  type: 'SupervisionTaskAssigned',
  schemaVersion: 1,
  data: {
    taskId: TASK_ID,
    source: instruction,
    assigner: { id: 'li.jianguo', name: '李建国' },
    ownerUnit: '县委办综合科',
    responsiblePerson: { id: 'huang.xiaodong', name: '黄晓东' },
    requirement: '11月底前报送调研报告',
    deadline: DEADLINE,
    progressEveryDays: 7,
    progressDueOn: '2026-11-09',
    createdBy: { id: actors.office.id, name: actors.office.name },
    createdAt: CREATED_AT,
    ...data,
  },
});
const escalate = (now: string) => command('EscalateSupervisionTask', {}, { actor: { id: 'schedule', name: '督办定时任务', roles: [] }, now });
const escalated = (step: 'reminder' | 'notice' | 'interview', at: string): SupervisionTaskEvent => ({
  type: 'SupervisionTaskEscalated',
  schemaVersion: 1,
  data: { taskId: TASK_ID, step, ownerUnit: '县委办综合科', responsiblePerson: { id: 'huang.xiaodong', name: '黄晓东' }, deadline: DEADLINE, escalatedAt: at },
});
const evidence = [{ name: '调研报告.pdf', hash: HASH_A }];
const closingSubmitted = (at = '2026-11-27T08:00:00.000Z'): SupervisionTaskEvent => ({
  type: 'SupervisionClosingSubmitted',
  schemaVersion: 1,
  data: { taskId: TASK_ID, summary: '报告已报送', evidence, submittedBy: { id: 'huang.xiaodong', name: '黄晓东' }, submittedAt: at },
});

describe('督办事项 (supervision task)', () => {
  it('SUP-1 takes a leader’s instruction on an incoming document as a task with its source, owner unit, responsible person, requirement and deadline; a four-week task reports weekly (SUP-2)', () => {
    spec.given([]).when(create()).then([created()]);
  });

  it('SUP-1 refuses a task without an owner unit, a responsible person, a requirement or a deadline', () => {
    spec.given([]).when(create({ ownerUnit: ' ' })).thenThrows('SUP-1');
    spec.given([]).when(create({ responsiblePerson: { id: '', name: '' } })).thenThrows('SUP-1');
    spec.given([]).when(create({ requirement: '' })).thenThrows('SUP-1');
    spec.given([]).when(create({ deadline: '月底前' })).thenThrows('SUP-1');
    spec.given([]).when(create({ deadline: '2026-11-01' })).thenThrows('SUP-1');
    spec.given([]).when(create({ source: { kind: 'instruction', documentId: 'doc-in-41', instructionId: '' } })).thenThrows('SUP-1');
  });

  it('SUP-1 a leader assigns (交办) a task themself, under the leader role the directory holds; a clerk cannot assign in a leader’s name', () => {
    const assignment = { kind: 'assignment' as const };
    spec
      .given([])
      .when(create({ source: assignment, deadline: '2026-11-10' }, actors.leader))
      .then([created({ source: assignment, deadline: '2026-11-10', assignerGrantId: 'grant-leader-li', createdBy: { id: 'li.jianguo', name: '李建国' }, progressEveryDays: undefined, progressDueOn: undefined })]);
    spec.given([]).when(create({ source: assignment })).thenThrows('SUP-1');
  });

  it('SUP-2 a progress report after its due day is late, and sets the next due day', () => {
    spec
      .given([created()])
      .when(command('ReportSupervisionProgress', { summary: '已完成实地调研', percentComplete: 40 }, { actor: actors.handler, now: '2026-11-10T02:00:00.000Z' }))
      .then([
        {
          type: 'SupervisionTaskProgressReported',
          schemaVersion: 1,
          data: { taskId: TASK_ID, summary: '已完成实地调研', percentComplete: 40, reportedBy: { id: 'huang.xiaodong', name: '黄晓东' }, reportedAt: '2026-11-10T02:00:00.000Z', late: true, nextProgressDueOn: '2026-11-17' },
        },
      ]);
  });

  it('SUP-2 an overdue task escalates 催办 → 通报 → 约谈, one step at a time and no faster than the interval; not before its deadline day has ended in Beijing', () => {
    // 23:59 Beijing on the deadline day: not overdue yet
    spec.given([created()]).when(escalate('2026-11-30T15:59:00.000Z')).thenNothingHappens();
    spec.given([created()]).when(escalate('2026-11-30T16:00:00.000Z')).then([escalated('reminder', '2026-11-30T16:00:00.000Z')]);
    spec.given([created(), escalated('reminder', '2026-11-30T16:00:00.000Z')]).when(escalate('2026-12-01T16:00:00.000Z')).thenNothingHappens();
    spec.given([created(), escalated('reminder', '2026-11-30T16:00:00.000Z')]).when(escalate('2026-12-03T16:00:00.000Z')).then([escalated('notice', '2026-12-03T16:00:00.000Z')]);
    spec
      .given([created(), escalated('reminder', '2026-11-30T16:00:00.000Z'), escalated('notice', '2026-12-03T16:00:00.000Z')])
      .when(escalate('2026-12-07T01:00:00.000Z'))
      .then([escalated('interview', '2026-12-07T01:00:00.000Z')]);
    spec
      .given([created(), escalated('reminder', '2026-11-30T16:00:00.000Z'), escalated('notice', '2026-12-03T16:00:00.000Z'), escalated('interview', '2026-12-07T01:00:00.000Z')])
      .when(escalate('2026-12-20T01:00:00.000Z'))
      .thenNothingHappens();
  });

  it('SUP-2 closing needs evidence, by digest', () => {
    const submit = (items: typeof evidence) => command('SubmitSupervisionClosing', { summary: '报告已报送', evidence: items }, { actor: actors.handler, now: '2026-11-27T08:00:00.000Z' });
    spec.given([created()]).when(submit([])).thenThrows('SUP-2');
    spec.given([created()]).when(submit([{ name: '报告', hash: 'not-a-digest' }])).thenThrows('SUP-2');
    spec.given([created()]).when(submit(evidence)).then([closingSubmitted()]);
  });

  it('SUP-2 the assigner accepts the closing (办结销号); anyone else is refused', () => {
    const accept = (actor: Actor = actors.leader) => command('AcceptSupervisionClosing', { opinion: '同意销号' }, { actor, now: '2026-11-28T02:00:00.000Z' });
    spec.given([created(), closingSubmitted()]).when(accept(actors.director)).thenThrows('SUP-2');
    spec
      .given([created(), closingSubmitted()])
      .when(accept())
      .then([
        {
          type: 'SupervisionTaskAccepted',
          schemaVersion: 1,
          data: { taskId: TASK_ID, opinion: '同意销号', evidence, acceptedBy: { id: 'li.jianguo', name: '李建国' }, late: false, closedAt: '2026-11-28T02:00:00.000Z' },
        },
      ]);
  });

  it('SUP-2 DIR-6 the assigner’s deputy for the leader role accepts, the delegation recorded; a closing submitted after the deadline day closes late', () => {
    const late = closingSubmitted('2026-12-01T02:00:00.000Z');
    spec
      .given([created(), late])
      .when(command('AcceptSupervisionClosing', { opinion: '同意销号' }, { actor: actors.deputy, now: '2026-12-01T03:00:00.000Z' }))
      .then([
        {
          type: 'SupervisionTaskAccepted',
          schemaVersion: 1,
          data: { taskId: TASK_ID, opinion: '同意销号', evidence, acceptedBy: { id: 'zhang.lixin', name: '张立新' }, acceptedAsDeputyUnder: 'delegation-li-to-zhang', late: true, closedAt: '2026-12-01T03:00:00.000Z' },
        },
      ]);
  });

  it('SUP-2 a returned closing reopens the task; nothing is accepted before a closing is submitted, and nothing happens to a closed task', () => {
    const returned: SupervisionTaskEvent = { type: 'SupervisionClosingReturned', schemaVersion: 1, data: { taskId: TASK_ID, reason: '缺少附件', returnedBy: { id: 'li.jianguo', name: '李建国' }, returnedAt: '2026-11-28T02:00:00.000Z' } };
    spec.given([created(), closingSubmitted()]).when(command('ReturnSupervisionClosing', { reason: '缺少附件' }, { actor: actors.leader, now: '2026-11-28T02:00:00.000Z' })).then([returned]);
    spec.given([created(), closingSubmitted(), returned]).when(command('AcceptSupervisionClosing', { opinion: '同意' }, { actor: actors.leader, now: '2026-11-29T02:00:00.000Z' })).thenThrows('SUP-2');
    const closed: SupervisionTaskEvent = { type: 'SupervisionTaskAccepted', schemaVersion: 1, data: { taskId: TASK_ID, opinion: '同意', evidence, acceptedBy: { id: 'li.jianguo', name: '李建国' }, late: false, closedAt: '2026-11-28T02:00:00.000Z' } };
    spec.given([created(), closingSubmitted(), closed]).when(command('ReportSupervisionProgress', { summary: '补充' }, { actor: actors.handler, now: '2026-11-29T02:00:00.000Z' })).thenThrows('AFFAIRS.INVALID_STATE');
    spec.given([created(), closingSubmitted(), closed]).when(escalate('2026-12-20T01:00:00.000Z')).thenNothingHappens();
  });
});
