import { isBlank, isIsoDate, localDateOf, unknownCommand, type Command, type Decider, type DomainEvent } from '@oa/core';
import { DEFAULT_AFFAIRS_CONFIG, type AffairsConfig } from '../affairs.config';
import { refuse } from '../affairs.rules';
import { isNamed, named, type NamedPerson } from '../supervision-task/supervision-task.commands';

/** 值班日: one stream per day, `duty-<YYYY-MM-DD>`. */
export const dutyDayId = (date: string): string => `duty-${date}`;

export const DUTY_LOG_KINDS = ['call', 'event', 'instruction', 'other'] as const;
export type DutyLogKind = (typeof DUTY_LOG_KINDS)[number];

/** The leader on duty as the directory holds them at the command (DIR-4): their held roles, each with its grant; none before the directory is in force. */
export type LeaderOnFile = NamedPerson & { readonly roleGrants?: readonly { readonly role: string; readonly grantId: string }[] };
export type ScheduleDuty = Command<'ScheduleDuty', { readonly date: string; readonly leaderOnDuty: LeaderOnFile; readonly officers: readonly NamedPerson[]; readonly reason?: string }>;
/** 交接班: the outgoing officer hands the shift, with its open items, to the incoming one. */
export type HandOverShift = Command<'HandOverShift', { readonly incomingOfficer: NamedPerson; readonly openItems: readonly string[] }>;
export type RecordDutyLogEntry = Command<'RecordDutyLogEntry', { readonly entryId: string; readonly occurredAt: string; readonly kind: DutyLogKind; readonly summary: string }>;
/** 补正: a log entry is never edited; a correction stands beside it. */
export type AmendDutyLogEntry = Command<'AmendDutyLogEntry', { readonly entryId: string; readonly correction: string; readonly reason: string }>;
export type DutyDayCommand = ScheduleDuty | HandOverShift | RecordDutyLogEntry | AmendDutyLogEntry;

type Event<T extends string, D extends object> = DomainEvent<T, D> & { readonly schemaVersion: 1 };
/** A day's roster; `leaderGrantId` is the directory's grant of the leader's role relied on (DIR-4), absent before the directory is in force. */
interface Roster {
  readonly date: string;
  readonly leaderOnDuty: NamedPerson;
  readonly leaderGrantId?: string;
  readonly officers: readonly NamedPerson[];
}
export type DutyScheduled = Event<'DutyScheduled', Roster & { readonly scheduledBy: NamedPerson; readonly scheduledAt: string }>;
export type DutyRosterChanged = Event<'DutyRosterChanged', Roster & { readonly reason: string; readonly changedBy: NamedPerson; readonly changedAt: string }>;
export type ShiftHandedOver = Event<
  'ShiftHandedOver',
  { readonly date: string; readonly outgoingOfficer: NamedPerson; readonly incomingOfficer: NamedPerson; readonly openItems: readonly string[]; readonly handedOverAt: string }
>;
export type DutyLogEntryRecorded = Event<
  'DutyLogEntryRecorded',
  { readonly date: string; readonly entryId: string; readonly occurredAt: string; readonly kind: DutyLogKind; readonly summary: string; readonly recordedBy: NamedPerson; readonly recordedAt: string }
>;
export type DutyLogEntryAmended = Event<
  'DutyLogEntryAmended',
  { readonly date: string; readonly entryId: string; readonly correction: string; readonly reason: string; readonly amendedBy: NamedPerson; readonly amendedAt: string }
>;
export type DutyDayEvent = DutyScheduled | DutyRosterChanged | ShiftHandedOver | DutyLogEntryRecorded | DutyLogEntryAmended;

export type DutyDayState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'scheduled';
      readonly date: string;
      readonly leaderOnDuty: NamedPerson;
      readonly officers: readonly NamedPerson[];
      /** Who holds the shift now: the first officer, then each incoming one. */
      readonly onShift: NamedPerson;
      readonly logEntryIds: readonly string[];
    };

export const initialDutyDayState = (): DutyDayState => ({ status: 'empty' });

export function evolveDutyDay(state: DutyDayState, event: DutyDayEvent): DutyDayState {
  switch (event.type) {
    case 'DutyScheduled':
    case 'DutyRosterChanged': {
      const { date, leaderOnDuty, officers } = event.data;
      const logEntryIds = state.status === 'scheduled' ? state.logEntryIds : [];
      return { status: 'scheduled', date, leaderOnDuty, officers, onShift: officers[0]!, logEntryIds };
    }
    case 'ShiftHandedOver':
      return state.status === 'scheduled' ? { ...state, onShift: event.data.incomingOfficer } : state;
    case 'DutyLogEntryRecorded':
      return state.status === 'scheduled' ? { ...state, logEntryIds: [...state.logEntryIds, event.data.entryId] } : state;
    default:
      return state;
  }
}


export type DutyDayDecider = Decider<DutyDayCommand, DutyDayEvent, DutyDayState> & { readonly streamType: 'dutyDay' };

/** DUTY-1 值班表、交接班、值班日志. */
export function createDutyDayDecider(overrides: Partial<AffairsConfig> = {}): DutyDayDecider {
  const config: AffairsConfig = { ...DEFAULT_AFFAIRS_CONFIG, ...overrides };
  const scheduled = (state: DutyDayState) => {
    if (state.status === 'empty') throw refuse('DUTY-1', 'conflict', '该日尚未排班');
    return state;
  };
  const decide = (command: DutyDayCommand, state: DutyDayState): DutyDayEvent[] => {
    const { actor, now } = command.metadata;
    switch (command.type) {
      case 'ScheduleDuty': {
        const { date, leaderOnDuty, officers, reason } = command.data;
        if (!isIsoDate(date)) throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '值班日期须为 年-月-日');
        // DUTY-1 每日须有带班领导和值班员
        if (!isNamed(leaderOnDuty)) throw refuse('DUTY-1', 'invalid', '值班表须明确带班领导');
        if (officers.length === 0 || !officers.every(isNamed)) throw refuse('DUTY-1', 'invalid', '值班表须明确值班员');
        if (officers.some((officer) => officer.id === leaderOnDuty.id)) throw refuse('DUTY-1', 'invalid', '带班领导与值班员不得为同一人');
        // DUTY-1 带班领导 is a leader in the directory at this instant, and the event names the grant
        const leaderGrant = leaderOnDuty.roleGrants?.find((held) => config.dutyLeaderRoles.includes(held.role));
        if (leaderOnDuty.roleGrants !== undefined && leaderGrant === undefined) throw refuse('DUTY-1', 'invalid', `${leaderOnDuty.name}在组织与人员目录中不担任领导职务，不能带班`);
        const roster: Roster = { date, leaderOnDuty: named(leaderOnDuty), ...(leaderGrant !== undefined && { leaderGrantId: leaderGrant.grantId }), officers: officers.map(named) };
        if (state.status === 'empty') return [{ type: 'DutyScheduled', schemaVersion: 1, data: { ...roster, scheduledBy: named(actor), scheduledAt: now } }];
        if (state.date !== date) throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '值班日期与该值班日不符');
        // a day already begun keeps its roster: who was on duty is a record, not a plan
        if (localDateOf(now, config.utcOffsetMinutes) >= date) throw refuse('DUTY-1', 'conflict', '当日及以前的值班表不得变更');
        if (isBlank(reason)) throw refuse('DUTY-1', 'invalid', '变更值班表须写明理由');
        return [{ type: 'DutyRosterChanged', schemaVersion: 1, data: { ...roster, reason: reason!, changedBy: named(actor), changedAt: now } }];
      }
      case 'HandOverShift': {
        const day = scheduled(state);
        const { incomingOfficer, openItems } = command.data;
        // DUTY-1 交班人为当班值班员本人
        if (actor.id !== day.onShift.id) throw refuse('DUTY-1', 'forbidden', `交接班须由当班值班员${day.onShift.name}本人交班`);
        if (!isNamed(incomingOfficer) || incomingOfficer.id === actor.id) throw refuse('DUTY-1', 'invalid', '须明确接班值班员');
        if (openItems.some((item) => isBlank(item))) throw refuse('DUTY-1', 'invalid', '未办结事项不能为空白');
        return [{ type: 'ShiftHandedOver', schemaVersion: 1, data: { date: day.date, outgoingOfficer: named(actor), incomingOfficer: named(incomingOfficer), openItems, handedOverAt: now } }];
      }
      case 'RecordDutyLogEntry': {
        const day = scheduled(state);
        const { entryId, occurredAt, kind, summary } = command.data;
        if (isBlank(entryId) || isBlank(summary)) throw refuse('DUTY-1', 'invalid', '值班日志须写明事项');
        // DUTY-1 逐条记录时间
        if (Number.isNaN(Date.parse(occurredAt))) throw refuse('DUTY-1', 'invalid', '值班日志须记录来电或事件的时间');
        if (Date.parse(occurredAt) > Date.parse(now)) throw refuse('DUTY-1', 'invalid', '不得预先记录尚未发生的事项');
        if (!DUTY_LOG_KINDS.includes(kind)) throw refuse('AFFAIRS.INVALID_INPUT', 'invalid', '记录类别不正确');
        if (day.logEntryIds.includes(entryId)) throw refuse('AFFAIRS.ALREADY_EXISTS', 'conflict', '该条值班日志已记录');
        return [{ type: 'DutyLogEntryRecorded', schemaVersion: 1, data: { date: day.date, entryId, occurredAt, kind, summary, recordedBy: named(actor), recordedAt: now } }];
      }
      case 'AmendDutyLogEntry': {
        const day = scheduled(state);
        const { entryId, correction, reason } = command.data;
        if (!day.logEntryIds.includes(entryId)) throw refuse('AFFAIRS.NOT_FOUND', 'notFound', '该条值班日志不存在');
        if (isBlank(correction) || isBlank(reason)) throw refuse('DUTY-1', 'invalid', '补正须写明补正内容和理由');
        return [{ type: 'DutyLogEntryAmended', schemaVersion: 1, data: { date: day.date, entryId, correction, reason, amendedBy: named(actor), amendedAt: now } }];
      }
      default:
        return unknownCommand(command);
    }
  };
  return { streamType: 'dutyDay', initialState: initialDutyDayState, decide, evolve: evolveDutyDay };
}

export const dutyDayDecider: DutyDayDecider = createDutyDayDecider();
