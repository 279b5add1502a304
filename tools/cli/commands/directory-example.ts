import { randomUUID } from 'node:crypto';
import type { Actor, SecrecyLevel } from '@oa/core';
import { commandOn, type ExecuteStreamCommand } from '@oa/platform';
import { bootstrapDirectory, identityIdOf, personStream, unitStream } from '@oa/app-directory';
import type { DirectoryRole, PostCapacity, PostKind } from '@oa/domain-directory';
import { cliCall, installer, type OpenDirectory } from './directory-store';

/**
 * 示例组织 (the example organisation `npm start` seeds once): a county Party committee and its
 * office, the county government and its office, the patrol office — with the posts the rules
 * name (书记, 主要负责人, 分管领导, 办公室主任), the people who hold them, keepers, a witness, an
 * archivist, drafters, registrars, the standing committee's members, and the three separated
 * administrators and an auditor. Every change goes through the directory's own command path,
 * as the person who may make it (DIR-1, DIR-2, DIR-6).
 */

type UnitKey = 'county' | 'office' | 'government' | 'governmentOffice' | 'patrol';

const UNITS: ReadonlyArray<{ key: UnitKey; code: string; name: string; parent?: UnitKey }> = [
  { key: 'county', code: 'XW', name: '中共某某县委员会' },
  { key: 'office', code: 'XWB', name: '中共某某县委办公室', parent: 'county' },
  { key: 'patrol', code: 'XWXCB', name: '中共某某县委巡察工作领导小组办公室', parent: 'county' },
  { key: 'government', code: 'XZF', name: '某某县人民政府' },
  { key: 'governmentOffice', code: 'XZFB', name: '某某县人民政府办公室', parent: 'government' },
];

const POSTS: ReadonlyArray<{ key: string; unit: UnitKey; kind: PostKind; title: string; capacity: PostCapacity }> = [
  { key: 'secretary', unit: 'county', kind: 'secretary', title: '县委书记', capacity: 'single' },
  { key: 'deputySecretary', unit: 'county', kind: 'deputySecretary', title: '县委副书记', capacity: 'several' },
  { key: 'officePrincipal', unit: 'office', kind: 'principalLeader', title: '主要负责人', capacity: 'single' },
  { key: 'officeDirector', unit: 'office', kind: 'officeDirector', title: '办公室主任', capacity: 'single' },
  { key: 'officeDeputy', unit: 'office', kind: 'deputyLeader', title: '分管领导（副主任）', capacity: 'several' },
  { key: 'countyHead', unit: 'government', kind: 'principalLeader', title: '县长', capacity: 'single' },
  { key: 'deputyCountyHead', unit: 'government', kind: 'deputyLeader', title: '副县长', capacity: 'several' },
  { key: 'governmentOfficePrincipal', unit: 'governmentOffice', kind: 'principalLeader', title: '主要负责人', capacity: 'single' },
  { key: 'governmentOfficeDirector', unit: 'governmentOffice', kind: 'officeDirector', title: '办公室主任', capacity: 'single' },
];

interface ExamplePerson {
  readonly id: string;
  readonly name: string;
  readonly what: string;
  readonly home: UnitKey;
  /** 兼职: identities in other units. */
  readonly also?: readonly UnitKey[];
  readonly posts?: readonly string[];
  readonly roles: readonly DirectoryRole[];
  readonly clearance?: Exclude<SecrecyLevel, 'none'>;
}

const SYS_ADMIN = { personId: 'yang.guangming', name: '杨光明' };
const SECURITY_ADMIN = { personId: 'xu.jing', name: '许静' };

export const EXAMPLE_PEOPLE: readonly ExamplePerson[] = [
  { id: 'li.jianguo', name: '李建国', what: '县委书记', home: 'county', posts: ['secretary'], roles: ['leader', 'signer', 'committeeMember'], clearance: 'jimi' },
  { id: 'wang.zhiqiang', name: '王志强', what: '县委副书记、县长（兼职）', home: 'government', also: ['county'], posts: ['countyHead', 'deputySecretary'], roles: ['leader', 'signer', 'committeeMember'], clearance: 'jimi' },
  { id: 'zhang.lixin', name: '张立新', what: '县委副书记', home: 'county', posts: ['deputySecretary'], roles: ['leader', 'committeeMember'], clearance: 'jimi' },
  { id: 'luo.hong', name: '罗红', what: '县委常委、组织部部长', home: 'county', roles: ['committeeMember'], clearance: 'mimi' },
  { id: 'chen.weidong', name: '陈卫东', what: '县委常委、县委办公室主任（主要负责人）', home: 'office', also: ['county'], posts: ['officePrincipal', 'officeDirector'], roles: ['officeDirector', 'leader', 'signer', 'sealApprover', 'committeeMember'], clearance: 'jimi' },
  { id: 'liu.haiyan', name: '刘海燕', what: '县委办公室副主任（分管文秘、机要）', home: 'office', posts: ['officeDeputy'], roles: ['leader', 'reviewer', 'sealApprover'], clearance: 'mimi' },
  { id: 'zhao.lihua', name: '赵丽华', what: '县政府办公室主任（主要负责人）', home: 'governmentOffice', posts: ['governmentOfficePrincipal', 'governmentOfficeDirector'], roles: ['officeDirector', 'leader', 'signer', 'sealApprover'], clearance: 'mimi' },
  { id: 'sun.xiaomei', name: '孙晓梅', what: '印章保管员（A岗）', home: 'office', roles: ['sealKeeper'], clearance: 'mimi' },
  { id: 'zhou.jianjun', name: '周建军', what: '印章保管员（B岗，孙晓梅休假时代理）', home: 'office', roles: ['sealKeeper'], clearance: 'mimi' },
  { id: 'wu.xiuying', name: '吴秀英', what: '监印人', home: 'office', roles: ['handler'], clearance: 'internal' },
  { id: 'zheng.wenjing', name: '郑文静', what: '档案员', home: 'office', roles: ['archivist'], clearance: 'mimi' },
  { id: 'huang.xiaodong', name: '黄晓东', what: '拟稿人（县委办综合科）', home: 'office', roles: ['drafter', 'handler'], clearance: 'internal' },
  { id: 'ma.li', name: '马丽', what: '拟稿人（县政府办秘书科）', home: 'governmentOffice', roles: ['drafter', 'handler'], clearance: 'internal' },
  { id: 'he.yulan', name: '何玉兰', what: '收发员（县委办机要科）', home: 'office', roles: ['registrar'], clearance: 'mimi' },
  { id: 'tang.jie', name: '唐杰', what: '收发员（县政府办）', home: 'governmentOffice', roles: ['registrar'], clearance: 'internal' },
  { id: 'lin.zhiyuan', name: '林志远', what: '会议记录人（常委会）', home: 'office', roles: ['meetingSecretary'], clearance: 'mimi' },
  { id: 'guo.feng', name: '郭峰', what: '审计员（县委巡察办）', home: 'patrol', roles: ['auditor'], clearance: 'jimi' },
  { id: 'cao.lei', name: '曹磊', what: '安全审计员', home: 'office', roles: ['securityAuditor'] },
];

/** The people of the example with what they do, the administrators first. */
export const EXAMPLE_ROSTER: ReadonlyArray<{ id: string; name: string; what: string }> = [
  { id: SYS_ADMIN.personId, name: SYS_ADMIN.name, what: '系统管理员' },
  { id: SECURITY_ADMIN.personId, name: SECURITY_ADMIN.name, what: '安全保密管理员' },
  ...EXAMPLE_PEOPLE,
];

const actorOf = (person: { personId: string; name: string }): Actor => ({ id: person.personId, name: person.name, roles: [] });

/** Seeds the example organisation into an empty directory (the caller checks that it is empty). */
export async function seedExampleOrganisation(directory: OpenDirectory): Promise<void> {
  const run = (command: ExecuteStreamCommand<unknown>) => directory.execute(command as ExecuteStreamCommand<never>);
  const unitIds = Object.fromEntries(UNITS.map((unit) => [unit.key, randomUUID()])) as Record<UnitKey, string>;
  await bootstrapDirectory(
    directory.execute,
    { sysAdmin: SYS_ADMIN, securityAdmin: SECURITY_ADMIN, homeUnitId: unitIds.office, reason: '系统上线，配备初始系统管理员和安全保密管理员（示例组织）' },
    cliCall(installer()),
  );
  const asSysAdmin = () => cliCall(actorOf(SYS_ADMIN));
  for (const unit of UNITS) {
    const data = { code: unit.code, name: unit.name, reason: '示例组织：机构设置', ...(unit.parent && { parentUnitId: unitIds[unit.parent] }) };
    await run(commandOn(unitStream, unitIds[unit.key], 'RegisterUnit', data, asSysAdmin()));
  }
  const postIds: Record<string, { unitId: string; postId: string }> = {};
  for (const post of POSTS) {
    const postId = randomUUID();
    postIds[post.key] = { unitId: unitIds[post.unit], postId };
    await run(commandOn(unitStream, unitIds[post.unit], 'EstablishPost', { postId, kind: post.kind, title: post.title, capacity: post.capacity, reason: '示例组织：职数设置' }, asSysAdmin()));
  }
  for (const person of EXAMPLE_PEOPLE) {
    const homeUnitId = unitIds[person.home];
    await run(commandOn(personStream, person.id, 'RegisterPerson', { name: person.name, homeUnitId, identityId: identityIdOf(person.id, homeUnitId), reason: `示例组织：${person.what}` }, asSysAdmin()));
    for (const unit of person.also ?? []) {
      await run(commandOn(personStream, person.id, 'AddIdentity', { unitId: unitIds[unit], identityId: identityIdOf(person.id, unitIds[unit]), reason: '兼职' }, asSysAdmin()));
    }
    for (const key of person.posts ?? []) {
      const { unitId, postId } = postIds[key]!;
      await run(commandOn(personStream, person.id, 'AssignPost', { unitId, postId, identityId: identityIdOf(person.id, unitId), reason: '任职' }, asSysAdmin()));
    }
    for (const role of person.roles) await run(commandOn(personStream, person.id, 'GrantRole', { role, reason: `岗位职责：${person.what}` }, asSysAdmin()));
  }
  // DIR-2: clearances are the securityAdmin's, each with its basis
  for (const person of EXAMPLE_PEOPLE.filter((candidate) => candidate.clearance !== undefined)) {
    await run(commandOn(personStream, person.id, 'GrantClearance', { level: person.clearance!, basis: '县委保密委员会涉密人员审查审批表（示例）' }, cliCall(actorOf(SECURITY_ADMIN))));
  }
  // DIR-6: the A-post keeper's leave next week, approved by the office's principal leader
  const week = 7 * 86_400_000;
  await run(
    commandOn(
      personStream,
      'sun.xiaomei',
      'DelegateDuty',
      {
        delegationId: randomUUID(),
        deputyId: 'zhou.jianjun',
        duty: { kind: 'role', role: 'sealKeeper' },
        unitId: unitIds.office,
        from: new Date(Date.now() + week).toISOString(),
        until: new Date(Date.now() + 2 * week).toISOString(),
        reason: '孙晓梅年休假，印章保管由B岗周建军代理',
      },
      cliCall({ id: 'chen.weidong', name: '陈卫东', roles: [] }),
    ),
  );
}
