import type { Member } from '../meetings.types';
import { ignoreUnknownEvent } from '../meetings.types';
import type { CommitteeEvent } from './committee.events';

/** One uninterrupted membership: member from `from` (inclusive) until `until` (exclusive). */
export interface MembershipPeriod {
  readonly memberId: string;
  readonly name: string;
  readonly from: string;
  readonly until?: string;
}

export type CommitteeState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'active';
      readonly committeeId: string;
      readonly name: string;
      readonly memberships: readonly MembershipPeriod[];
    };

export const initialCommitteeState = (): CommitteeState => ({ status: 'empty' });

export function evolveCommittee(state: CommitteeState, event: CommitteeEvent): CommitteeState {
  switch (event.type) {
    case 'CommitteeCreated':
      return { status: 'active', committeeId: event.data.committeeId, name: event.data.name, memberships: [] };
    case 'CommitteeMemberAdded': {
      if (state.status !== 'active') return state;
      const { memberId, name, effectiveFrom } = event.data;
      return { ...state, memberships: [...state.memberships, { memberId, name, from: effectiveFrom }] };
    }
    case 'CommitteeMemberRemoved': {
      if (state.status !== 'active') return state;
      const { memberId, effectiveFrom } = event.data;
      return {
        ...state,
        memberships: state.memberships.map((period) =>
          period.memberId === memberId && period.until === undefined ? { ...period, until: effectiveFrom } : period,
        ),
      };
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/** The open period of a member (still a member, no removal recorded yet), if any. */
export function openMembership(state: CommitteeState, memberId: string): MembershipPeriod | undefined {
  if (state.status !== 'active') return undefined;
  return state.memberships.find((period) => period.memberId === memberId && period.until === undefined);
}

/**
 * The members on a day (YYYY-MM-DD): the expected members (应到会委员) of a meeting held that
 * day, the base of MTG-3 (quorum) and MTG-5 (majority). The application layer passes this
 * list into ScheduleMeeting as a fact.
 */
export function committeeMembersOn(state: CommitteeState, date: string): Member[] {
  if (state.status !== 'active') return [];
  return state.memberships
    .filter((period) => period.from <= date && (period.until === undefined || date < period.until))
    .map(({ memberId, name }) => ({ memberId, name }));
}

/** 应到 on a day: the member count. */
export function expectedMemberCountOn(state: CommitteeState, date: string): number {
  return committeeMembersOn(state, date).length;
}

/** The members on a day, straight from the stream's events. */
export function committeeMembersAsOf(events: readonly CommitteeEvent[], date: string): Member[] {
  return committeeMembersOn(events.reduce(evolveCommittee, initialCommitteeState()), date);
}
