import { addDays, deputyForRole, endOfLocalDate, isBlank, isHexDigest, isIsoDate, localDateOf, unknownCommand, type Actor, type Decider } from '@oa/core';
import { DEFAULT_AFFAIRS_CONFIG, type AffairsConfig } from '../affairs.config';
import { refuse } from '../affairs.rules';
import {
  isNamed,
  named,
  type AcceptSupervisionClosing,
  type CreateSupervisionTask,
  type EscalateSupervisionTask,
  type ReportSupervisionProgress,
  type ReturnSupervisionClosing,
  type SubmitSupervisionClosing,
  type SupervisionTaskCommand,
} from './supervision-task.commands';
import { ESCALATION_STEPS, type SupervisionTaskEvent } from './supervision-task.events';
import { evolveSupervisionTask, initialSupervisionTaskState, type SupervisionTaskState } from './supervision-task.state';

export type SupervisionTaskDecider = Decider<SupervisionTaskCommand, SupervisionTaskEvent, SupervisionTaskState> & { readonly streamType: 'supervision' };
type Existing = Exclude<SupervisionTaskState, { status: 'empty' }>;
type Unclosed = Exclude<Existing, { status: 'closed' }>;


/** SUP-2 overdue once its deadline day has ended in the office's local time. */
export const isOverdue = (deadline: string, now: string, config: AffairsConfig = DEFAULT_AFFAIRS_CONFIG): boolean =>
  Date.parse(now) >= Date.parse(endOfLocalDate(deadline, config.utcOffsetMinutes));

function unclosed(state: SupervisionTaskState): Unclosed {
  if (state.status === 'empty') throw refuse('AFFAIRS.NOT_FOUND', 'notFound', '督办事项不存在');
  if (state.status === 'closed') throw refuse('AFFAIRS.INVALID_STATE', 'conflict', '督办事项已办结销号');
  return state;
}

/** The role grant an assigning leader acts under (DIR-4), when the directory is in force. */
function assignerGrant(actor: Actor, config: AffairsConfig): string | undefined {
  if (!config.assignerRoles.some((role) => actor.roles.includes(role))) throw refuse('SUP-1', 'forbidden', '交办督办事项须由领导本人作出');
  return actor.authority?.roles.find((held) => config.assignerRoles.includes(held.role))?.grantId;
}

function create(command: CreateSupervisionTask, state: SupervisionTaskState, config: AffairsConfig): SupervisionTaskEvent[] {
  if (state.status !== 'empty') throw refuse('AFFAIRS.ALREADY_EXISTS', 'conflict', '该督办事项已立项');
  const { taskId, source, assigner, ownerUnit, responsiblePerson, requirement, deadline } = command.data;
  const { actor, now } = command.metadata;
  if (isBlank(taskId)) throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '督办编号不能为空');
  // SUP-1 来源、责任单位、责任人、工作要求和办结时限
  if (source.kind === 'meetingDecision' && (isBlank(source.meetingId) || isBlank(source.itemId))) throw refuse('SUP-1', 'invalid', '会议决定事项须注明会议和议题');
  if (source.kind === 'instruction' && (isBlank(source.documentId) || isBlank(source.instructionId))) throw refuse('SUP-1', 'invalid', '领导批示事项须注明来文和批示');
  if (!isNamed(assigner)) throw refuse('SUP-1', 'invalid', '督办事项须明确交办人');
  if (isBlank(ownerUnit)) throw refuse('SUP-1', 'invalid', '督办事项须明确责任单位');
  if (!isNamed(responsiblePerson)) throw refuse('SUP-1', 'invalid', '督办事项须明确责任人');
  if (isBlank(requirement)) throw refuse('SUP-1', 'invalid', '督办事项须写明工作要求');
  if (!isIsoDate(deadline)) throw refuse('SUP-1', 'invalid', '督办事项须明确办结时限（年-月-日）');
  const today = localDateOf(now, config.utcOffsetMinutes);
  if (deadline < today) throw refuse('SUP-1', 'invalid', '办结时限不得早于立项日期');
  // 交办: the leader assigns it themself, under the role the directory holds
  let assignerGrantId: string | undefined;
  if (source.kind === 'assignment') {
    if (assigner.id !== actor.id) throw refuse('SUP-1', 'forbidden', '交办督办事项须由领导本人作出');
    assignerGrantId = assignerGrant(actor, config);
  }
  // SUP-2 a task longer than two weeks reports progress on a schedule
  const scheduled = addDays(today, config.progressScheduleAfterDays) < deadline;
  return [
    {
      type: 'SupervisionTaskAssigned',
      schemaVersion: 1,
      data: {
        taskId,
        source,
        assigner: { id: assigner.id, name: assigner.name },
        ...(assignerGrantId !== undefined && { assignerGrantId }),
        ownerUnit,
        responsiblePerson: { id: responsiblePerson.id, name: responsiblePerson.name },
        requirement,
        deadline,
        ...(scheduled && { progressEveryDays: config.progressIntervalDays, progressDueOn: addDays(today, config.progressIntervalDays) }),
        createdBy: named(actor),
        createdAt: now,
      },
    },
  ];
}

function report(command: ReportSupervisionProgress, state: SupervisionTaskState, config: AffairsConfig): SupervisionTaskEvent[] {
  const task = unclosed(state);
  const { summary, percentComplete } = command.data;
  if (isBlank(summary)) throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '须填写进展情况');
  if (percentComplete !== undefined && !(Number.isFinite(percentComplete) && percentComplete >= 0 && percentComplete <= 100)) {
    throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '完成比例须在 0 到 100 之间');
  }
  const { actor, now } = command.metadata;
  const today = localDateOf(now, config.utcOffsetMinutes);
  return [
    {
      type: 'SupervisionTaskProgressReported',
      schemaVersion: 1,
      data: {
        taskId: task.taskId,
        summary,
        ...(percentComplete !== undefined && { percentComplete }),
        reportedBy: named(actor),
        reportedAt: now,
        late: task.progressDueOn !== undefined && today > task.progressDueOn,
        ...(task.progressEveryDays !== undefined && { nextProgressDueOn: addDays(today, task.progressEveryDays) }),
      },
    },
  ];
}

/** SUP-2 逾期催办 → 通报 → 约谈: one step when the task is overdue and the last step is old enough; idempotent for the schedule. */
function escalate(command: EscalateSupervisionTask, state: SupervisionTaskState, config: AffairsConfig): SupervisionTaskEvent[] {
  if (state.status === 'empty') throw refuse('AFFAIRS.NOT_FOUND', 'notFound', '督办事项不存在');
  const { now } = command.metadata;
  if (state.status !== 'open' || !isOverdue(state.deadline, now, config)) return [];
  const current = state.escalation ? ESCALATION_STEPS.indexOf(state.escalation.step) : -1;
  const next = ESCALATION_STEPS[current + 1];
  if (next === undefined) return [];
  if (state.escalation && Date.parse(now) < Date.parse(state.escalation.at) + config.escalationIntervalDays * 86_400_000) return [];
  return [
    {
      type: 'SupervisionTaskEscalated',
      schemaVersion: 1,
      data: { taskId: state.taskId, step: next, ownerUnit: state.ownerUnit, responsiblePerson: state.responsiblePerson, deadline: state.deadline, escalatedAt: now },
    },
  ];
}

function submitClosing(command: SubmitSupervisionClosing, state: SupervisionTaskState): SupervisionTaskEvent[] {
  const task = unclosed(state);
  if (task.status === 'awaitingAcceptance') throw refuse('AFFAIRS.INVALID_STATE', 'conflict', '办结材料已报送，待交办人验收');
  const { summary, evidence } = command.data;
  if (isBlank(summary)) throw refuse('SUP-2', 'invalid', '须填写办结情况');
  // SUP-2 办结销号须有佐证材料
  if (evidence.length === 0) throw refuse('SUP-2', 'invalid', '办结督办事项须提供佐证材料');
  const bad = evidence.find((item) => isBlank(item.name) || !isHexDigest(item.hash));
  if (bad) throw refuse('SUP-2', 'invalid', `佐证材料“${bad.name}”须有名称和 64 位十六进制摘要`);
  const { actor, now } = command.metadata;
  return [
    {
      type: 'SupervisionClosingSubmitted',
      schemaVersion: 1,
      data: { taskId: task.taskId, summary, evidence: evidence.map(({ name, hash }) => ({ name, hash })), submittedBy: named(actor), submittedAt: now },
    },
  ];
}

/** SUP-2 the assigner (or their deputy for the leader's role, DIR-6) accepts or returns the closing. */
function awaiting(state: SupervisionTaskState, actor: Actor, config: AffairsConfig): { task: Extract<Existing, { status: 'awaitingAcceptance' }>; deputyUnder?: string } {
  const task = unclosed(state);
  if (task.status !== 'awaitingAcceptance') throw refuse('SUP-2', 'conflict', '尚未报送办结材料，不能验收');
  if (actor.id === task.assigner.id) return { task };
  const deputy = config.assignerRoles.map((role) => deputyForRole(actor, task.assigner.id, role)).find((found) => found !== undefined);
  if (deputy === undefined) throw refuse('SUP-2', 'forbidden', `办结须经交办人${task.assigner.name}验收`);
  return { task, deputyUnder: deputy.grantId };
}

function accept(command: AcceptSupervisionClosing, state: SupervisionTaskState, config: AffairsConfig): SupervisionTaskEvent[] {
  const { actor, now } = command.metadata;
  const { task, deputyUnder } = awaiting(state, actor, config);
  return [
    {
      type: 'SupervisionTaskAccepted',
      schemaVersion: 1,
      data: {
        taskId: task.taskId,
        opinion: command.data.opinion,
        evidence: task.closing.evidence,
        acceptedBy: named(actor),
        ...(deputyUnder !== undefined && { acceptedAsDeputyUnder: deputyUnder }),
        late: Date.parse(task.closing.submittedAt) >= Date.parse(endOfLocalDate(task.deadline, config.utcOffsetMinutes)),
        closedAt: now,
      },
    },
  ];
}

function returnClosing(command: ReturnSupervisionClosing, state: SupervisionTaskState, config: AffairsConfig): SupervisionTaskEvent[] {
  const { actor, now } = command.metadata;
  const { task } = awaiting(state, actor, config);
  if (isBlank(command.data.reason)) throw refuse('SUP-2', 'invalid', '退回须写明理由');
  return [{ type: 'SupervisionClosingReturned', schemaVersion: 1, data: { taskId: task.taskId, reason: command.data.reason, returnedBy: named(actor), returnedAt: now } }];
}

export function createSupervisionTaskDecider(overrides: Partial<AffairsConfig> = {}): SupervisionTaskDecider {
  const config: AffairsConfig = { ...DEFAULT_AFFAIRS_CONFIG, ...overrides };
  const decide = (command: SupervisionTaskCommand, state: SupervisionTaskState): SupervisionTaskEvent[] => {
    switch (command.type) {
      case 'CreateSupervisionTask':
        return create(command, state, config);
      case 'ReportSupervisionProgress':
        return report(command, state, config);
      case 'EscalateSupervisionTask':
        return escalate(command, state, config);
      case 'SubmitSupervisionClosing':
        return submitClosing(command, state);
      case 'AcceptSupervisionClosing':
        return accept(command, state, config);
      case 'ReturnSupervisionClosing':
        return returnClosing(command, state, config);
      default:
        return unknownCommand(command);
    }
  };
  return { streamType: 'supervision', initialState: initialSupervisionTaskState, decide, evolve: evolveSupervisionTask };
}

export const supervisionTaskDecider: SupervisionTaskDecider = createSupervisionTaskDecider();
