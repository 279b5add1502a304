import { instantOf, type SecrecyLevel } from '@oa/core';
import type { ChangedBy, HeldPost } from '../directory.actor';
import type { DirectoryRole, PostKind } from '../directory.vocabulary';
import type { DelegatedDuty, PersonEvent } from './person.events';

/** A post held by an identity, since an instant. */
export interface IdentityPost {
  readonly postId: string;
  readonly postKind: PostKind;
  readonly title: string;
  readonly since: string;
}

/** 身份: the person in one unit (the home unit, or a 兼职). Posts are held by identities. */
export interface Identity {
  readonly identityId: string;
  readonly unitId: string;
  readonly home: boolean;
  readonly posts: readonly IdentityPost[];
}

export interface RoleHolding {
  readonly role: DirectoryRole;
  readonly since: string;
  readonly grantedBy: ChangedBy;
}

export interface ClearanceHolding {
  readonly level: SecrecyLevel;
  /** 审批依据 */
  readonly basis: string;
  readonly since: string;
  readonly grantedBy: ChangedBy;
}

/** 工作代理 from this person, not revoked (it may be over or not yet begun: see `delegationInForce`). */
export interface Delegation {
  readonly delegationId: string;
  readonly deputyId: string;
  readonly deputyName: string;
  readonly duty: DelegatedDuty;
  readonly unitId: string;
  readonly from: string;
  readonly until: string;
  readonly approvedBy: ChangedBy;
}

/** What the person holds. */
export interface Holdings {
  readonly identities: readonly Identity[];
  readonly roles: readonly RoleHolding[];
  readonly clearance?: ClearanceHolding;
  readonly delegations: readonly Delegation[];
}

export interface PersonRecord extends Holdings {
  readonly personId: string;
  readonly name: string;
  readonly homeUnitId: string;
}

/**
 * A departed person holds nothing: every identity, post, role, clearance and delegation ended
 * with the departure, and `endedByDeparture` says what they were.
 */
export type PersonState =
  | { readonly status: 'empty' }
  | (PersonRecord & { readonly status: 'active' })
  | (PersonRecord & { readonly status: 'departed'; readonly departedAt: string; readonly endedByDeparture: Holdings });

export const initialPersonState = (): PersonState => ({ status: 'empty' });

const nothingHeld: Holdings = { identities: [], roles: [], delegations: [] };

function withIdentity(state: PersonRecord, identityId: string, change: (identity: Identity) => Identity): Identity[] {
  return state.identities.map((identity) => (identity.identityId === identityId ? change(identity) : identity));
}

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  if (event.type === 'PersonRegistered') {
    if (state.status !== 'empty') return state;
    const { personId, name, homeUnitId, identityId } = event.data;
    return { status: 'active', personId, name, homeUnitId, ...nothingHeld, identities: [{ identityId, unitId: homeUnitId, home: true, posts: [] }] };
  }
  if (state.status !== 'active') return state;
  const { data } = event;
  switch (event.type) {
    case 'IdentityAdded':
      return { ...state, identities: [...state.identities, { identityId: event.data.identityId, unitId: event.data.unitId, home: false, posts: [] }] };
    case 'IdentityRemoved':
      return { ...state, identities: state.identities.filter((identity) => identity.identityId !== event.data.identityId) };
    case 'PostAssigned': {
      const { postId, postKind, title } = event.data;
      const post = { postId, postKind, title, since: data.at };
      return { ...state, identities: withIdentity(state, event.data.identityId, (identity) => ({ ...identity, posts: [...identity.posts, post] })) };
    }
    case 'PostRelieved': {
      const { postId } = event.data;
      return { ...state, identities: withIdentity(state, event.data.identityId, (identity) => ({ ...identity, posts: identity.posts.filter((post) => post.postId !== postId) })) };
    }
    case 'RoleGranted':
      return { ...state, roles: [...state.roles, { role: event.data.role, since: data.at, grantedBy: data.by }] };
    case 'RoleRevoked':
      return { ...state, roles: state.roles.filter((holding) => holding.role !== event.data.role) };
    case 'ClearanceGranted':
    case 'ClearanceChanged':
      return { ...state, clearance: { level: event.data.level, basis: event.data.basis, since: data.at, grantedBy: data.by } };
    case 'ClearanceRevoked': {
      const { clearance: _revoked, ...rest } = state;
      return rest;
    }
    case 'DutyDelegated': {
      const { delegationId, deputyId, deputyName, duty, unitId, from, until } = event.data;
      return { ...state, delegations: [...state.delegations, { delegationId, deputyId, deputyName, duty, unitId, from, until, approvedBy: data.by }] };
    }
    case 'DelegationRevoked':
      return { ...state, delegations: state.delegations.filter((delegation) => delegation.delegationId !== event.data.delegationId) };
    case 'PersonDeparted': {
      const { identities, roles, clearance, delegations, ...person } = state;
      const ended: Holdings = { identities, roles, delegations, ...(clearance !== undefined && { clearance }) };
      return { ...person, ...nothingHeld, status: 'departed', departedAt: data.at, endedByDeparture: ended };
    }
    default:
      return state;
  }
}

export function holdsRole(state: PersonState, role: DirectoryRole): boolean {
  return state.status === 'active' && state.roles.some((holding) => holding.role === role);
}

/** The posts the person's identities hold, as an actor's facts list them. */
export function postsOf(state: PersonState): HeldPost[] {
  if (state.status !== 'active') return [];
  return state.identities.flatMap((identity) =>
    identity.posts.map((post) => ({ unitId: identity.unitId, postId: post.postId, postKind: post.postKind, identityId: identity.identityId })),
  );
}

/** DIR-6: a delegation is in force from `from` (inclusive) until `until` (exclusive). */
export function delegationInForce(delegation: Pick<Delegation, 'from' | 'until'>, instant: string): boolean {
  const at = instantOf(instant);
  const from = instantOf(delegation.from);
  const until = instantOf(delegation.until);
  return at !== undefined && from !== undefined && until !== undefined && from <= at && at < until;
}
