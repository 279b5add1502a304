import type { Actor, Command } from '@oa/core';
import type { ActorFacts, ChangedBy, HeldPost, HeldRole } from './directory.actor';

/** Test data shared by the directory's specs (not exported from the library's index). */

export const NOW = '2024-07-01T02:00:00.000Z';
export const LONG_AGO = '2019-03-01T01:00:00.000Z';

/** 县委办公室 and the organ above it. */
export const OFFICE = 'unit-office';
export const COUNTY = 'unit-county';
/** 县委办公室主任: the office's principal leader, one holder. */
export const DIRECTOR_POST = 'post-office-director';
/** 县委办公室副主任: a leader post, several holders. */
export const DEPUTY_DIRECTOR_POST = 'post-office-deputy';
/** 机要员: not a leader post. */
export const CONFIDENTIAL_CLERK_POST = 'post-confidential-clerk';

export const people = {
  sysAdmin: { id: 'u-sysadmin', name: '张系管', roles: ['sysAdmin'] },
  securityAdmin: { id: 'u-secadmin', name: '钱安管', roles: ['securityAdmin'] },
  securityAuditor: { id: 'u-secauditor', name: '孙审计', roles: ['securityAuditor'] },
  director: { id: 'u-director', name: '李主任', roles: ['officeDirector', 'leader'] },
  keeper: { id: 'u-keeper', name: '王保管', roles: ['sealKeeper'] },
  deputy: { id: 'u-deputy', name: '赵代理', roles: [] },
  clerk: { id: 'u-clerk', name: '刘科员', roles: ['handler'] },
} as const satisfies Record<string, Actor>;

const held = (personId: string, roles: readonly string[]): HeldRole[] =>
  roles.map((role) => ({ role, grantId: `evt-grant-${personId}-${role}` }) as HeldRole);

/** The actor's directory entry as the service would pass it: their roles (with grant ids) and posts. */
export function factsOf(actor: Actor, posts: readonly HeldPost[] = [], active = true): ActorFacts {
  return { personId: actor.id, active, roles: held(actor.id, actor.roles), posts };
}

export const directorPost: HeldPost = { unitId: OFFICE, postId: DIRECTOR_POST, postKind: 'principalLeader', identityId: 'id-director-office' };
export const clerkPost: HeldPost = { unitId: OFFICE, postId: CONFIDENTIAL_CLERK_POST, postKind: 'other', identityId: 'id-clerk-office' };

export const authority = {
  sysAdmin: factsOf(people.sysAdmin),
  securityAdmin: factsOf(people.securityAdmin),
  securityAuditor: factsOf(people.securityAuditor),
  director: factsOf(people.director, [directorPost]),
  keeper: factsOf(people.keeper),
  deputy: factsOf(people.deputy),
  clerk: factsOf(people.clerk, [clerkPost]),
} as const satisfies Record<keyof typeof people, ActorFacts>;

/** The `by` an event records for a person acting under one of their roles. */
export function byRole(actor: Actor, role: HeldRole['role']): ChangedBy {
  return { personId: actor.id, name: actor.name, under: { kind: 'role', role, grantId: `evt-grant-${actor.id}-${role}` } };
}

export const bySysAdmin = byRole(people.sysAdmin, 'sysAdmin');
export const bySecurityAdmin = byRole(people.securityAdmin, 'securityAdmin');

export function command<C extends Command>(type: C['type'], data: C['data'], actor: Actor, now: string = NOW): C {
  return { type, data, metadata: { actor, now } } as C;
}

/** A typed builder of the events of one stream: the type string picks the data shape. */
export function eventsOf<E extends { readonly type: string; readonly data: object }>() {
  return <T extends E['type']>(type: T, data: Extract<E, { readonly type: T }>['data']): Extract<E, { readonly type: T }> =>
    ({ type, data, schemaVersion: 1 }) as unknown as Extract<E, { readonly type: T }>;
}
