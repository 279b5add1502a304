import { CHINA_STANDARD_TIME_OFFSET_MINUTES, endOfLocalDate, isBlank, unknownCommand, type Decider } from '@oa/core';
import { refuse } from '../meetings.rules';
import { instantMillis, isContentHash } from '../meetings.validation';
import type {
  CloseSupervisionTask,
  MarkSupervisionTaskOverdue,
  ReportSupervisionProgress,
  SupervisionTaskCommand,
} from './supervision-task.commands';
import type { SupervisionTaskEvent } from './supervision-task.events';
import type { SupervisionTaskState } from './supervision-task.state';
import { evolveSupervisionTask, initialSupervisionTaskState } from './supervision-task.state';

export interface SupervisionTaskDeciderConfig {
  /** The office's local time: a deadline day ends at midnight there (UTC+8 by default). */
  readonly utcOffsetMinutes: number;
}

export const DEFAULT_SUPERVISION_TASK_CONFIG: SupervisionTaskDeciderConfig = { utcOffsetMinutes: CHINA_STANDARD_TIME_OFFSET_MINUTES };

type Active = Extract<SupervisionTaskState, { status: 'open' | 'overdue' }>;
type Decide<C> = (command: C, state: SupervisionTaskState) => SupervisionTaskEvent[];

/** MTG-7 a task is overdue once its deadline day has ended in the office's local time. */
export function isPastDeadline(deadline: string, now: string, utcOffsetMinutes = CHINA_STANDARD_TIME_OFFSET_MINUTES): boolean {
  return instantMillis(now) >= instantMillis(endOfLocalDate(deadline, utcOffsetMinutes));
}

function requireActive(state: SupervisionTaskState): Active {
  if (state.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', '督办事项不存在');
  if (state.status === 'closed') throw refuse('MEETINGS.INVALID_STATE', 'conflict', '督办事项已办结');
  return state;
}

const report: Decide<ReportSupervisionProgress> = (command, state) => {
  const task = requireActive(state);
  const { summary, percentComplete } = command.data;
  if (isBlank(summary)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '须填写进展情况');
  if (percentComplete !== undefined && !(Number.isFinite(percentComplete) && percentComplete >= 0 && percentComplete <= 100)) {
    throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '完成比例须在 0 到 100 之间');
  }
  return [
    {
      type: 'SupervisionProgressReported',
      schemaVersion: 1,
      data: {
        taskId: task.taskId,
        summary,
        ...(percentComplete !== undefined ? { percentComplete } : {}),
        reportedBy: command.metadata.actor.id,
        reportedAt: command.metadata.now,
      },
    },
  ];
};

const close =
  (config: SupervisionTaskDeciderConfig): Decide<CloseSupervisionTask> =>
  (command, state) => {
    const task = requireActive(state);
    const { summary, evidence } = command.data;
    if (isBlank(summary)) throw refuse('MEETINGS.INVALID_INPUT', 'invalid', '须填写办结情况');
    // MTG-7 办结须有佐证材料
    if (evidence.length === 0) throw refuse('MTG-7', 'invalid', '办结督办事项须提供佐证材料');
    const bad = evidence.find((item) => isBlank(item.name) || !isContentHash(item.hash));
    if (bad) throw refuse('MTG-7', 'invalid', `佐证材料“${bad.name}”须有名称和 64 位十六进制摘要`);
    return [
      {
        type: 'SupervisionTaskClosed',
        schemaVersion: 1,
        data: {
          taskId: task.taskId,
          summary,
          evidence: evidence.map(({ name, hash }) => ({ name, hash })),
          late: task.status === 'overdue' || isPastDeadline(task.deadline, command.metadata.now, config.utcOffsetMinutes),
          closedBy: command.metadata.actor.id,
          closedAt: command.metadata.now,
        },
      },
    ];
  };

const markOverdue =
  (config: SupervisionTaskDeciderConfig): Decide<MarkSupervisionTaskOverdue> =>
  (command, state) => {
    if (state.status === 'empty') throw refuse('MEETINGS.NOT_FOUND', 'notFound', '督办事项不存在');
    // idempotent: the job may run any number of times; only an open task past its deadline changes
    if (state.status !== 'open' || !isPastDeadline(state.deadline, command.metadata.now, config.utcOffsetMinutes)) return [];
    return [
      {
        type: 'SupervisionTaskMarkedOverdue',
        schemaVersion: 1,
        data: { taskId: state.taskId, meetingId: state.meetingId, ownerUnit: state.ownerUnit, deadline: state.deadline, markedAt: command.metadata.now },
      },
    ];
  };

export function createSupervisionTaskDecider(
  overrides: Partial<SupervisionTaskDeciderConfig> = {},
): Decider<SupervisionTaskCommand, SupervisionTaskEvent, SupervisionTaskState> {
  const config: SupervisionTaskDeciderConfig = { ...DEFAULT_SUPERVISION_TASK_CONFIG, ...overrides };
  const decide = (command: SupervisionTaskCommand, state: SupervisionTaskState): SupervisionTaskEvent[] => {
    switch (command.type) {
      case 'ReportSupervisionProgress':
        return report(command, state);
      case 'CloseSupervisionTask':
        return close(config)(command, state);
      case 'MarkSupervisionTaskOverdue':
        return markOverdue(config)(command, state);
      default:
        return unknownCommand(command);
    }
  };
  return { streamType: 'supervisionTask', initialState: initialSupervisionTaskState, decide, evolve: evolveSupervisionTask };
}

export const supervisionTaskDecider = createSupervisionTaskDecider();
