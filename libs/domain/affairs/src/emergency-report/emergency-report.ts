import { isBlank, unknownCommand, type Command, type Decider, type DomainEvent } from '@oa/core';
import { DEFAULT_AFFAIRS_CONFIG, type AffairsConfig } from '../affairs.config';
import { refuse } from '../affairs.rules';
import type { NamedPerson } from '../supervision-task/supervision-task.commands';

/**
 * 突发事件信息报送 (INFO-1): 先报事、再报情、后报因、最后报果 — the first report says what,
 * where and when, within the configured minutes of the office learning of it; continued reports
 * the situation; the final report the cause and the outcome. Each report is an event with its
 * recipients and time.
 */
export type SubmitFirstEmergencyReport = Command<
  'SubmitFirstEmergencyReport',
  { readonly incidentId: string; readonly learntAt: string; readonly what: string; readonly where: string; readonly when: string; readonly recipients: readonly string[] }
>;
export type SubmitContinuedEmergencyReport = Command<'SubmitContinuedEmergencyReport', { readonly situation: string; readonly recipients: readonly string[] }>;
export type SubmitFinalEmergencyReport = Command<'SubmitFinalEmergencyReport', { readonly cause: string; readonly outcome: string; readonly recipients: readonly string[] }>;
export type EmergencyReportCommand = SubmitFirstEmergencyReport | SubmitContinuedEmergencyReport | SubmitFinalEmergencyReport;

type Event<T extends string, D extends object> = DomainEvent<T, D> & { readonly schemaVersion: 1 };
interface Reported {
  readonly incidentId: string;
  readonly recipients: readonly string[];
  readonly reportedBy: NamedPerson;
  readonly reportedAt: string;
}
export type EmergencyFirstReported = Event<
  'EmergencyFirstReported',
  Reported & {
    readonly learntAt: string;
    readonly what: string;
    readonly where: string;
    readonly when: string;
    /** INFO-1 the minutes from learning of it to this report, and whether that was past the configured limit. */
    readonly minutesAfterLearning: number;
    readonly allowedMinutes: number;
    readonly late: boolean;
  }
>;
export type EmergencyReportContinued = Event<'EmergencyReportContinued', Reported & { readonly sequence: number; readonly situation: string }>;
export type EmergencyFinalReported = Event<'EmergencyFinalReported', Reported & { readonly cause: string; readonly outcome: string }>;
export type EmergencyReportEvent = EmergencyFirstReported | EmergencyReportContinued | EmergencyFinalReported;

export type EmergencyReportState =
  | { readonly status: 'empty' }
  | { readonly status: 'reporting' | 'final'; readonly incidentId: string; readonly learntAt: string; readonly continued: number };

export const initialEmergencyReportState = (): EmergencyReportState => ({ status: 'empty' });

export function evolveEmergencyReport(state: EmergencyReportState, event: EmergencyReportEvent): EmergencyReportState {
  switch (event.type) {
    case 'EmergencyFirstReported':
      return state.status === 'empty' ? { status: 'reporting', incidentId: event.data.incidentId, learntAt: event.data.learntAt, continued: 0 } : state;
    case 'EmergencyReportContinued':
      return state.status === 'reporting' ? { ...state, continued: event.data.sequence } : state;
    case 'EmergencyFinalReported':
      return state.status === 'reporting' ? { ...state, status: 'final' } : state;
    default:
      return state;
  }
}

export type EmergencyReportDecider = Decider<EmergencyReportCommand, EmergencyReportEvent, EmergencyReportState> & { readonly streamType: 'emergencyReport' };

export function createEmergencyReportDecider(overrides: Partial<AffairsConfig> = {}): EmergencyReportDecider {
  const config: AffairsConfig = { ...DEFAULT_AFFAIRS_CONFIG, ...overrides };
  const recipientsOf = (recipients: readonly string[]) => {
    if (recipients.length === 0 || recipients.some((recipient) => isBlank(recipient))) throw refuse('INFO-1', 'invalid', '报告须写明报送对象');
    return recipients;
  };
  const reporting = (state: EmergencyReportState, stage: string) => {
    // INFO-1 先报事: nothing comes before the first report, nothing after the final one
    if (state.status === 'empty') throw refuse('INFO-1', 'conflict', `须先首报事件，再${stage}`);
    if (state.status === 'final') throw refuse('INFO-1', 'conflict', '已终报，不能再报送');
    return state;
  };
  const decide = (command: EmergencyReportCommand, state: EmergencyReportState): EmergencyReportEvent[] => {
    const { actor, now } = command.metadata;
    const reportedBy = { id: actor.id, name: actor.name };
    switch (command.type) {
      case 'SubmitFirstEmergencyReport': {
        if (state.status !== 'empty') throw refuse('AFFAIRS.ALREADY_EXISTS', 'conflict', '该事件已首报，请续报或终报');
        const { incidentId, learntAt, what, where, when, recipients } = command.data;
        if (isBlank(incidentId)) throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '事件编号不能为空');
        // INFO-1 首报：事件、地点、时间
        if (isBlank(what) || isBlank(where) || isBlank(when)) throw refuse('INFO-1', 'invalid', '首报须写明事件、地点和时间');
        if (Number.isNaN(Date.parse(learntAt)) || Date.parse(learntAt) > Date.parse(now)) throw refuse('INFO-1', 'invalid', '须写明知悉事件的时间，且不得晚于报送时间');
        const minutesAfterLearning = Math.floor((Date.parse(now) - Date.parse(learntAt)) / 60_000);
        return [
          {
            type: 'EmergencyFirstReported',
            schemaVersion: 1,
            data: {
              incidentId,
              learntAt,
              what,
              where,
              when,
              recipients: recipientsOf(recipients),
              reportedBy,
              reportedAt: now,
              minutesAfterLearning,
              allowedMinutes: config.firstReportMinutes,
              late: minutesAfterLearning > config.firstReportMinutes,
            },
          },
        ];
      }
      case 'SubmitContinuedEmergencyReport': {
        const incident = reporting(state, '续报');
        if (isBlank(command.data.situation)) throw refuse('INFO-1', 'invalid', '续报须写明事件进展情况');
        return [
          {
            type: 'EmergencyReportContinued',
            schemaVersion: 1,
            data: { incidentId: incident.incidentId, sequence: incident.continued + 1, situation: command.data.situation, recipients: recipientsOf(command.data.recipients), reportedBy, reportedAt: now },
          },
        ];
      }
      case 'SubmitFinalEmergencyReport': {
        const incident = reporting(state, '终报');
        // INFO-1 后报因、最后报果
        if (isBlank(command.data.cause) || isBlank(command.data.outcome)) throw refuse('INFO-1', 'invalid', '终报须写明原因和处置结果');
        return [
          {
            type: 'EmergencyFinalReported',
            schemaVersion: 1,
            data: { incidentId: incident.incidentId, cause: command.data.cause, outcome: command.data.outcome, recipients: recipientsOf(command.data.recipients), reportedBy, reportedAt: now },
          },
        ];
      }
      default:
        return unknownCommand(command);
    }
  };
  return { streamType: 'emergencyReport', initialState: initialEmergencyReportState, decide, evolve: evolveEmergencyReport };
}

export const emergencyReportDecider: EmergencyReportDecider = createEmergencyReportDecider();
