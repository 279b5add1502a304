import type { DomainEvent } from '@oa/core';
import { CONFIDENTIAL_CLERK_POST, DIRECTOR_POST, NOW, OFFICE, bySysAdmin, command, people } from '../directory.fixtures';
import type { GrantRole } from '../person/person.commands';
import { personDecider, personStreamType } from '../person/person.decide';
import { KEEPER, KEEPER_IDENTITY, directorOnFile, keeperDeparted, keeperOnFile, personEvent } from '../person/person.fixtures';
import { unitStreamType } from '../unit/unit.decide';
import { officeWithPosts, unitEvent } from '../unit/unit.fixtures';
import { authorityAt, holdersOfPost, type DirectoryRecord } from './authority.projection';

/** Events as stored: each with an id `<stream>#<version>`. */
function stored(streamType: string, streamId: string, events: readonly DomainEvent[]): DirectoryRecord[] {
  return events.map((event, index) => ({ eventId: `${streamId}#${index + 1}`, streamType, streamId, type: event.type, data: event.data }));
}

const DEPUTY = people.deputy.id;
const deputyOnFile = () => [
  personEvent('PersonRegistered', { personId: DEPUTY, name: people.deputy.name, homeUnitId: OFFICE, identityId: 'id-deputy-office', reason: '新进人员', by: bySysAdmin, at: '2024-02-05T01:00:00.000Z' }),
];
const byDirector = { personId: people.director.id, name: people.director.name, under: { kind: 'post', unitId: OFFICE, postId: DIRECTOR_POST, postKind: 'principalLeader', identityId: 'id-director-office' } } as const;
const keeperOnLeave = () =>
  personEvent('DutyDelegated', {
    personId: KEEPER,
    delegationId: 'dl-1',
    delegatorName: people.keeper.name,
    deputyId: DEPUTY,
    deputyName: people.deputy.name,
    duty: { kind: 'role', role: 'sealKeeper' },
    unitId: OFFICE,
    from: '2024-07-01T00:00:00.000Z',
    until: '2024-07-15T00:00:00.000Z',
    reason: '保管人休假',
    by: byDirector,
    at: '2024-06-28T00:00:00.000Z',
  });
const at = (instant: string) => ({ by: bySysAdmin, at: instant });

/** The office, its director, the keeper (sealKeeper, 机要员, 秘密) on leave from 1 to 15 July, and the deputy. */
function directory(keeperAfter: DomainEvent[] = [], deputyAfter: DomainEvent[] = [], officeAfter: DomainEvent[] = []): DirectoryRecord[] {
  return [
    ...stored(unitStreamType, OFFICE, [...officeWithPosts(), ...officeAfter]),
    ...stored(personStreamType, people.director.id, directorOnFile()),
    ...stored(personStreamType, KEEPER, [...keeperOnFile(), keeperOnLeave(), ...keeperAfter]),
    ...stored(personStreamType, DEPUTY, [...deputyOnFile(), ...deputyAfter]),
  ];
}

const ON_LEAVE = '2024-07-05T03:00:00.000Z';

/** Not on file, or departed: no authority at all. */
const holdsNothing = { active: false, roles: [], posts: [], clearance: { level: 'none' }, delegatedAway: [], actingAsDeputy: [] };

describe('authorityAt: when reading roles, posts and clearance', () => {
  it('DIR-4 a role counts from its grant until its revocation, with the id of the grant event', () => {
    const revoked = personEvent('RoleRevoked', { personId: KEEPER, role: 'sealKeeper', reason: '岗位调整', ...at('2024-08-01T00:00:00.000Z') });
    const events = directory([revoked]);
    expect(authorityAt(events, KEEPER, '2024-02-01T01:30:00.000Z').roles).toEqual([]);
    expect(authorityAt(events, KEEPER, '2024-03-01T00:00:00.000Z').roles).toEqual([
      { role: 'sealKeeper', grantId: `${KEEPER}#2`, since: '2024-02-01T02:00:00.000Z', grantedBy: bySysAdmin },
    ]);
    expect(authorityAt(events, KEEPER, '2024-08-01T00:00:00.000Z').roles).toEqual([]);
  });

  it('DIR-4 a post is held by an identity of its unit, and not after the post is abolished', () => {
    const abolished = unitEvent('PostAbolished', { unitId: OFFICE, postId: CONFIDENTIAL_CLERK_POST, reason: '机构改革', ...at('2024-09-01T00:00:00.000Z') });
    const events = directory([], [], [abolished]);
    expect(authorityAt(events, KEEPER, '2024-03-01T00:00:00.000Z').posts).toEqual([
      { unitId: OFFICE, unitCode: 'XWB', postId: CONFIDENTIAL_CLERK_POST, postKind: 'other', identityId: KEEPER_IDENTITY, title: '机要员', since: '2024-02-01T03:00:00.000Z', assignmentId: `${KEEPER}#3` },
    ]);
    expect(authorityAt(events, KEEPER, '2024-09-01T00:00:00.000Z').posts).toEqual([]);
  });

  it('DIR-2 the clearance comes with its basis and the grant event; after revocation it is 非密', () => {
    const revoked = personEvent('ClearanceRevoked', { personId: KEEPER, previousLevel: 'mimi', basis: '脱密期管理', ...at('2024-10-01T00:00:00.000Z') });
    const events = directory([revoked]);
    expect(authorityAt(events, KEEPER, '2024-03-01T00:00:00.000Z').clearance).toEqual({
      level: 'mimi',
      grantId: `${KEEPER}#4`,
      basis: '县委保密委〔2024〕3号审批',
      since: '2024-02-03T01:00:00.000Z',
    });
    expect(authorityAt(events, KEEPER, '2024-10-01T00:00:00.000Z').clearance).toEqual({ level: 'none' });
  });

  it('answers nothing for a person not on file, and refuses an instant that is not one', () => {
    expect(authorityAt(directory(), 'u-nobody', NOW)).toEqual({
      personId: 'u-nobody',
      instant: NOW,
      ...holdsNothing,
    });
    expect(() => authorityAt(directory(), KEEPER, 'yesterday')).toThrow(TypeError);
  });

  it('DIR-5 names the holders of a post at an instant', () => {
    const relieved = personEvent('PostRelieved', { personId: people.director.id, identityId: 'id-director-office', unitId: OFFICE, postId: DIRECTOR_POST, reason: '调任', ...at('2024-09-01T00:00:00.000Z') });
    const events = [...directory(), ...stored(personStreamType, people.director.id, [...directorOnFile(), relieved]).slice(2)];
    expect(holdersOfPost(events, OFFICE, DIRECTOR_POST, '2024-03-01T00:00:00.000Z')).toEqual([{ personId: people.director.id, identityId: 'id-director-office' }]);
    expect(holdersOfPost(events, OFFICE, DIRECTOR_POST, '2024-09-01T00:00:00.000Z')).toEqual([]);
  });
});

describe('authorityAt: when a duty is delegated', () => {
  it('DIR-6 a delegation is in force only within its period, for the delegator and the deputy alike', () => {
    const events = directory();
    for (const instant of ['2024-06-30T23:59:59.999Z', '2024-07-15T00:00:00.000Z']) {
      expect(authorityAt(events, KEEPER, instant).delegatedAway).toEqual([]);
      expect(authorityAt(events, DEPUTY, instant).actingAsDeputy).toEqual([]);
    }
    const { personId: delegatorId, reason: _reason, by: approvedBy, at: _at, ...delegation } = keeperOnLeave().data;
    const inForce = { ...delegation, grantId: `${KEEPER}#5`, delegatorId, approvedBy };
    expect(authorityAt(events, KEEPER, '2024-07-01T00:00:00.000Z').delegatedAway).toEqual([inForce]);
    expect(authorityAt(events, DEPUTY, ON_LEAVE).actingAsDeputy).toEqual([inForce]);
    // the deputy acts under the delegation, not as a holder of the role
    expect(authorityAt(events, DEPUTY, ON_LEAVE).roles).toEqual([]);
  });

  it('DIR-6 a delegation ends when revoked, when the delegator loses the duty, and when the deputy departs', () => {
    const revoked = personEvent('DelegationRevoked', { personId: KEEPER, delegationId: 'dl-1', reason: '提前返岗', ...at('2024-07-03T00:00:00.000Z') });
    expect(authorityAt(directory([revoked]), DEPUTY, ON_LEAVE).actingAsDeputy).toEqual([]);
    const roleRevoked = personEvent('RoleRevoked', { personId: KEEPER, role: 'sealKeeper', reason: '岗位调整', ...at('2024-07-03T00:00:00.000Z') });
    expect(authorityAt(directory([roleRevoked]), DEPUTY, ON_LEAVE).actingAsDeputy).toEqual([]);
    const deputyDeparted = personEvent('PersonDeparted', { personId: DEPUTY, reason: '调离', ...at('2024-07-03T00:00:00.000Z') });
    expect(authorityAt(directory([], [deputyDeparted]), KEEPER, ON_LEAVE).delegatedAway).toEqual([]);
  });
});

describe('authorityAt: when the person has departed', () => {
  it('a departure ends every role, post, clearance and delegation, to and from the person', () => {
    const events = directory([keeperDeparted('2024-07-03T00:00:00.000Z')]);
    expect(authorityAt(events, KEEPER, '2024-07-02T00:00:00.000Z')).toMatchObject({ active: true, clearance: { level: 'mimi' } });
    expect(authorityAt(events, KEEPER, ON_LEAVE)).toEqual({
      personId: KEEPER,
      instant: ON_LEAVE,
      person: { name: people.keeper.name, homeUnitId: OFFICE, departedAt: '2024-07-03T00:00:00.000Z' },
      ...holdsNothing,
    });
    expect(authorityAt(events, DEPUTY, ON_LEAVE).actingAsDeputy).toEqual([]);
  });
});

describe('authorityAt: when it is the facts of a command', () => {
  const enrolled = [
    personEvent('PersonRegistered', { personId: people.sysAdmin.id, name: people.sysAdmin.name, homeUnitId: OFFICE, identityId: 'id-sysadmin-office', reason: '目录初始化：初始管理员', by: bySysAdmin, at: '2024-01-01T00:00:00.000Z' }),
    personEvent('RoleGranted', { personId: people.sysAdmin.id, role: 'sysAdmin', reason: '目录初始化：初始管理员', by: bySysAdmin, at: '2024-01-01T00:00:00.000Z' }),
  ];
  const grant = (events: DirectoryRecord[]) =>
    command<GrantRole>(
      'GrantRole',
      { personId: KEEPER, role: 'archivist', reason: '兼管档案', actorAuthority: authorityAt(events, people.sysAdmin.id, NOW) },
      people.sysAdmin,
    );

  it('DIR-4 a grant names the grant of the sysAdmin who made it, as the directory holds it', () => {
    const events = [...directory(), ...stored(personStreamType, people.sysAdmin.id, enrolled)];
    const [granted] = personDecider.decide(grant(events), foldKeeper());
    expect(granted?.data.by).toEqual({ personId: people.sysAdmin.id, name: people.sysAdmin.name, under: { kind: 'role', role: 'sysAdmin', grantId: `${people.sysAdmin.id}#2` } });
  });

  it('DIR-1 a revoked sysAdmin is refused, whatever the token says', () => {
    const revoked = personEvent('RoleRevoked', { personId: people.sysAdmin.id, role: 'sysAdmin', reason: '岗位调整', ...at('2024-06-01T00:00:00.000Z') });
    const events = [...directory(), ...stored(personStreamType, people.sysAdmin.id, [...enrolled, revoked])];
    expect(() => personDecider.decide(grant(events), foldKeeper())).toThrow(expect.objectContaining({ code: 'DIR-1' }));
  });
});

function foldKeeper() {
  return keeperOnFile().reduce(personDecider.evolve, personDecider.initialState());
}
