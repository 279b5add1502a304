import { DeciderSpecification, fold, type Actor } from '@oa/core';
import type { ActorFacts } from '../directory.actor';
import {
  COUNTY,
  DEPUTY_DIRECTOR_POST,
  DIRECTOR_POST,
  LONG_AGO,
  NOW,
  OFFICE,
  authority,
  bySecurityAdmin,
  bySysAdmin,
  command,
  directorPost,
  factsOf,
  people,
} from '../directory.fixtures';
import { installer } from '../directory-bootstrap/directory-bootstrap.fixtures';
import type { PostFacts } from '../unit/unit.state';
import type { EnrolBootstrapAdministrator, PersonCommand } from './person.commands';
import { personDecider } from './person.decide';
import {
  KEEPER,
  KEEPER_IDENTITY,
  clearanceGranted,
  countyIdentityAdded,
  directorOnFile,
  keeperDeparted,
  keeperOnFile,
  keeperPostAssigned,
  keeperRegistered,
  personEvent,
  roleGranted,
  sysAdminOnFile,
} from './person.fixtures';
import { postsOf } from './person.state';

const spec = DeciderSpecification.for(personDecider);

type Data<T extends PersonCommand['type']> = Omit<Extract<PersonCommand, { type: T }>['data'], 'personId' | 'actorAuthority'>;

/** A command on a person's stream (the keeper's unless said), by the sysAdmin unless said. */
function on<T extends Exclude<PersonCommand['type'], 'EnrolBootstrapAdministrator'>>(
  type: T,
  data: Data<T>,
  actor: Actor = people.sysAdmin,
  facts: ActorFacts = authority.sysAdmin,
  personId: string = KEEPER,
): PersonCommand {
  return command<PersonCommand>(type, { personId, actorAuthority: facts, ...data } as unknown as PersonCommand['data'], actor);
}

const byDirector = { personId: people.director.id, name: people.director.name, under: { kind: 'post', ...directorPost } } as const;
const officeUnit = { unitId: OFFICE, active: true };

const postFacts = (overrides: Partial<PostFacts> = {}): PostFacts => ({
  unitId: OFFICE,
  postId: DEPUTY_DIRECTOR_POST,
  kind: 'deputyLeader',
  title: '县委办公室副主任',
  capacity: 'several',
  open: true,
  holders: [],
  ...overrides,
});

const delegate = (overrides: Partial<Data<'DelegateDuty'>> = {}, actor: Actor = people.director, facts: ActorFacts = authority.director) =>
  on(
    'DelegateDuty',
    {
      delegationId: 'dl-1',
      deputy: { personId: people.deputy.id, name: people.deputy.name, active: true },
      duty: { kind: 'role', role: 'sealKeeper' },
      unitId: OFFICE,
      from: '2024-07-01T00:00:00.000Z',
      until: '2024-07-15T00:00:00.000Z',
      reason: '保管人休假，由赵代理代管印章',
      ...overrides,
    },
    actor,
    facts,
  );

const delegated = () =>
  personEvent('DutyDelegated', {
    personId: KEEPER,
    delegationId: 'dl-1',
    delegatorName: people.keeper.name,
    deputyId: people.deputy.id,
    deputyName: people.deputy.name,
    duty: { kind: 'role', role: 'sealKeeper' },
    unitId: OFFICE,
    from: '2024-07-01T00:00:00.000Z',
    until: '2024-07-15T00:00:00.000Z',
    reason: '保管人休假，由赵代理代管印章',
    by: byDirector,
    at: NOW,
  });

describe('Person: when not registered', () => {
  it('DIR-1 registers a person in their home unit with their first identity, by the sysAdmin with a reason', () => {
    spec
      .given([])
      .when(on('RegisterPerson', { name: people.keeper.name, homeUnitId: OFFICE, homeUnit: officeUnit, identityId: KEEPER_IDENTITY, reason: '新进人员' }))
      .then([keeperRegistered(NOW)]);
  });

  it('DIR-1 refuses a person registered by anyone but the sysAdmin, or without a reason', () => {
    const data = { name: people.keeper.name, homeUnitId: OFFICE, homeUnit: officeUnit, identityId: KEEPER_IDENTITY, reason: '新进人员' };
    spec.given([]).when(on('RegisterPerson', data, people.securityAdmin, authority.securityAdmin)).thenThrows('DIR-1');
    spec.given([]).when(on('RegisterPerson', { ...data, reason: '' })).thenThrows('DIR-1');
  });

  it('refuses a home unit that is not on file or dissolved', () => {
    const data = { name: people.keeper.name, homeUnitId: OFFICE, identityId: KEEPER_IDENTITY, reason: '新进人员' };
    spec.given([]).when(on('RegisterPerson', data)).thenThrows('UNIT.NOT_FOUND');
    spec.given([]).when(on('RegisterPerson', { ...data, homeUnit: { unitId: OFFICE, active: false } })).thenThrows('UNIT.DISSOLVED');
  });

  it('refuses anything else with PERSON.NOT_FOUND', () => {
    spec.given([]).when(on('GrantRole', { role: 'drafter', reason: '岗位职责' })).thenThrows('PERSON.NOT_FOUND');
  });
});

describe('Person: when active — roles', () => {
  it('DIR-1 grants a role, recording the grant the sysAdmin acted under and the reason', () => {
    spec
      .given([keeperRegistered()])
      .when(on('GrantRole', { role: 'sealKeeper', reason: '岗位职责' }))
      .then([roleGranted('sealKeeper', NOW)]);
  });

  it('DIR-1 refuses a role granted by anyone but the sysAdmin', () => {
    spec.given([keeperRegistered()]).when(on('GrantRole', { role: 'sealKeeper', reason: '岗位职责' }, people.director, authority.director)).thenThrows('DIR-1');
    spec
      .given([keeperRegistered()])
      .when(on('GrantRole', { role: 'sealKeeper', reason: '岗位职责' }, people.securityAdmin, authority.securityAdmin))
      .thenThrows('DIR-1');
  });

  it('DIR-1 refuses a sysAdmin granting a role to themselves', () => {
    spec.given(sysAdminOnFile()).when(on('GrantRole', { role: 'leader', reason: '自授' }, people.sysAdmin, authority.sysAdmin, people.sysAdmin.id)).thenThrows('DIR-1');
  });

  it('DIR-1 refuses a grant without a reason', () => {
    spec.given([keeperRegistered()]).when(on('GrantRole', { role: 'sealKeeper', reason: ' ' })).thenThrows('DIR-1');
  });

  it('refuses an unknown role and a role already held', () => {
    spec.given([keeperRegistered()]).when(on('GrantRole', { role: 'superUser' as never, reason: '岗位职责' })).thenThrows('DIRECTORY.INVALID_INPUT');
    spec.given(keeperOnFile()).when(on('GrantRole', { role: 'sealKeeper', reason: '岗位职责' })).thenThrows('PERSON.ALREADY_HELD');
  });

  it('DIR-1 revokes a role with a reason; a role not held cannot be revoked', () => {
    spec
      .given(keeperOnFile())
      .when(on('RevokeRole', { role: 'sealKeeper', reason: '岗位调整' }))
      .then([personEvent('RoleRevoked', { personId: KEEPER, role: 'sealKeeper', reason: '岗位调整', by: bySysAdmin, at: NOW })]);
    spec.given(keeperOnFile()).when(on('RevokeRole', { role: 'archivist', reason: '岗位调整' })).thenThrows('PERSON.NOT_HELD');
  });

  it('DIR-3 refuses making a sysAdmin the securityAuditor, though sysAdmin was granted long ago', () => {
    spec
      .given(sysAdminOnFile())
      .when(on('GrantRole', { role: 'securityAuditor', reason: '三员配备' }, people.director, factsOf({ ...people.director, roles: ['sysAdmin'] }), people.sysAdmin.id))
      .thenThrows('DIR-3');
  });

  it('DIR-3 refuses a second of the three admin roles, whichever comes first', () => {
    const securityAdmin = [keeperRegistered(), roleGranted('securityAdmin', LONG_AGO)];
    spec.given(securityAdmin).when(on('GrantRole', { role: 'sysAdmin', reason: '三员配备' })).thenThrows('DIR-3');
    spec.given(securityAdmin).when(on('GrantRole', { role: 'securityAuditor', reason: '三员配备' })).thenThrows('DIR-3');
  });

  it('DIR-3 allows another admin role once the first is revoked (never two at once)', () => {
    const revoked = personEvent('RoleRevoked', { personId: KEEPER, role: 'securityAdmin', reason: '岗位调整', by: bySysAdmin, at: '2024-03-01T00:00:00.000Z' });
    spec
      .given([keeperRegistered(), roleGranted('securityAdmin', LONG_AGO), revoked])
      .when(on('GrantRole', { role: 'securityAuditor', reason: '三员配备' }))
      .then([roleGranted('securityAuditor', NOW)].map((e) => ({ ...e, data: { ...e.data, reason: '三员配备' } })));
  });
});

describe('Person: when active — identities and posts', () => {
  it('DIR-1 adds an identity in another unit (兼职), one per unit', () => {
    spec
      .given([keeperRegistered()])
      .when(on('AddIdentity', { identityId: 'id-keeper-county', unitId: COUNTY, unit: { unitId: COUNTY, active: true }, reason: '兼任县委机要工作' }))
      .then([{ ...countyIdentityAdded(), data: { ...countyIdentityAdded().data, at: NOW } }]);
    spec
      .given([keeperRegistered()])
      .when(on('AddIdentity', { identityId: 'id-keeper-2', unitId: OFFICE, unit: officeUnit, reason: '重复' }))
      .thenThrows('PERSON.ALREADY_HELD');
  });

  it("DIR-1 assigns a post of the unit to the person's identity there", () => {
    spec
      .given([keeperRegistered()])
      .when(on('AssignPost', { identityId: KEEPER_IDENTITY, unitId: OFFICE, postId: DEPUTY_DIRECTOR_POST, post: postFacts(), reason: '县委任命' }))
      .then([
        personEvent('PostAssigned', {
          personId: KEEPER,
          identityId: KEEPER_IDENTITY,
          unitId: OFFICE,
          postId: DEPUTY_DIRECTOR_POST,
          postKind: 'deputyLeader',
          title: '县委办公室副主任',
          reason: '县委任命',
          by: bySysAdmin,
          at: NOW,
        }),
      ]);
  });

  it('DIR-1 refuses a sysAdmin assigning a post to themselves', () => {
    spec
      .given(sysAdminOnFile())
      .when(on('AssignPost', { identityId: 'id-sysadmin-office', unitId: OFFICE, postId: DEPUTY_DIRECTOR_POST, post: postFacts(), reason: '任命' }, people.sysAdmin, authority.sysAdmin, people.sysAdmin.id))
      .thenThrows('DIR-1');
  });

  it('DIR-1 refuses a post assigned by anyone but the sysAdmin', () => {
    spec
      .given([keeperRegistered()])
      .when(on('AssignPost', { identityId: KEEPER_IDENTITY, unitId: OFFICE, postId: DEPUTY_DIRECTOR_POST, post: postFacts(), reason: '任命' }, people.director, authority.director))
      .thenThrows('DIR-1');
  });

  it('refuses a post held by one when another holds it, and allows a post held by several', () => {
    const director = postFacts({ postId: DIRECTOR_POST, kind: 'principalLeader', title: '县委办公室主任', capacity: 'single', holders: [{ personId: people.director.id, identityId: 'id-director-office' }] });
    spec
      .given([keeperRegistered()])
      .when(on('AssignPost', { identityId: KEEPER_IDENTITY, unitId: OFFICE, postId: DIRECTOR_POST, post: director, reason: '任命' }))
      .thenThrows('UNIT.POST_OCCUPIED');
    const deputies = postFacts({ holders: [{ personId: people.director.id, identityId: 'id-director-office' }] });
    expect(personDecider.decide(on('AssignPost', { identityId: KEEPER_IDENTITY, unitId: OFFICE, postId: DEPUTY_DIRECTOR_POST, post: deputies, reason: '任命' }), fold(personDecider, [keeperRegistered()]))).toHaveLength(1);
  });

  it("refuses an abolished post, a post of another unit than the identity's, and mismatched facts", () => {
    const given = [keeperRegistered(), countyIdentityAdded()];
    spec.given(given).when(on('AssignPost', { identityId: KEEPER_IDENTITY, unitId: OFFICE, postId: DEPUTY_DIRECTOR_POST, post: postFacts({ open: false }), reason: '任命' })).thenThrows('UNIT.POST_NOT_FOUND');
    spec.given(given).when(on('AssignPost', { identityId: 'id-keeper-county', unitId: OFFICE, postId: DEPUTY_DIRECTOR_POST, post: postFacts(), reason: '任命' })).thenThrows('DIRECTORY.INVALID_INPUT');
    spec.given(given).when(on('AssignPost', { identityId: KEEPER_IDENTITY, unitId: OFFICE, postId: DIRECTOR_POST, post: postFacts(), reason: '任命' })).thenThrows('DIRECTORY.FACTS_MISMATCH');
  });

  it('DIR-1 relieves a post; removing a 兼职 identity relieves its posts with it', () => {
    spec
      .given(keeperOnFile())
      .when(on('RelievePost', { identityId: KEEPER_IDENTITY, postId: 'post-confidential-clerk', reason: '免职' }))
      .then([personEvent('PostRelieved', { personId: KEEPER, identityId: KEEPER_IDENTITY, unitId: OFFICE, postId: 'post-confidential-clerk', reason: '免职', by: bySysAdmin, at: NOW })]);
    const countyPost = personEvent('PostAssigned', { ...keeperPostAssigned().data, identityId: 'id-keeper-county', unitId: COUNTY, postId: 'post-county-clerk' });
    spec
      .given([keeperRegistered(), countyIdentityAdded(), countyPost])
      .when(on('RemoveIdentity', { identityId: 'id-keeper-county', reason: '不再兼任' }))
      .then([
        personEvent('PostRelieved', { personId: KEEPER, identityId: 'id-keeper-county', unitId: COUNTY, postId: 'post-county-clerk', reason: '不再兼任', by: bySysAdmin, at: NOW }),
        personEvent('IdentityRemoved', { personId: KEEPER, identityId: 'id-keeper-county', unitId: COUNTY, reason: '不再兼任', by: bySysAdmin, at: NOW }),
      ]);
    spec.given([keeperRegistered()]).when(on('RemoveIdentity', { identityId: KEEPER_IDENTITY, reason: '调离' })).thenThrows('DIRECTORY.INVALID_INPUT');
  });
});

describe('Person: when active — clearance', () => {
  const basis = '县委保密委〔2024〕3号审批';

  it('DIR-2 grants a clearance by the securityAdmin with the basis', () => {
    spec
      .given([keeperRegistered()])
      .when(on('GrantClearance', { level: 'mimi', basis }, people.securityAdmin, authority.securityAdmin))
      .then([clearanceGranted('mimi', NOW)]);
  });

  it('DIR-2 refuses a clearance granted by the sysAdmin or anyone but the securityAdmin', () => {
    spec.given([keeperRegistered()]).when(on('GrantClearance', { level: 'mimi', basis })).thenThrows('DIR-2');
    spec.given([keeperRegistered()]).when(on('GrantClearance', { level: 'mimi', basis }, people.securityAuditor, authority.securityAuditor)).thenThrows('DIR-2');
  });

  it('DIR-2 refuses a clearance without its basis, and a securityAdmin clearing themselves', () => {
    spec.given([keeperRegistered()]).when(on('GrantClearance', { level: 'mimi', basis: '' }, people.securityAdmin, authority.securityAdmin)).thenThrows('DIR-2');
    const securityAdmin = personEvent('PersonRegistered', { ...keeperRegistered().data, personId: people.securityAdmin.id, name: people.securityAdmin.name });
    spec
      .given([securityAdmin])
      .when(on('GrantClearance', { level: 'juemi', basis }, people.securityAdmin, authority.securityAdmin, people.securityAdmin.id))
      .thenThrows('DIR-2');
  });

  it('DIR-2 changes a clearance with the basis, and the same level again records nothing', () => {
    spec
      .given(keeperOnFile())
      .when(on('ChangeClearance', { level: 'jimi', basis: '县委保密委〔2024〕9号审批' }, people.securityAdmin, authority.securityAdmin))
      .then([personEvent('ClearanceChanged', { personId: KEEPER, previousLevel: 'mimi', level: 'jimi', basis: '县委保密委〔2024〕9号审批', by: bySecurityAdmin, at: NOW })]);
    spec.given(keeperOnFile()).when(on('ChangeClearance', { level: 'mimi', basis }, people.securityAdmin, authority.securityAdmin)).thenNothingHappens();
    spec.given(keeperOnFile()).when(on('ChangeClearance', { level: 'jimi', basis })).thenThrows('DIR-2');
  });

  it('DIR-2 revokes a clearance with the basis', () => {
    spec
      .given(keeperOnFile())
      .when(on('RevokeClearance', { basis: '脱密期管理' }, people.securityAdmin, authority.securityAdmin))
      .then([personEvent('ClearanceRevoked', { personId: KEEPER, previousLevel: 'mimi', basis: '脱密期管理', by: bySecurityAdmin, at: NOW })]);
    spec.given([keeperRegistered()]).when(on('RevokeClearance', { basis: '脱密期管理' }, people.securityAdmin, authority.securityAdmin)).thenThrows('PERSON.NOT_HELD');
  });

  it('refuses a level that is not one, a grant over a clearance held, and a grant down to 非密', () => {
    spec.given([keeperRegistered()]).when(on('GrantClearance', { level: 'topSecret' as never, basis }, people.securityAdmin, authority.securityAdmin)).thenThrows('DIRECTORY.INVALID_INPUT');
    spec.given([keeperRegistered()]).when(on('GrantClearance', { level: 'none', basis }, people.securityAdmin, authority.securityAdmin)).thenThrows('DIRECTORY.INVALID_INPUT');
    spec.given(keeperOnFile()).when(on('GrantClearance', { level: 'jimi', basis }, people.securityAdmin, authority.securityAdmin)).thenThrows('PERSON.ALREADY_HELD');
  });
});

describe('Person: when active — delegation (工作代理)', () => {
  it('DIR-6 delegates a role to a named deputy for a period, approved by the unit\'s principal leader, naming both', () => {
    spec.given(keeperOnFile()).when(delegate()).then([delegated()]);
  });

  it("DIR-6 delegates a post, recording the identity that holds it", () => {
    spec
      .given(keeperOnFile())
      .when(delegate({ duty: { kind: 'post', unitId: OFFICE, postId: 'post-confidential-clerk' } }))
      .then([{ ...delegated(), data: { ...delegated().data, duty: { kind: 'post', unitId: OFFICE, postId: 'post-confidential-clerk', postKind: 'other', identityId: KEEPER_IDENTITY } } }]);
  });

  it('DIR-6 refuses an approver who holds no leader post in that unit', () => {
    spec.given(keeperOnFile()).when(delegate({}, people.clerk, authority.clerk)).thenThrows('DIR-6');
    const leaderElsewhere = factsOf(people.director, [{ ...directorPost, unitId: COUNTY }]);
    spec.given(keeperOnFile()).when(delegate({}, people.director, leaderElsewhere)).thenThrows('DIR-6');
    // a token saying "leader" is not a post: the directory's posts decide
    spec.given(keeperOnFile()).when(delegate({}, people.director, factsOf(people.director))).thenThrows('DIR-6');
  });

  it('DIR-6 refuses a leader approving their own delegation', () => {
    const ownPost = { kind: 'post', unitId: OFFICE, postId: DIRECTOR_POST } as const;
    spec
      .given(directorOnFile())
      .when(on('DelegateDuty', { ...delegate({ duty: ownPost }).data, duty: ownPost } as Data<'DelegateDuty'>, people.director, authority.director, people.director.id))
      .thenThrows('DIR-6');
  });

  it('DIR-6 never confers sysAdmin, securityAdmin or securityAuditor', () => {
    spec
      .given(sysAdminOnFile())
      .when(on('DelegateDuty', { ...delegate({ duty: { kind: 'role', role: 'sysAdmin' } }).data } as Data<'DelegateDuty'>, people.director, authority.director, people.sysAdmin.id))
      .thenThrows('DIR-6');
  });

  it('DIR-6 refuses the delegator as their own deputy, a departed deputy, and no deputy', () => {
    spec.given(keeperOnFile()).when(delegate({ deputy: { personId: KEEPER, name: people.keeper.name, active: true } })).thenThrows('DIR-6');
    spec.given(keeperOnFile()).when(delegate({ deputy: { personId: people.deputy.id, name: people.deputy.name, active: false } })).thenThrows('DIR-6');
    spec.given(keeperOnFile()).when(delegate({ deputy: { personId: '', name: '', active: true } })).thenThrows('DIR-6');
  });

  it('DIR-6 refuses a period that ends before it begins or is already over', () => {
    spec.given(keeperOnFile()).when(delegate({ until: '2024-06-01T00:00:00.000Z' })).thenThrows('DIR-6');
    spec.given(keeperOnFile()).when(delegate({ from: '2024-06-01T00:00:00.000Z', until: '2024-06-15T00:00:00.000Z' })).thenThrows('DIR-6');
    spec.given(keeperOnFile()).when(delegate({ until: 'next week' })).thenThrows('DIR-6');
  });

  it('refuses a duty the delegator does not hold', () => {
    spec.given(keeperOnFile()).when(delegate({ duty: { kind: 'role', role: 'archivist' } })).thenThrows('PERSON.NOT_HELD');
    spec.given(keeperOnFile()).when(delegate({ duty: { kind: 'post', unitId: OFFICE, postId: DIRECTOR_POST } })).thenThrows('PERSON.NOT_HELD');
  });

  it('DIR-6 revokes a delegation by the delegator, or by a leader of the unit, with a reason', () => {
    const given = [...keeperOnFile(), delegated()];
    spec
      .given(given)
      .when(on('RevokeDelegation', { delegationId: 'dl-1', reason: '提前返岗' }, people.keeper, authority.keeper))
      .then([personEvent('DelegationRevoked', { personId: KEEPER, delegationId: 'dl-1', reason: '提前返岗', by: { personId: KEEPER, name: people.keeper.name, under: { kind: 'self' } }, at: NOW })]);
    spec
      .given(given)
      .when(on('RevokeDelegation', { delegationId: 'dl-1', reason: '提前返岗' }, people.director, authority.director))
      .then([personEvent('DelegationRevoked', { personId: KEEPER, delegationId: 'dl-1', reason: '提前返岗', by: byDirector, at: NOW })]);
  });

  it('DIR-6 refuses a revocation by anyone else, and a delegation not on file', () => {
    const given = [...keeperOnFile(), delegated()];
    spec.given(given).when(on('RevokeDelegation', { delegationId: 'dl-1', reason: '撤销' }, people.clerk, authority.clerk)).thenThrows('DIR-6');
    spec.given(given).when(on('RevokeDelegation', { delegationId: 'dl-1', reason: '撤销' }, people.deputy, authority.deputy)).thenThrows('DIR-6');
    spec.given(given).when(on('RevokeDelegation', { delegationId: 'dl-9', reason: '撤销' }, people.keeper, authority.keeper)).thenThrows('PERSON.NOT_HELD');
  });
});

describe('Person: when departed', () => {
  it('DIR-1 records a departure by the sysAdmin with a reason', () => {
    spec.given(keeperOnFile()).when(on('RecordDeparture', { reason: '调离' })).then([keeperDeparted(NOW)]);
    spec.given(keeperOnFile()).when(on('RecordDeparture', { reason: '调离' }, people.director, authority.director)).thenThrows('DIR-1');
  });

  it("ends the person's identities, posts, roles, clearance and delegations with the departure, and says what they were", () => {
    const state = fold(personDecider, [...keeperOnFile(), delegated(), keeperDeparted()]);
    expect(state).toMatchObject({ status: 'departed', departedAt: '2024-06-30T09:00:00.000Z', identities: [], roles: [], delegations: [] });
    expect(state.status === 'departed' && state.clearance).toBeFalsy();
    expect(postsOf(state)).toEqual([]);
    if (state.status !== 'departed') throw new Error('departed');
    expect(state.endedByDeparture.roles.map((holding) => holding.role)).toEqual(['sealKeeper']);
    expect(state.endedByDeparture.clearance?.level).toBe('mimi');
    expect(state.endedByDeparture.delegations.map((delegation) => delegation.delegationId)).toEqual(['dl-1']);
    expect(state.endedByDeparture.identities[0]?.posts.map((post) => post.postId)).toEqual(['post-confidential-clerk']);
  });

  it('refuses anything more granted to a departed person', () => {
    const given = [...keeperOnFile(), keeperDeparted()];
    spec.given(given).when(on('GrantRole', { role: 'archivist', reason: '岗位职责' })).thenThrows('PERSON.DEPARTED');
    spec.given(given).when(on('AssignPost', { identityId: KEEPER_IDENTITY, unitId: OFFICE, postId: DEPUTY_DIRECTOR_POST, post: postFacts(), reason: '任命' })).thenThrows('PERSON.DEPARTED');
    spec.given(given).when(on('ChangeClearance', { level: 'jimi', basis: '审批' }, people.securityAdmin, authority.securityAdmin)).thenThrows('PERSON.DEPARTED');
    spec.given(given).when(on('RecordDeparture', { reason: '再次离职' })).thenThrows('PERSON.DEPARTED');
  });

  it('DIR-6 a departed person does not delegate', () => {
    spec.given([...keeperOnFile(), keeperDeparted()]).when(delegate()).thenThrows('DIR-6');
  });
});

describe('Person: when enrolled at bootstrap', () => {
  const bootstrap = {
    bootstrapEventId: 'evt-bootstrap',
    sysAdmin: { personId: people.sysAdmin.id, name: people.sysAdmin.name },
    securityAdmin: { personId: people.securityAdmin.id, name: people.securityAdmin.name },
  };
  const enrol = (data: Partial<EnrolBootstrapAdministrator['data']> = {}) =>
    command<EnrolBootstrapAdministrator>(
      'EnrolBootstrapAdministrator',
      { personId: people.sysAdmin.id, name: people.sysAdmin.name, homeUnitId: OFFICE, identityId: 'id-sysadmin-office', bootstrap, ...data },
      installer,
    );
  const byBootstrap = { personId: 'installer', name: '部署人员', under: { kind: 'bootstrap', bootstrapEventId: 'evt-bootstrap' } } as const;

  it('DIR-1 registers a first administrator named by the bootstrap, with the bootstrap as the grant', () => {
    const reason = '目录初始化：初始管理员';
    spec
      .given([])
      .when(enrol())
      .then([
        personEvent('PersonRegistered', { personId: people.sysAdmin.id, name: people.sysAdmin.name, homeUnitId: OFFICE, identityId: 'id-sysadmin-office', reason, by: byBootstrap, at: NOW }),
        personEvent('RoleGranted', { personId: people.sysAdmin.id, role: 'sysAdmin', reason, by: byBootstrap, at: NOW }),
      ]);
    const events = personDecider.decide(enrol({ personId: people.securityAdmin.id, name: people.securityAdmin.name }), personDecider.initialState());
    expect(events.map((e) => (e.type === 'RoleGranted' ? e.data.role : e.type))).toEqual(['PersonRegistered', 'securityAdmin']);
  });

  it('refuses anyone the bootstrap did not name, a directory not bootstrapped, and a person already on file', () => {
    spec.given([]).when(enrol({ personId: people.clerk.id, name: people.clerk.name })).thenThrows('DIRECTORY.FACTS_MISMATCH');
    spec.given([]).when(enrol({ bootstrap: undefined })).thenThrows('DIRECTORY.FACTS_MISMATCH');
    spec.given(sysAdminOnFile()).when(enrol()).thenThrows('PERSON.ALREADY_REGISTERED');
  });
});

