import { CHINA_STANDARD_TIME_OFFSET_MINUTES, type WorkingCalendar } from '@oa/core';

export type InformationPeriodKind = 'month' | 'quarter';

/** INFO-2 how many submissions a unit owes per period. */
export interface InformationQuota {
  readonly unitId: string;
  readonly perPeriod: number;
}

/** What an office configures for 办事 (DOMAIN.md: SUP-2, SUP-3, INFO-1). */
export interface AffairsConfig {
  /** The office's local time: days, deadlines and duty days end at its midnight (UTC+8). */
  readonly utcOffsetMinutes: number;
  /** Holidays and make-up working days (调休) for SUP-3's working days. */
  readonly calendar: WorkingCalendar;
  /** SUP-3: an instruction becomes a task, or is recorded as needing none, within this many working days. */
  readonly instructionDispositionWorkingDays: number;
  /** SUP-2: a task longer than this many days reports progress on a schedule … */
  readonly progressScheduleAfterDays: number;
  /** … every this many days. */
  readonly progressIntervalDays: number;
  /** SUP-2: an overdue task goes up one step (催办 → 通报 → 约谈) at most this often. */
  readonly escalationIntervalDays: number;
  /** INFO-1: the first report within this many minutes of learning of the event. */
  readonly firstReportMinutes: number;
  /** INFO-2: each unit's quota for one period (the period's kind comes with each submission). */
  readonly informationQuotas: readonly InformationQuota[];
  /** SUP-1: who assigns (交办) and accepts the closing of a task — a leader of the directory. */
  readonly assignerRoles: readonly string[];
  /** DUTY-1: the roles a leader on duty (带班领导) holds in the directory. */
  readonly dutyLeaderRoles: readonly string[];
}

export const DEFAULT_AFFAIRS_CONFIG: AffairsConfig = {
  utcOffsetMinutes: CHINA_STANDARD_TIME_OFFSET_MINUTES,
  calendar: {},
  instructionDispositionWorkingDays: 2,
  progressScheduleAfterDays: 14,
  progressIntervalDays: 7,
  escalationIntervalDays: 3,
  firstReportMinutes: 30,
  informationQuotas: [],
  assignerRoles: ['leader'],
  dutyLeaderRoles: ['leader'],
};
