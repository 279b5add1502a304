import { CONFIDENTIAL_CLERK_POST, COUNTY, DIRECTOR_POST, LONG_AGO, OFFICE, bySecurityAdmin, bySysAdmin, eventsOf, people } from '../directory.fixtures';
import type { PersonEvent } from './person.events';

/** Test data for person specs (not exported from the library's index). */

export const personEvent = eventsOf<PersonEvent>();

export const KEEPER = people.keeper.id;
export const KEEPER_IDENTITY = 'id-keeper-office';

export const keeperRegistered = (at = '2024-02-01T01:00:00.000Z') =>
  personEvent('PersonRegistered', { personId: KEEPER, name: people.keeper.name, homeUnitId: OFFICE, identityId: KEEPER_IDENTITY, reason: '新进人员', by: bySysAdmin, at });

export const roleGranted = (role: Extract<PersonEvent, { type: 'RoleGranted' }>['data']['role'], at = '2024-02-01T02:00:00.000Z', personId: string = KEEPER) =>
  personEvent('RoleGranted', { personId, role, reason: '岗位职责', by: bySysAdmin, at });

export const keeperPostAssigned = () =>
  personEvent('PostAssigned', {
    personId: KEEPER,
    identityId: KEEPER_IDENTITY,
    unitId: OFFICE,
    postId: CONFIDENTIAL_CLERK_POST,
    postKind: 'other',
    title: '机要员',
    reason: '任命',
    by: bySysAdmin,
    at: '2024-02-01T03:00:00.000Z',
  });

export const countyIdentityAdded = () =>
  personEvent('IdentityAdded', { personId: KEEPER, identityId: 'id-keeper-county', unitId: COUNTY, reason: '兼任县委机要工作', by: bySysAdmin, at: '2024-02-02T01:00:00.000Z' });

export const clearanceGranted = (level: 'internal' | 'mimi' | 'jimi' | 'juemi' = 'mimi', at = '2024-02-03T01:00:00.000Z') =>
  personEvent('ClearanceGranted', { personId: KEEPER, level, basis: '县委保密委〔2024〕3号审批', by: bySecurityAdmin, at });

export const keeperDeparted = (at = '2024-06-30T09:00:00.000Z') => personEvent('PersonDeparted', { personId: KEEPER, reason: '调离', by: bySysAdmin, at });

/** The seal keeper: registered in the office, sealKeeper, 机要员, cleared to 秘密. */
export const keeperOnFile = (): PersonEvent[] => [keeperRegistered(), roleGranted('sealKeeper'), keeperPostAssigned(), clearanceGranted()];

/** The sysAdmin's own stream: sysAdmin granted long ago. */
export const sysAdminOnFile = (): PersonEvent[] => [
  personEvent('PersonRegistered', { personId: people.sysAdmin.id, name: people.sysAdmin.name, homeUnitId: OFFICE, identityId: 'id-sysadmin-office', reason: '新进人员', by: bySysAdmin, at: LONG_AGO }),
  roleGranted('sysAdmin', LONG_AGO, people.sysAdmin.id),
];

/** The office director, principal leader of the office (DIR-6 approver). */
export const directorOnFile = (): PersonEvent[] => [
  personEvent('PersonRegistered', { personId: people.director.id, name: people.director.name, homeUnitId: OFFICE, identityId: 'id-director-office', reason: '任职', by: bySysAdmin, at: '2024-01-05T01:00:00.000Z' }),
  personEvent('PostAssigned', {
    personId: people.director.id,
    identityId: 'id-director-office',
    unitId: OFFICE,
    postId: DIRECTOR_POST,
    postKind: 'principalLeader',
    title: '县委办公室主任',
    reason: '县委任命',
    by: bySysAdmin,
    at: '2024-01-05T02:00:00.000Z',
  }),
];
