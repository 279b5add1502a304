import { DeciderSpecification, fold, type Actor } from '@oa/core';
import { COUNTY, DIRECTOR_POST, NOW, OFFICE, authority, bySysAdmin, command, factsOf, people } from '../directory.fixtures';
import type { ActorFacts } from '../directory.actor';
import type { AbolishPost, DissolveUnit, EstablishPost, RegisterUnit, RenameUnit } from './unit.commands';
import { unitDecider } from './unit.decide';
import { countyRegistered, directorPostEstablished, officeRegistered, officeWithPosts, unitEvent } from './unit.fixtures';
import { postFactsOf, unitFactsOf } from './unit.state';

const spec = DeciderSpecification.for(unitDecider);

const register = (data: Partial<RegisterUnit['data']> = {}, actor: Actor = people.sysAdmin, facts: ActorFacts = authority.sysAdmin) =>
  command<RegisterUnit>(
    'RegisterUnit',
    { unitId: OFFICE, code: 'XWB', name: '县委办公室', parentUnitId: COUNTY, parent: { unitId: COUNTY, active: true }, reason: '建立组织机构', actorAuthority: facts, ...data },
    actor,
  );
const rename = (name: string) =>
  command<RenameUnit>('RenameUnit', { unitId: OFFICE, code: 'XWB', name, reason: '机构改革更名', actorAuthority: authority.sysAdmin }, people.sysAdmin);
const establish = (data: Partial<EstablishPost['data']> = {}, actor: Actor = people.sysAdmin, facts: ActorFacts = authority.sysAdmin) =>
  command<EstablishPost>(
    'EstablishPost',
    { unitId: OFFICE, postId: DIRECTOR_POST, kind: 'principalLeader', title: '县委办公室主任', capacity: 'single', reason: '按三定方案设置职务', actorAuthority: facts, ...data },
    actor,
  );
const abolish = (postId = DIRECTOR_POST) =>
  command<AbolishPost>('AbolishPost', { unitId: OFFICE, postId, reason: '机构改革', actorAuthority: authority.sysAdmin }, people.sysAdmin);
const dissolve = () => command<DissolveUnit>('DissolveUnit', { unitId: OFFICE, reason: '机构改革撤并', actorAuthority: authority.sysAdmin }, people.sysAdmin);

describe('Unit: when not registered', () => {
  it('DIR-1 registers a unit with its code, name and parent, recording the sysAdmin and the reason', () => {
    spec.given([]).when(register()).then([officeRegistered()].map((e) => ({ ...e, data: { ...e.data, at: NOW } })));
  });

  it('registers the organ itself without a parent', () => {
    spec
      .given([])
      .when(register({ unitId: COUNTY, code: 'XW', name: '中共某某县委员会', parentUnitId: undefined, parent: undefined }))
      .then([unitEvent('UnitRegistered', { unitId: COUNTY, code: 'XW', name: '中共某某县委员会', reason: '建立组织机构', by: bySysAdmin, at: NOW })]);
  });

  it('DIR-1 refuses a unit registered by someone who is not sysAdmin', () => {
    spec.given([]).when(register({}, people.director, authority.director)).thenThrows('DIR-1');
  });

  it('DIR-1 refuses a sysAdmin who has departed', () => {
    spec.given([]).when(register({}, people.sysAdmin, factsOf(people.sysAdmin, [], false))).thenThrows('DIR-1');
  });

  it('DIR-1 refuses a change without a reason', () => {
    spec.given([]).when(register({ reason: '  ' })).thenThrows('DIR-1');
  });

  it("refuses facts that are not the actor's own", () => {
    spec.given([]).when(register({}, people.sysAdmin, { ...authority.sysAdmin, personId: people.clerk.id })).thenThrows('DIRECTORY.FACTS_MISMATCH');
  });

  it('refuses a parent that does not exist or is dissolved, and a unit its own parent', () => {
    spec.given([]).when(register({ parent: undefined })).thenThrows('UNIT.NOT_FOUND');
    spec.given([]).when(register({ parent: { unitId: COUNTY, active: false } })).thenThrows('UNIT.DISSOLVED');
    spec.given([]).when(register({ parent: { unitId: 'unit-other', active: true } })).thenThrows('DIRECTORY.FACTS_MISMATCH');
    spec.given([]).when(register({ parentUnitId: OFFICE, parent: { unitId: OFFICE, active: true } })).thenThrows('DIRECTORY.INVALID_INPUT');
  });

  it('refuses every other command with UNIT.NOT_FOUND', () => {
    spec.given([]).when(establish()).thenThrows('UNIT.NOT_FOUND');
  });
});

describe('Unit: when active', () => {
  it('refuses a second registration', () => {
    spec.given([countyRegistered()]).when(register({ unitId: COUNTY })).thenThrows('UNIT.ALREADY_REGISTERED');
  });

  it('DIR-1 establishes a post saying whether one or several hold it', () => {
    spec
      .given([officeRegistered()])
      .when(establish())
      .then([{ ...directorPostEstablished(), data: { ...directorPostEstablished().data, at: NOW } }]);
  });

  it('DIR-1 refuses a post established by someone who is not sysAdmin', () => {
    spec.given([officeRegistered()]).when(establish({}, people.securityAdmin, authority.securityAdmin)).thenThrows('DIR-1');
  });

  it('refuses a post without a kind, a title or a capacity, and the same post twice', () => {
    spec.given([officeRegistered()]).when(establish({ kind: 'chief' as never })).thenThrows('DIRECTORY.INVALID_INPUT');
    spec.given([officeRegistered()]).when(establish({ title: '' })).thenThrows('DIRECTORY.INVALID_INPUT');
    spec.given([officeRegistered()]).when(establish({ capacity: 'many' as never })).thenThrows('DIRECTORY.INVALID_INPUT');
    spec.given(officeWithPosts()).when(establish()).thenThrows('UNIT.POST_ALREADY_ESTABLISHED');
  });

  it('DIR-1 renames with a reason; the same name again records nothing', () => {
    spec
      .given([officeRegistered()])
      .when(rename('中共某某县委办公室'))
      .then([unitEvent('UnitRenamed', { unitId: OFFICE, code: 'XWB', name: '中共某某县委办公室', reason: '机构改革更名', by: bySysAdmin, at: NOW })]);
    spec.given([officeRegistered()]).when(rename('县委办公室')).thenNothingHappens();
  });

  it('DIR-1 abolishes a post, once', () => {
    spec
      .given(officeWithPosts())
      .when(abolish())
      .then([unitEvent('PostAbolished', { unitId: OFFICE, postId: DIRECTOR_POST, reason: '机构改革', by: bySysAdmin, at: NOW })]);
    const abolished = unitEvent('PostAbolished', { unitId: OFFICE, postId: DIRECTOR_POST, reason: '机构改革', by: bySysAdmin, at: NOW });
    spec.given([...officeWithPosts(), abolished]).when(abolish()).thenThrows('UNIT.POST_NOT_FOUND');
  });

  it('gives the facts another stream needs: the unit, and a post with its holders', () => {
    const state = fold(unitDecider, officeWithPosts());
    expect(unitFactsOf(state)).toEqual({ unitId: OFFICE, active: true });
    expect(postFactsOf(state, DIRECTOR_POST, [])).toEqual({
      unitId: OFFICE,
      postId: DIRECTOR_POST,
      kind: 'principalLeader',
      title: '县委办公室主任',
      capacity: 'single',
      open: true,
      holders: [],
    });
    expect(postFactsOf(state, 'post-none', [])).toBeUndefined();
  });
});

describe('Unit: when dissolved', () => {
  const dissolved = unitEvent('UnitDissolved', { unitId: OFFICE, reason: '机构改革撤并', by: bySysAdmin, at: '2024-06-01T00:00:00.000Z' });

  it('DIR-1 dissolves a unit with a reason', () => {
    spec.given(officeWithPosts()).when(dissolve()).then([{ ...dissolved, data: { ...dissolved.data, at: NOW } }]);
  });

  it('refuses any change to a dissolved unit, and its posts are no longer open', () => {
    spec.given([...officeWithPosts(), dissolved]).when(establish({ postId: 'post-new' })).thenThrows('UNIT.DISSOLVED');
    const state = fold(unitDecider, [...officeWithPosts(), dissolved]);
    expect(unitFactsOf(state)).toEqual({ unitId: OFFICE, active: false });
    expect(postFactsOf(state, DIRECTOR_POST, [])?.open).toBe(false);
  });
});
