import type { DomainEvent } from '@oa/core';

/** An event of this library at its current shape (`Version`, 1 unless it changed); an older shape is read through `meetingsUpcasters`. */
export type MeetingsEvent<Type extends string, Data extends object, Version extends number = 1> = DomainEvent<Type, Data> & { readonly schemaVersion: Version };

/** 党委会 · 党政联席会议 · 党政办公会 · 专题会议 */
export const MEETING_KINDS = ['committee', 'jointPartyGovernment', 'officeMeeting', 'topical'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** 三重一大: 重大决策 · 重要干部任免 · 重大项目安排 · 大额资金使用 */
export const MAJOR_MATTER_CATEGORIES = ['majorDecision', 'importantCadreAppointment', 'majorProject', 'largeFundUse'] as const;
export type MajorMatterCategory = (typeof MAJOR_MATTER_CATEGORIES)[number];

export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** 记名投票 and 举手表决 are recorded per member; 无记名投票 only as counts. */
export const VOTING_METHODS = ['namedBallot', 'showOfHands', 'secretBallot'] as const;
export type VotingMethod = (typeof VOTING_METHODS)[number];

export const DECISION_OUTCOMES = ['adopted', 'rejected', 'deferred'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const SECRECY_LEVELS = ['none', 'internal', 'mimi', 'jimi', 'juemi'] as const;
export type SecrecyLevel = (typeof SECRECY_LEVELS)[number];

/** MTG-10 a meeting's level when none is given: 内部. */
export const DEFAULT_MEETING_SECRECY_LEVEL: SecrecyLevel = 'internal';

export { isClassified } from '@oa/core';

/** The higher of two levels. */
export function higherSecrecyLevel(a: SecrecyLevel, b: SecrecyLevel): SecrecyLevel {
  return SECRECY_LEVELS.indexOf(a) >= SECRECY_LEVELS.indexOf(b) ? a : b;
}

/** A committee member (委员). */
export interface Member {
  readonly memberId: string;
  readonly name: string;
}

/** Anyone else named in a record: the chair, the recorder, a non-voting attendee (列席). */
export interface Person {
  readonly personId: string;
  readonly name: string;
  readonly unit?: string;
}

/** A material or a piece of evidence: the content stays in the file store, the stream keeps its hash. */
export interface Material {
  readonly name: string;
  /** SHA-256 or SM3: 64 lowercase hex digits, optionally prefixed `sha256:` / `sm3:`. */
  readonly hash: string;
}

export interface VoteCounts {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

export interface Ballot {
  readonly memberId: string;
  readonly choice: VoteChoice;
}

export interface AbsentMember {
  readonly memberId: string;
  /** 请假事由 */
  readonly reason: string;
}

/** The `never` check closing each `decide` switch: adding a command type without a case fails to compile. */

/**
 * The `never` check closing each `evolve` switch. At run time an event of an unknown type
 * leaves the state as it is: a recorded event is a fact, and folding never throws.
 */
export function ignoreUnknownEvent<S>(_event: never, state: S): S {
  return state;
}
