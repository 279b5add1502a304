import { instantOf, type EventEnvelope, type SecrecyLevel } from '@oa/core';
import type { ChangedBy, HeldPost, HeldRole } from '../directory.actor';
import type { DelegatedDuty, PersonEvent } from '../person/person.events';
import { personStreamType } from '../person/person.decide';
import { delegationInForce, evolvePerson, initialPersonState, type Delegation, type PersonState } from '../person/person.state';
import type { UnitEvent } from '../unit/unit.events';
import { unitStreamType } from '../unit/unit.decide';
import { evolveUnit, initialUnitState, type PostHolder, type UnitState } from '../unit/unit.state';

/**
 * The directory's answer to "who may do what at that instant" (DIR-4), folded from the
 * directory's events alone: the services' read models and the audit's AUD-14 detector both
 * call it, so the answer is one function. An event counts from its `data.at`.
 */

/** A stored directory event as the projection reads it (upcast first): its id, stream and data. */
export type DirectoryRecord = Pick<EventEnvelope<unknown>, 'eventId' | 'streamType' | 'streamId' | 'type' | 'data'>;

export interface AuthorityRole extends HeldRole {
  readonly since: string;
  readonly grantedBy: ChangedBy;
}

export interface AuthorityPost extends HeldPost {
  /** The unit's code (机构代字), when the unit is on file: how documents name a co-issuer (DOC-3). */
  readonly unitCode?: string;
  readonly title: string;
  readonly since: string;
  /** The PostAssigned event. */
  readonly assignmentId: string;
}

export interface AuthorityClearance {
  readonly level: SecrecyLevel;
  /** The ClearanceGranted or ClearanceChanged event; absent for 非密 (no grant). */
  readonly grantId?: string;
  /** 审批依据 */
  readonly basis?: string;
  readonly since?: string;
}

/** A delegation in force, with the DutyDelegated event's id (`grantId`) and who delegated. */
export interface AuthorityDelegation extends Delegation {
  readonly grantId: string;
  readonly delegatorId: string;
  readonly delegatorName: string;
}

/** A person's authority at an instant. It is an `ActorFacts`: the service passes it into commands as is. */
export interface Authority {
  readonly personId: string;
  readonly instant: string;
  /** Absent when the person was not on file at the instant. */
  readonly person?: { readonly name: string; readonly homeUnitId: string; readonly departedAt?: string };
  /** On file and not departed. Everything below is empty when not active. */
  readonly active: boolean;
  readonly roles: readonly AuthorityRole[];
  readonly posts: readonly AuthorityPost[];
  readonly clearance: AuthorityClearance;
  /** DIR-6 in force: duties this person handed to a deputy (they act on them only with the deputy's knowledge). */
  readonly delegatedAway: readonly AuthorityDelegation[];
  /** DIR-6 in force: duties this person holds as a deputy; an action under one records both names. */
  readonly actingAsDeputy: readonly AuthorityDelegation[];
}

/** One person at the instant, with the ids of the events their holdings come from. */
interface PersonAt {
  readonly state: PersonState;
  readonly roleGrants: ReadonlyMap<string, string>;
  readonly postAssignments: ReadonlyMap<string, string>;
  readonly clearanceGrant?: string;
  readonly delegationGrants: ReadonlyMap<string, string>;
}

interface DirectoryAt {
  readonly persons: ReadonlyMap<string, PersonAt>;
  readonly units: ReadonlyMap<string, UnitState>;
}

const postKey = (identityId: string, postId: string) => `${identityId}/${postId}`;

function instantOrThrow(instant: string): number {
  const at = instantOf(instant);
  if (at === undefined) throw new TypeError(`not an ISO instant: ${String(instant)}`);
  return at;
}

/** Every person and unit of the directory as they stood at the instant. */
function directoryAt(records: readonly DirectoryRecord[], instant: string): DirectoryAt {
  const at = instantOrThrow(instant);
  const persons = new Map<string, PersonAt>();
  const units = new Map<string, UnitState>();
  for (const record of records) {
    const recordedAt = instantOf((record.data as { at?: unknown } | null)?.at);
    if (recordedAt === undefined || recordedAt > at) continue;
    if (record.streamType === unitStreamType) {
      const event = { type: record.type, data: record.data, schemaVersion: 1 } as UnitEvent;
      units.set(record.streamId, evolveUnit(units.get(record.streamId) ?? initialUnitState(), event));
    } else if (record.streamType === personStreamType) {
      const event = { type: record.type, data: record.data, schemaVersion: 1 } as PersonEvent;
      persons.set(record.streamId, evolvePersonAt(persons.get(record.streamId), event, record.eventId));
    }
  }
  return { persons, units };
}

function evolvePersonAt(previous: PersonAt | undefined, event: PersonEvent, eventId: string): PersonAt {
  const person = previous ?? { state: initialPersonState(), roleGrants: new Map(), postAssignments: new Map(), delegationGrants: new Map() };
  const state = evolvePerson(person.state, event);
  if (state === person.state) return person;
  switch (event.type) {
    case 'RoleGranted':
      return { ...person, state, roleGrants: new Map(person.roleGrants).set(event.data.role, eventId) };
    case 'PostAssigned':
      return { ...person, state, postAssignments: new Map(person.postAssignments).set(postKey(event.data.identityId, event.data.postId), eventId) };
    case 'ClearanceGranted':
    case 'ClearanceChanged':
      return { ...person, state, clearanceGrant: eventId };
    case 'DutyDelegated':
      return { ...person, state, delegationGrants: new Map(person.delegationGrants).set(event.data.delegationId, eventId) };
    default:
      return { ...person, state };
  }
}

/** A post counts while its unit stands and the post is not abolished (a unit not among the events is not second-guessed). */
function postOpen(directory: DirectoryAt, unitId: string, postId: string): boolean {
  const unit = directory.units.get(unitId);
  if (unit === undefined) return true;
  return unit.status === 'active' && unit.posts.some((post) => post.postId === postId && !post.abolished);
}

function rolesOf({ state, roleGrants }: PersonAt): AuthorityRole[] {
  if (state.status !== 'active') return [];
  return state.roles.map(({ role, since, grantedBy }) => ({ role, grantId: roleGrants.get(role)!, since, grantedBy }));
}

function openPostsOf(directory: DirectoryAt, { state, postAssignments }: PersonAt): AuthorityPost[] {
  if (state.status !== 'active') return [];
  return state.identities.flatMap(({ identityId, unitId, posts }) =>
    posts
      .filter((post) => postOpen(directory, unitId, post.postId))
      .map(({ postId, postKind, title, since }) => {
        const unit = directory.units.get(unitId);
        const unitCode = unit !== undefined && unit.status !== 'empty' ? unit.code : undefined;
        return { unitId, ...(unitCode !== undefined && { unitCode }), postId, postKind, identityId, title, since, assignmentId: postAssignments.get(postKey(identityId, postId))! };
      }),
  );
}

function clearanceOf({ state, clearanceGrant }: PersonAt): AuthorityClearance {
  if (state.status !== 'active' || state.clearance === undefined || clearanceGrant === undefined) return { level: 'none' };
  const { level, basis, since } = state.clearance;
  return { level, grantId: clearanceGrant, basis, since };
}

/** DIR-6: the delegator still holds the duty at the instant (a revoked role or a relieved post ends its delegation too). */
function stillHeld(directory: DirectoryAt, person: PersonAt, duty: DelegatedDuty): boolean {
  if (duty.kind === 'role') return rolesOf(person).some((held) => held.role === duty.role);
  return openPostsOf(directory, person).some((held) => held.unitId === duty.unitId && held.postId === duty.postId);
}

/** The delegations a person has given that are in force at the instant: within the period, between two active people, duty still held. */
function delegationsInForce(directory: DirectoryAt, delegatorId: string, instant: string): AuthorityDelegation[] {
  const delegator = directory.persons.get(delegatorId);
  if (delegator === undefined || delegator.state.status !== 'active') return [];
  const { state } = delegator;
  return state.delegations
    .filter((delegation) => delegationInForce(delegation, instant))
    .filter((delegation) => directory.persons.get(delegation.deputyId)?.state.status === 'active')
    .filter((delegation) => stillHeld(directory, delegator, delegation.duty))
    .map((delegation) => ({ ...delegation, grantId: delegator.delegationGrants.get(delegation.delegationId)!, delegatorId, delegatorName: state.name }));
}

function authorityIn(directory: DirectoryAt, personId: string, instant: string): Authority {
  const person = directory.persons.get(personId);
  const state = person?.state ?? initialPersonState();
  const active = state.status === 'active';
  const nothing = { roles: [], posts: [], clearance: { level: 'none' as const }, delegatedAway: [], actingAsDeputy: [] };
  if (person === undefined || state.status === 'empty') return { personId, instant, active: false, ...nothing };
  const identity = { name: state.name, homeUnitId: state.homeUnitId, ...(state.status === 'departed' && { departedAt: state.departedAt }) };
  if (!active) return { personId, instant, person: identity, active: false, ...nothing };
  const actingAsDeputy = [...directory.persons.keys()]
    .filter((delegatorId) => delegatorId !== personId)
    .flatMap((delegatorId) => delegationsInForce(directory, delegatorId, instant))
    .filter((delegation) => delegation.deputyId === personId);
  return {
    personId,
    instant,
    person: identity,
    active,
    roles: rolesOf(person),
    posts: openPostsOf(directory, person),
    clearance: clearanceOf(person),
    delegatedAway: delegationsInForce(directory, personId, instant),
    actingAsDeputy,
  };
}

/** The person's roles, posts, clearance and delegations in force at the instant (DIR-4; AUD-14 replays this). */
export function authorityAt(records: readonly DirectoryRecord[], personId: string, instant: string): Authority {
  return authorityIn(directoryAt(records, instant), personId, instant);
}

/** Who holds a post at the instant (DIR-5: e.g. the principal leader SEAL-8 names); `AssignPost` takes it as its holders. */
export function holdersOfPost(records: readonly DirectoryRecord[], unitId: string, postId: string, instant: string): PostHolder[] {
  const directory = directoryAt(records, instant);
  return [...directory.persons.entries()].flatMap(([personId, person]) =>
    openPostsOf(directory, person)
      .filter((post) => post.unitId === unitId && post.postId === postId)
      .map((post) => ({ personId, identityId: post.identityId })),
  );
}
