import { isBlank, nowOf, ruleBook, type Command, type Decider, type DomainEvent } from '@oa/core';

/**
 * An auditor's review of one finding (审计意见): acknowledged (确认) or disputed (有异议, with the
 * reason), then resolved (办结, with what was done), each with a note.
 * The finding itself is computed from the trail and never changes; the review is its own
 * stream of events (stream id = finding id), so the annotations are part of the trail too.
 */
export const findingReviewStreamType = 'findingReview';

export type FindingReviewStatus = 'open' | 'acknowledged' | 'disputed' | 'resolved';

export interface FindingAnnotation {
  readonly action: 'acknowledged' | 'disputed' | 'resolved';
  readonly note: string;
  readonly by: string;
  readonly at: string;
}

export interface FindingReviewState {
  readonly status: FindingReviewStatus;
  readonly annotations: readonly FindingAnnotation[];
}

export type AcknowledgeFinding = Command<'AcknowledgeFinding', { readonly findingId: string; readonly note?: string }>;
export type DisputeFinding = Command<'DisputeFinding', { readonly findingId: string; readonly note: string }>;
export type ResolveFinding = Command<'ResolveFinding', { readonly findingId: string; readonly note: string }>;
export type FindingReviewCommand = AcknowledgeFinding | DisputeFinding | ResolveFinding;

type AnnotationData = { readonly findingId: string; readonly note: string; readonly by: string; readonly at: string };
export type FindingAcknowledged = DomainEvent<'FindingAcknowledged', AnnotationData>;
export type FindingDisputed = DomainEvent<'FindingDisputed', AnnotationData>;
export type FindingResolved = DomainEvent<'FindingResolved', AnnotationData>;
export type FindingReviewEvent = FindingAcknowledged | FindingDisputed | FindingResolved;

/** Refusals of a review (no AUD rule number: the rules are about the trail, not the review). */
export const findingReviewErrors = {
  'AUDIT.FINDING_RESOLVED': '该发现已办结，不能再标注',
  'AUDIT.FINDING_ALREADY_ACKNOWLEDGED': '该发现已确认',
  'AUDIT.FINDING_ALREADY_DISPUTED': '该发现已提出异议',
  'AUDIT.NOTE_REQUIRED': '办结发现须写明处理意见',
  'AUDIT.DISPUTE_REASON_REQUIRED': '对发现提出异议须写明理由',
  'AUDIT.NOTE_TOO_LONG': '意见不得超过 2000 字',
} as const;

const MAX_NOTE_LENGTH = 2000;

const refuse = ruleBook<keyof typeof findingReviewErrors>(findingReviewErrors);

export const initialFindingReviewState = (): FindingReviewState => ({ status: 'open', annotations: [] });

export function decideFindingReview(command: FindingReviewCommand, state: FindingReviewState): FindingReviewEvent[] {
  nowOf(command.metadata.now);
  const note = (command.data.note ?? '').trim();
  if (note.length > MAX_NOTE_LENGTH) throw refuse('AUDIT.NOTE_TOO_LONG', 'invalid');
  if (state.status === 'resolved') throw refuse('AUDIT.FINDING_RESOLVED', 'conflict');
  const data: AnnotationData = { findingId: command.data.findingId, note, by: command.metadata.actor.id, at: command.metadata.now };
  switch (command.type) {
    case 'AcknowledgeFinding':
      if (state.status === 'acknowledged') throw refuse('AUDIT.FINDING_ALREADY_ACKNOWLEDGED', 'conflict');
      return [{ type: 'FindingAcknowledged', data, schemaVersion: 1 }];
    case 'DisputeFinding':
      // a dispute the next inspection could not weigh is no dispute
      if (state.status === 'disputed') throw refuse('AUDIT.FINDING_ALREADY_DISPUTED', 'conflict');
      if (isBlank(note)) throw refuse('AUDIT.DISPUTE_REASON_REQUIRED', 'invalid');
      return [{ type: 'FindingDisputed', data, schemaVersion: 1 }];
    case 'ResolveFinding':
      // A resolution without a reason would leave the next inspection nothing to check.
      if (isBlank(note)) throw refuse('AUDIT.NOTE_REQUIRED', 'invalid');
      return [{ type: 'FindingResolved', data, schemaVersion: 1 }];
    default: {
      const unexpected: never = command;
      throw new TypeError(`unknown finding review command ${(unexpected as { type: string }).type}`);
    }
  }
}

export function evolveFindingReview(state: FindingReviewState, event: FindingReviewEvent): FindingReviewState {
  const { note, by, at } = event.data;
  switch (event.type) {
    case 'FindingAcknowledged':
      return { status: 'acknowledged', annotations: [...state.annotations, { action: 'acknowledged', note, by, at }] };
    case 'FindingDisputed':
      return { status: 'disputed', annotations: [...state.annotations, { action: 'disputed', note, by, at }] };
    case 'FindingResolved':
      return { status: 'resolved', annotations: [...state.annotations, { action: 'resolved', note, by, at }] };
    default:
      return state;
  }
}

export const findingReviewDecider: Decider<FindingReviewCommand, FindingReviewEvent, FindingReviewState> = {
  streamType: findingReviewStreamType,
  initialState: initialFindingReviewState,
  decide: decideFindingReview,
  evolve: evolveFindingReview,
};
