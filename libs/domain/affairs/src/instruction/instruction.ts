import { addWorkingDays, isBlank, localDateOf, unknownCommand, type Command, type Decider, type DomainEvent } from '@oa/core';
import { DEFAULT_AFFAIRS_CONFIG, type AffairsConfig } from '../affairs.config';
import { refuse } from '../affairs.rules';
import type { NamedPerson } from '../supervision-task/supervision-task.commands';

/**
 * 领导批示 on an incoming document, as the documents service recorded it (SUP-3): within the
 * configured working days it becomes a supervision task, or is recorded as needing none.
 */
export type RecordInstruction = Command<
  'RecordInstruction',
  { readonly instructionId: string; readonly documentId: string; readonly leader: NamedPerson; readonly text: string; readonly instructedAt: string }
>;
export type TurnInstructionIntoTask = Command<'TurnInstructionIntoTask', { readonly taskId: string }>;
export type RecordInstructionNeedsNoTask = Command<'RecordInstructionNeedsNoTask', { readonly reason: string }>;
export type InstructionCommand = RecordInstruction | TurnInstructionIntoTask | RecordInstructionNeedsNoTask;

type Event<T extends string, D extends object> = DomainEvent<T, D> & { readonly schemaVersion: 1 };
export type InstructionRecorded = Event<
  'InstructionRecorded',
  {
    readonly instructionId: string;
    readonly documentId: string;
    readonly leader: NamedPerson;
    readonly text: string;
    readonly instructedAt: string;
    /** SUP-3 the last day to turn it into a task or record that it needs none. */
    readonly dispositionDueOn: string;
  }
>;
export type InstructionTurnedIntoTask = Event<
  'InstructionTurnedIntoTask',
  { readonly instructionId: string; readonly documentId: string; readonly taskId: string; readonly late: boolean; readonly by: NamedPerson; readonly at: string }
>;
export type InstructionNeedsNoTask = Event<
  'InstructionNeedsNoTask',
  { readonly instructionId: string; readonly documentId: string; readonly reason: string; readonly late: boolean; readonly by: NamedPerson; readonly at: string }
>;
export type InstructionEvent = InstructionRecorded | InstructionTurnedIntoTask | InstructionNeedsNoTask;

export interface InstructionRecord {
  readonly instructionId: string;
  readonly documentId: string;
  /** The instructing leader: the assigner of the task it becomes (SUP-1). */
  readonly leader: NamedPerson;
  readonly text: string;
  readonly dispositionDueOn: string;
}

export type InstructionState =
  | { readonly status: 'empty' }
  | (InstructionRecord & { readonly status: 'awaitingDisposition' | 'needsNoTask' })
  | (InstructionRecord & { readonly status: 'turnedIntoTask'; readonly taskId: string });

export const initialInstructionState = (): InstructionState => ({ status: 'empty' });

export function evolveInstruction(state: InstructionState, event: InstructionEvent): InstructionState {
  switch (event.type) {
    case 'InstructionRecorded':
      if (state.status !== 'empty') return state;
      return { status: 'awaitingDisposition', instructionId: event.data.instructionId, documentId: event.data.documentId, leader: event.data.leader, text: event.data.text, dispositionDueOn: event.data.dispositionDueOn };
    case 'InstructionTurnedIntoTask':
      return state.status === 'awaitingDisposition' ? { ...state, status: 'turnedIntoTask', taskId: event.data.taskId } : state;
    case 'InstructionNeedsNoTask':
      return state.status === 'awaitingDisposition' ? { ...state, status: 'needsNoTask' } : state;
    default:
      return state;
  }
}

export type InstructionDecider = Decider<InstructionCommand, InstructionEvent, InstructionState> & { readonly streamType: 'leaderInstruction' };

export function createInstructionDecider(overrides: Partial<AffairsConfig> = {}): InstructionDecider {
  const config: AffairsConfig = { ...DEFAULT_AFFAIRS_CONFIG, ...overrides };
  const awaiting = (state: InstructionState) => {
    if (state.status === 'empty') throw refuse('AFFAIRS.NOT_FOUND', 'notFound', '批示不存在');
    if (state.status === 'turnedIntoTask') throw refuse('SUP-3', 'conflict', `该批示已立项督办（${state.taskId}）`);
    if (state.status === 'needsNoTask') throw refuse('SUP-3', 'conflict', '该批示已登记为无需督办');
    return state;
  };
  const disposition = (state: InstructionRecord, command: Command) => ({
    instructionId: state.instructionId,
    documentId: state.documentId,
    // SUP-3 later than the configured working days is still recorded, and AUD-15 finds it
    late: localDateOf(command.metadata.now, config.utcOffsetMinutes) > state.dispositionDueOn,
    by: { id: command.metadata.actor.id, name: command.metadata.actor.name },
    at: command.metadata.now,
  });
  const decide = (command: InstructionCommand, state: InstructionState): InstructionEvent[] => {
    switch (command.type) {
      case 'RecordInstruction': {
        // a redelivered instruction from the documents topic changes nothing
        if (state.status !== 'empty') return [];
        const { instructionId, documentId, leader, text, instructedAt } = command.data;
        if (isBlank(instructionId) || isBlank(documentId) || isBlank(leader.id) || Number.isNaN(Date.parse(instructedAt))) {
          throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '批示须有编号、来文、批示领导和批示时间');
        }
        const dispositionDueOn = addWorkingDays(localDateOf(instructedAt, config.utcOffsetMinutes), config.instructionDispositionWorkingDays, config.calendar);
        return [{ type: 'InstructionRecorded', schemaVersion: 1, data: { instructionId, documentId, leader: { id: leader.id, name: leader.name }, text, instructedAt, dispositionDueOn } }];
      }
      case 'TurnInstructionIntoTask': {
        if (isBlank(command.data.taskId)) throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '须注明督办编号');
        return [{ type: 'InstructionTurnedIntoTask', schemaVersion: 1, data: { ...disposition(awaiting(state), command), taskId: command.data.taskId } }];
      }
      case 'RecordInstructionNeedsNoTask': {
        const waiting = awaiting(state);
        if (isBlank(command.data.reason)) throw refuse('SUP-3', 'invalid', '登记为无需督办须写明理由');
        return [{ type: 'InstructionNeedsNoTask', schemaVersion: 1, data: { ...disposition(waiting, command), reason: command.data.reason } }];
      }
      default:
        return unknownCommand(command);
    }
  };
  return { streamType: 'leaderInstruction', initialState: initialInstructionState, decide, evolve: evolveInstruction };
}

export const instructionDecider: InstructionDecider = createInstructionDecider();
