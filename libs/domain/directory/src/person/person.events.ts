import type { SecrecyLevel } from '@oa/core';
import type { DirectoryEventOf } from '../directory.events';
import type { DirectoryRole, PostKind } from '../directory.vocabulary';

type PersonEventOf<Type extends string, Data extends object> = DirectoryEventOf<Type, Data & { readonly personId: string }>;

export type PersonRegistered = PersonEventOf<
  'PersonRegistered',
  { readonly name: string; readonly homeUnitId: string; readonly identityId: string; readonly reason: string }
>;
export type IdentityAdded = PersonEventOf<'IdentityAdded', { readonly identityId: string; readonly unitId: string; readonly reason: string }>;
export type IdentityRemoved = PersonEventOf<'IdentityRemoved', { readonly identityId: string; readonly unitId: string; readonly reason: string }>;
export type PostAssigned = PersonEventOf<
  'PostAssigned',
  {
    readonly identityId: string;
    readonly unitId: string;
    readonly postId: string;
    readonly postKind: PostKind;
    readonly title: string;
    readonly reason: string;
  }
>;
export type PostRelieved = PersonEventOf<
  'PostRelieved',
  { readonly identityId: string; readonly unitId: string; readonly postId: string; readonly reason: string }
>;
export type RoleGranted = PersonEventOf<'RoleGranted', { readonly role: DirectoryRole; readonly reason: string }>;
export type RoleRevoked = PersonEventOf<'RoleRevoked', { readonly role: DirectoryRole; readonly reason: string }>;
export type ClearanceGranted = PersonEventOf<'ClearanceGranted', { readonly level: SecrecyLevel; readonly basis: string }>;
export type ClearanceChanged = PersonEventOf<
  'ClearanceChanged',
  { readonly previousLevel: SecrecyLevel; readonly level: SecrecyLevel; readonly basis: string }
>;
export type ClearanceRevoked = PersonEventOf<'ClearanceRevoked', { readonly previousLevel: SecrecyLevel; readonly basis: string }>;

/** The duty as delegated: a post names the identity that holds it, so the record stands alone. */
export type DelegatedDuty =
  | { readonly kind: 'post'; readonly unitId: string; readonly postId: string; readonly postKind: PostKind; readonly identityId: string }
  | { readonly kind: 'role'; readonly role: DirectoryRole };

/** DIR-6 工作代理; `by` is the approving leader under their post. */
export type DutyDelegated = PersonEventOf<
  'DutyDelegated',
  {
    readonly delegationId: string;
    readonly delegatorName: string;
    readonly deputyId: string;
    readonly deputyName: string;
    readonly duty: DelegatedDuty;
    readonly unitId: string;
    readonly from: string;
    readonly until: string;
    readonly reason: string;
  }
>;
export type DelegationRevoked = PersonEventOf<'DelegationRevoked', { readonly delegationId: string; readonly reason: string }>;
export type PersonDeparted = PersonEventOf<'PersonDeparted', { readonly reason: string }>;

export type PersonEvent =
  | PersonRegistered
  | IdentityAdded
  | IdentityRemoved
  | PostAssigned
  | PostRelieved
  | RoleGranted
  | RoleRevoked
  | ClearanceGranted
  | ClearanceChanged
  | ClearanceRevoked
  | DutyDelegated
  | DelegationRevoked
  | PersonDeparted;

export type PersonEventType = PersonEvent['type'];

export const personEventTypes: readonly PersonEventType[] = [
  'PersonRegistered',
  'IdentityAdded',
  'IdentityRemoved',
  'PostAssigned',
  'PostRelieved',
  'RoleGranted',
  'RoleRevoked',
  'ClearanceGranted',
  'ClearanceChanged',
  'ClearanceRevoked',
  'DutyDelegated',
  'DelegationRevoked',
  'PersonDeparted',
];
