import { isBlank, isHexDigest, localDateOf, type Command, type Decider, type DomainEvent } from '@oa/core';
import { DEFAULT_AFFAIRS_CONFIG, type AffairsConfig, type InformationPeriodKind, type InformationQuota } from '../affairs.config';
import { refuse } from '../affairs.rules';
import type { NamedPerson } from '../supervision-task/supervision-task.commands';

/**
 * 信息报送 (INFO-2): a unit's regular submission, counted in the period of the day it was submitted;
 * `periodKind` is the office's configuration when it was made (a fact the event keeps as `period`).
 */
export type SubmitInformation = Command<
  'SubmitInformation',
  { readonly submissionId: string; readonly unitId: string; readonly title: string; readonly contentHash: string; readonly periodKind: InformationPeriodKind }
>;
export type InformationSubmissionCommand = SubmitInformation;

export type InformationSubmitted = DomainEvent<
  'InformationSubmitted',
  { readonly submissionId: string; readonly unitId: string; readonly title: string; readonly contentHash: string; readonly period: string; readonly submittedBy: NamedPerson; readonly submittedAt: string }
> & { readonly schemaVersion: 1 };
export type InformationSubmissionEvent = InformationSubmitted;

export type InformationSubmissionState = { readonly status: 'empty' } | { readonly status: 'submitted'; readonly unitId: string; readonly period: string };

/** The form of a period of each kind (INFO-2). */
export const PERIOD_FORMS: Readonly<Record<InformationPeriodKind, RegExp>> = { month: /^\d{4}-(0[1-9]|1[0-2])$/, quarter: /^\d{4}-Q[1-4]$/ };

/** `2026-12` for a month, `2026-Q4` for a quarter, of a local date. */
export function periodOf(date: string, kind: InformationPeriodKind): string {
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))];
  return kind === 'month' ? date.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/**
 * INFO-2 each unit below its quota in a period of the office's kind, with what it submitted and what
 * it owes; a period of the other kind is refused (it would list every unit as owing).
 */
export function unitsBelowQuota(
  quotas: readonly InformationQuota[],
  submissions: ReadonlyArray<{ readonly unitId: string; readonly period: string }>,
  period: string,
  kind: InformationPeriodKind,
): Array<{ readonly unitId: string; readonly submitted: number; readonly quota: number }> {
  if (!PERIOD_FORMS[kind].test(period)) {
    throw refuse('INFO-2', 'invalid', kind === 'month' ? '本单位按月统计信息报送，期间须写作 年-月，如 2026-12' : '本单位按季度统计信息报送，期间须写作 年-Q季度，如 2026-Q4');
  }
  return quotas
    .map(({ unitId, perPeriod }) => ({ unitId, quota: perPeriod, submitted: submissions.filter((submission) => submission.unitId === unitId && submission.period === period).length }))
    .filter((unit) => unit.submitted < unit.quota);
}

export type InformationSubmissionDecider = Decider<InformationSubmissionCommand, InformationSubmissionEvent, InformationSubmissionState> & { readonly streamType: 'informationSubmission' };

export function createInformationSubmissionDecider(overrides: Partial<AffairsConfig> = {}): InformationSubmissionDecider {
  const config: AffairsConfig = { ...DEFAULT_AFFAIRS_CONFIG, ...overrides };
  const decide = (command: InformationSubmissionCommand, state: InformationSubmissionState): InformationSubmissionEvent[] => {
    if (state.status !== 'empty') throw refuse('AFFAIRS.ALREADY_EXISTS', 'conflict', '该信息已报送');
    const { submissionId, unitId, title, contentHash, periodKind } = command.data;
    if (isBlank(submissionId) || isBlank(unitId) || isBlank(title)) throw refuse('INFO-2', 'invalid', '报送信息须写明报送单位和标题');
    if (!isHexDigest(contentHash)) throw refuse('INFO-2', 'invalid', '报送信息须附正文（64 位十六进制摘要）');
    const { actor, now } = command.metadata;
    return [
      {
        type: 'InformationSubmitted',
        schemaVersion: 1,
        data: { submissionId, unitId, title, contentHash, period: periodOf(localDateOf(now, config.utcOffsetMinutes), periodKind), submittedBy: { id: actor.id, name: actor.name }, submittedAt: now },
      },
    ];
  };
  const evolve = (state: InformationSubmissionState, event: InformationSubmissionEvent): InformationSubmissionState =>
    state.status === 'empty' ? { status: 'submitted', unitId: event.data.unitId, period: event.data.period } : state;
  return { streamType: 'informationSubmission', initialState: () => ({ status: 'empty' }), decide, evolve };
}

export const informationSubmissionDecider: InformationSubmissionDecider = createInformationSubmissionDecider();
