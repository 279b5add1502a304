import { CONFIDENTIAL_CLERK_POST, COUNTY, DEPUTY_DIRECTOR_POST, DIRECTOR_POST, OFFICE, bySysAdmin, eventsOf } from '../directory.fixtures';
import type { UnitEvent } from './unit.events';

/** Test data for unit specs (not exported from the library's index). */

export const unitEvent = eventsOf<UnitEvent>();

export const countyRegistered = () =>
  unitEvent('UnitRegistered', { unitId: COUNTY, code: 'XW', name: '中共某某县委员会', reason: '建立组织机构', by: bySysAdmin, at: '2024-01-02T01:00:00.000Z' });

export const officeRegistered = () =>
  unitEvent('UnitRegistered', {
    unitId: OFFICE,
    code: 'XWB',
    name: '县委办公室',
    parentUnitId: COUNTY,
    reason: '建立组织机构',
    by: bySysAdmin,
    at: '2024-01-02T01:10:00.000Z',
  });

export const directorPostEstablished = () =>
  unitEvent('PostEstablished', {
    unitId: OFFICE,
    postId: DIRECTOR_POST,
    kind: 'principalLeader',
    title: '县委办公室主任',
    capacity: 'single',
    reason: '按三定方案设置职务',
    by: bySysAdmin,
    at: '2024-01-02T01:20:00.000Z',
  });

export const deputyDirectorPostEstablished = () =>
  unitEvent('PostEstablished', {
    unitId: OFFICE,
    postId: DEPUTY_DIRECTOR_POST,
    kind: 'deputyLeader',
    title: '县委办公室副主任',
    capacity: 'several',
    reason: '按三定方案设置职务',
    by: bySysAdmin,
    at: '2024-01-02T01:30:00.000Z',
  });

export const confidentialClerkPostEstablished = () =>
  unitEvent('PostEstablished', {
    unitId: OFFICE,
    postId: CONFIDENTIAL_CLERK_POST,
    kind: 'other',
    title: '机要员',
    capacity: 'several',
    reason: '按三定方案设置职务',
    by: bySysAdmin,
    at: '2024-01-02T01:40:00.000Z',
  });

/** 县委办公室 with its director's, deputy directors' and confidential clerks' posts. */
export const officeWithPosts = (): UnitEvent[] => [officeRegistered(), directorPostEstablished(), deputyDirectorPostEstablished(), confidentialClerkPostEstablished()];
