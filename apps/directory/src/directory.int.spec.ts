import { randomBytes, randomUUID } from 'node:crypto';
import { accessMatrixFailures, dropLocalDatabase, localServiceEnvironment, ensureTopics, listRoutes, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { TopicCollector, apiClient, testRun } from '@oa/testing';
import { DirectoryModule } from './directory.module';
import { directoryService } from './directory.service-definition';

const secret = randomBytes(32).toString('hex');

/** A token names a person; the roles in it only pass the route's guard — the directory decides (DIR-4). */
const tokenOf = (sub: string, name: string, roles: TokenClaims['roles']) => mintToken({ sub, name, orgUnit: '县委办公室', roles, clearance: 'none' }, { secret });

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

describe('directory service (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_directory`;
  let service: RunningService;
  let collector: TopicCollector;
  const call = apiClient(() => service.url);
  const tokens: Record<'installer' | 'sysAdmin' | 'sysAdmin2' | 'securityAdmin' | 'leader' | 'leaderAsSecurityAdmin' | 'auditor', string> = {} as never;

  const officeId = randomUUID();
  const ids = { county: '', principalLeaderPost: '', directorPost: '', delegationId: '' };
  const sysAdmin = { personId: 'yang.guangming', name: '杨光明' };
  const securityAdmin = { personId: 'xu.jing', name: '许静' };

  const ok = async (path: string, token: string, body: unknown, status = 200) => {
    const reply = await call('POST', path, token, body);
    if (reply.status !== status) throw new Error(`POST ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}directory.`,
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    service = await startService(directoryService, DirectoryModule, env);
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
    tokens.installer = await tokenOf('installer', '部署人员', ['sysAdmin']);
    tokens.sysAdmin = await tokenOf(sysAdmin.personId, sysAdmin.name, ['sysAdmin']);
    tokens.sysAdmin2 = await tokenOf('he.ming', '何明', ['sysAdmin']);
    tokens.securityAdmin = await tokenOf(securityAdmin.personId, securityAdmin.name, ['securityAdmin']);
    tokens.leader = await tokenOf('chen.weidong', '陈卫东', ['leader']);
    // a token that claims securityAdmin for someone the directory never made one
    tokens.leaderAsSecurityAdmin = await tokenOf('chen.weidong', '陈卫东', ['securityAdmin']);
    tokens.auditor = await tokenOf('guo.feng', '郭峰', ['auditor']);
  }, 120_000);

  afterAll(async () => {
    await collector?.stop();
    await service?.close();
    if (!process.env['OA_KEEP_TEST_DATA']) await dropLocalDatabase(databaseName);
  });

  it('COMMON-1 COMMON-2 every directory route answers its access matrix (before the bootstrap: the tokens\' roles are the roles until the directory is in force)', async () => {
    const routes = listRoutes(service.app).filter((route) => !route.isPublic);
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(await accessMatrixFailures(service.url, routes, { secret })).toEqual([]);
  });

  it('DIR-3 bootstraps once: the first sysAdmin and securityAdmin, two different people; a second bootstrap is refused', async () => {
    const same = await call('POST', '/directory/bootstrap', tokens.installer, { sysAdmin, securityAdmin: sysAdmin, homeUnitId: officeId, reason: '系统上线' });
    expect(same.status).toBe(409);
    expect(same.body['code']).toBe('DIR-3');
    const first = await ok('/directory/bootstrap', tokens.installer, { sysAdmin, securityAdmin, homeUnitId: officeId, reason: '系统上线，配备初始系统管理员和安全保密管理员' });
    expect(first).toMatchObject({ id: 'directory', homeUnitId: officeId });
    // the installer is nobody the directory holds; its sysAdmin is refused a second bootstrap
    const again = { sysAdmin: { personId: 'x1', name: '甲' }, securityAdmin: { personId: 'x2', name: '乙' }, reason: '再次初始化' };
    const byInstaller = await call('POST', '/directory/bootstrap', tokens.installer, again);
    expect(byInstaller.status).toBe(403);
    expect(byInstaller.body['code']).toBe('AUTH.NOT_IN_DIRECTORY');
    const bySysAdmin = await call('POST', '/directory/bootstrap', tokens.sysAdmin, again);
    expect(bySysAdmin.status).toBe(409);
    expect(bySysAdmin.body['code']).toBe('DIRECTORY.ALREADY_BOOTSTRAPPED');
    // from here on the directory is in force: a token names a person, the directory says what they hold (DIR-4)
    const person = await call('GET', `/people/${sysAdmin.personId}`, tokens.sysAdmin);
    expect(person.status).toBe(200);
    const auditorNotOnFile = await call('GET', `/people/${sysAdmin.personId}`, tokens.auditor);
    expect(auditorNotOnFile.status).toBe(403);
    expect(auditorNotOnFile.body['code']).toBe('AUTH.NOT_IN_DIRECTORY');
    expect(person.body).toMatchObject({ status: 'active', name: '杨光明', homeUnitId: officeId, roles: [{ role: 'sysAdmin', grantedBy: { under: { kind: 'bootstrap' } } }] });
  });

  it('DIR-1 the sysAdmin registers units, posts and people and grants roles, each with who and why', async () => {
    const county = await call('POST', '/units', tokens.sysAdmin, { code: 'XW', name: '中共某某县委员会', reason: '建立组织机构' });
    expect(county.status).toBe(201);
    ids.county = county.body['id'] as string;
    expect(county.headers.get('location')).toBe(`/api/v1/units/${ids.county}`);
    await ok('/units', tokens.sysAdmin, { unitId: officeId, code: 'XWB', name: '中共某某县委办公室', parentUnitId: ids.county, reason: '建立组织机构' }, 201);
    ids.principalLeaderPost = (await ok(`/units/${officeId}/posts`, tokens.sysAdmin, { kind: 'principalLeader', title: '主要负责人', capacity: 'single', reason: '三定方案' }, 201))['postId'] as string;
    ids.directorPost = (await ok(`/units/${officeId}/posts`, tokens.sysAdmin, { kind: 'officeDirector', title: '办公室主任', capacity: 'single', reason: '三定方案' }, 201))['postId'] as string;
    for (const [personId, name] of [['chen.weidong', '陈卫东'], ['sun.xiaomei', '孙晓梅'], ['zhou.jianjun', '周建军'], ['he.ming', '何明'], ['liu.haiyan', '刘海燕'], ['guo.feng', '郭峰']] as const) {
      await ok('/people', tokens.sysAdmin, { personId, name, homeUnitId: officeId, reason: '新进人员' }, 201);
    }
    await ok('/people/guo.feng/roles/grant', tokens.sysAdmin, { role: 'auditor', reason: '巡察联络' });
    await ok('/people/liu.haiyan/roles/grant', tokens.sysAdmin, { role: 'leader', reason: '班子成员' });
    await ok('/people/chen.weidong/posts/assign', tokens.sysAdmin, { unitId: officeId, postId: ids.principalLeaderPost, reason: '县委任命' });
    await ok('/people/chen.weidong/posts/assign', tokens.sysAdmin, { unitId: officeId, postId: ids.directorPost, reason: '县委任命' });
    await ok('/people/chen.weidong/roles/grant', tokens.sysAdmin, { role: 'leader', reason: '单位领导' });
    await ok('/people/sun.xiaomei/roles/grant', tokens.sysAdmin, { role: 'sealKeeper', reason: '印章保管（A岗）' });
    await ok('/people/zhou.jianjun/roles/grant', tokens.sysAdmin, { role: 'sealKeeper', reason: '印章保管（B岗）' });

    const occupied = await call('POST', '/people/liu.haiyan/posts/assign', tokens.sysAdmin, { unitId: officeId, postId: ids.principalLeaderPost, reason: '任命' });
    expect(occupied.status).toBe(409);
    expect(occupied.body['code']).toBe('UNIT.POST_OCCUPIED');

    const unit = await call('GET', `/units/${officeId}`, tokens.auditor);
    expect(unit.body).toMatchObject({ status: 'active', code: 'XWB', parentUnitId: ids.county, posts: [{ title: '主要负责人' }, { title: '办公室主任' }] });
    const history = await call('GET', '/people/sun.xiaomei/history', tokens.auditor);
    expect((history.body as unknown as Array<{ type: string; data: { by: { name: string }; reason: string } }>).map((entry) => [entry.type, entry.data.by.name, entry.data.reason])).toEqual([
      ['PersonRegistered', '杨光明', '新进人员'],
      ['RoleGranted', '杨光明', '印章保管（A岗）'],
    ]);
    const staff = await call('GET', `/people?unit=${officeId}&status=active`, tokens.auditor);
    expect((staff.body as unknown as Array<{ id: string }>).map((person) => person.id).sort()).toEqual(['chen.weidong', 'guo.feng', 'he.ming', 'liu.haiyan', 'sun.xiaomei', 'xu.jing', 'yang.guangming', 'zhou.jianjun']);
    const units = await call('GET', `/units?parent=${ids.county}`, tokens.auditor);
    expect((units.body as unknown as Array<{ id: string }>).map((each) => each.id)).toEqual([officeId]);
  });

  it('DIR-1 a sysAdmin grants no role and no post to themselves', async () => {
    const role = await call('POST', `/people/${sysAdmin.personId}/roles/grant`, tokens.sysAdmin, { role: 'leader', reason: '自己授予' });
    expect(role.status).toBe(403);
    expect(role.body['code']).toBe('DIR-1');
    const invalid = await call('POST', '/people/sun.xiaomei/roles/grant', tokens.sysAdmin, { role: 'emperor' });
    expect(invalid.status).toBe(400);
    expect((invalid.body['errors'] as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['reason', 'role']);
  });

  it('DIR-2 the securityAdmin grants a clearance with its basis; a sysAdmin cannot, nor a token that only claims securityAdmin', async () => {
    await ok('/people/sun.xiaomei/clearance/grant', tokens.securityAdmin, { level: 'mimi', basis: '县保密委〔2026〕3号审批表' });
    const bySysAdmin = await call('POST', '/people/zhou.jianjun/clearance/grant', tokens.sysAdmin, { level: 'mimi', basis: '自行授予' });
    expect(bySysAdmin.status).toBe(403);
    expect(bySysAdmin.body['code']).toBe('COMMON-2');
    // the token claims securityAdmin; the directory holds chen.weidong as a leader only
    const claimed = await call('POST', '/people/zhou.jianjun/clearance/grant', tokens.leaderAsSecurityAdmin, { level: 'mimi', basis: '令牌自称' });
    expect(claimed.status).toBe(403);
    expect(claimed.body['code']).toBe('COMMON-2');
    const noBasis = await call('POST', '/people/zhou.jianjun/clearance/grant', tokens.securityAdmin, { level: 'mimi' });
    expect(noBasis.status).toBe(400);
    const person = await call('GET', '/people/sun.xiaomei', tokens.auditor);
    expect(person.body['clearance']).toMatchObject({ level: 'mimi', basis: '县保密委〔2026〕3号审批表', grantedBy: { personId: 'xu.jing', under: { kind: 'role', role: 'securityAdmin' } } });
  });

  it('DIR-3 a sysAdmin is never made securityAuditor, whatever tokens exist', async () => {
    await ok('/people/he.ming/roles/grant', tokens.sysAdmin, { role: 'sysAdmin', reason: '系统管理员（B岗）' });
    const second = await call('POST', `/people/${sysAdmin.personId}/roles/grant`, tokens.sysAdmin2, { role: 'securityAuditor', reason: '兼任安全审计员' });
    expect(second.status).toBe(409);
    expect(second.body['code']).toBe('DIR-3');
    const securityAdminToo = await call('POST', `/people/${securityAdmin.personId}/roles/grant`, tokens.sysAdmin2, { role: 'sysAdmin', reason: '兼任系统管理员' });
    expect(securityAdminToo.status).toBe(409);
    expect(securityAdminToo.body['code']).toBe('DIR-3');
  });

  it('DIR-6 a keeper on leave delegates to a deputy, approved by the unit’s principal leader; the event names both', async () => {
    const from = new Date().toISOString();
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const body = { deputyId: 'zhou.jianjun', duty: { kind: 'role', role: 'sealKeeper' }, unitId: officeId, from, until, reason: '孙晓梅休假' };
    // a leader without the post: the directory says who leads the unit
    const notTheLeader = await call('POST', '/people/sun.xiaomei/delegations', await tokenOf('liu.haiyan', '刘海燕', ['leader']), body);
    expect(notTheLeader.status).toBe(403);
    expect(notTheLeader.body['code']).toBe('DIR-6');
    const delegated = await ok('/people/sun.xiaomei/delegations', tokens.leader, body, 201);
    ids.delegationId = delegated['delegationId'] as string;
    const history = (await call('GET', '/people/sun.xiaomei/history', tokens.auditor)).body as unknown as Array<{ type: string; data: Record<string, unknown> }>;
    expect(history.at(-1)).toMatchObject({
      type: 'DutyDelegated',
      data: {
        delegationId: ids.delegationId,
        delegatorName: '孙晓梅',
        deputyId: 'zhou.jianjun',
        deputyName: '周建军',
        duty: { kind: 'role', role: 'sealKeeper' },
        by: { personId: 'chen.weidong', name: '陈卫东', under: { kind: 'post', unitId: officeId, postId: ids.principalLeaderPost, postKind: 'principalLeader' } },
      },
    });
    const deputy = await call('GET', '/people/zhou.jianjun/authority', tokens.auditor);
    expect(deputy.status).toBe(200);
    expect(deputy.body['actingAsDeputy']).toMatchObject([{ delegationId: ids.delegationId, delegatorId: 'sun.xiaomei', delegatorName: '孙晓梅', duty: { role: 'sealKeeper' } }]);
  });

  it('DIR-4 a departed person’s authority is empty, and the authority answers as of an instant', async () => {
    await pause(20);
    const beforeDeparture = new Date().toISOString();
    await pause(20);
    await ok('/people/sun.xiaomei/departure', tokens.sysAdmin, { reason: '调离' });
    const now = await call('GET', '/people/sun.xiaomei/authority', tokens.auditor);
    expect(now.body).toMatchObject({ personId: 'sun.xiaomei', active: false, roles: [], posts: [], clearance: { level: 'none' }, delegatedAway: [] });
    expect((now.body['person'] as { departedAt?: string }).departedAt).toBeDefined();
    const then = await call('GET', `/people/sun.xiaomei/authority?at=${encodeURIComponent(beforeDeparture)}`, tokens.auditor);
    expect(then.body).toMatchObject({ active: true, roles: [{ role: 'sealKeeper' }], clearance: { level: 'mimi', basis: '县保密委〔2026〕3号审批表' } });
    expect(then.body['delegatedAway']).toMatchObject([{ deputyName: '周建军' }]);
    const asOf = await call('GET', `/people/sun.xiaomei?asOf=${encodeURIComponent(beforeDeparture)}`, tokens.auditor);
    expect(asOf.body['status']).toBe('active');
    // the delegation ended with the delegator's departure
    expect((await call('GET', '/people/zhou.jianjun/authority', tokens.auditor)).body['actingAsDeputy']).toEqual([]);
    const further = await call('POST', '/people/sun.xiaomei/roles/grant', tokens.sysAdmin, { role: 'drafter', reason: '返聘' });
    expect(further.status).toBe(409);
    expect(further.body['code']).toBe('PERSON.DEPARTED');
    const nobody = await call('GET', '/people/nobody/authority', tokens.auditor);
    expect(nobody.status).toBe(404);
  });

  it('publishes the directory’s events on <prefix>oa.directory.events', async () => {
    expect(service.runtime.topic).toBe(`${run.topicPrefix}directory.oa.directory.events`);
    const ofPerson = () => collector.messages.filter((message) => message.event.streamId === 'sun.xiaomei').map((message) => message.event.type);
    await collector.waitFor(() => ofPerson().includes('PersonDeparted'));
    expect(ofPerson()).toEqual(['PersonRegistered', 'RoleGranted', 'ClearanceGranted', 'DutyDelegated', 'PersonDeparted']);
    expect(collector.messages.some((message) => message.event.type === 'DirectoryBootstrapped')).toBe(true);
  });
});
