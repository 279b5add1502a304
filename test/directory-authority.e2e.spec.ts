import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@oa/core';
import { StreamPublisher, dropLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, eventually, testRun } from '@oa/testing';
import { AffairsModule, affairsService } from '@oa/app-affairs';
import { DirectoryModule, directoryService } from '@oa/app-directory';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { SealsModule, sealsService } from '@oa/app-seals';

/**
 * DIR-4 across services: the directory service records a change, `oa.directory.events` carries
 * it, and the seals service acts on it — a role granted is honoured, a role revoked and a person
 * departed are refused, however long the token is valid and whatever it claims. The lags are
 * measured and printed (the oa_directory_lag_seconds metric observes the same on every service).
 * DIR-6: a keeper on leave delegates; the deputy stamps and the usage names both. DIR-5 / DOC-3:
 * a clerk cannot record a co-issuer's countersign on the documents service; its leader does.
 * DUTY-1 / SUP-1: the affairs service takes the leader on duty's role and the names of the people
 * a roster or a task names from the directory.
 */
describe('the directory is the system of record for every service (directory → Kafka → seals)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_dirauth`;
  const secret = randomBytes(32).toString('hex');
  const services: Record<'directory' | 'seals' | 'documents' | 'affairs', RunningService> = {} as never;
  const directory = apiClient(() => services.directory.url);
  const seals = apiClient(() => services.seals.url);
  const documents = apiClient(() => services.documents.url);
  const affairs = apiClient(() => services.affairs.url);
  const officeId = randomUUID();
  /** Tokens last a day and claim whatever they like: once the directory is in force only the subject counts. */
  const tokenOf = (sub: string, name: string, roles: TokenClaims['roles']) => mintToken({ sub, name, orgUnit: '县委办公室', roles, clearance: 'none' }, { secret, lifetimeSeconds: 86_400 });
  const token: Record<string, string> = {};

  const ok = async (call: typeof seals, path: string, who: string, body?: unknown): Promise<Record<string, unknown>> => {
    const reply = await call('POST', path, token[who]!, body);
    if (reply.status >= 300) throw new Error(`${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  };

  /** Until the service holds every directory event of these people (each person's stream has a partition of its own: no order across them). */
  const untilHeld = async (service: RunningService, personIds: readonly string[]): Promise<void> => {
    const histories = await Promise.all(personIds.map(async (personId) => (await directory('GET', `/people/${personId}/history`, token['sysAdmin']!)).body as unknown as Array<{ eventId: string }>));
    const eventIds = histories.flat().map((event) => event.eventId);
    await eventually(async () => {
      const [{ n }] = await service.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${service.runtime.schema}".directory_records WHERE event_id = ANY($1)`, [eventIds]);
      return n === eventIds.length ? true : undefined;
    }, `the directory records of ${personIds.join(', ')} on the ${service.runtime.definition.service} service`);
  };

  /** Polls until `settled` holds for a call on the seals service; how long that took after `since`, in ms. */
  const lagUntil = async (since: number, attempt: () => Promise<{ status: number; body: Record<string, unknown> }>, settled: (reply: { status: number; body: Record<string, unknown> }) => boolean, what: string): Promise<number> => {
    for (;;) {
      const reply = await attempt();
      if (settled(reply)) return Date.now() - since;
      if (Date.now() - since > 15_000) throw new Error(`${what}: not within 15 s (last ${reply.status} ${JSON.stringify(reply.body)})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    const env = { ...process.env, JWT_SECRET: secret, PORT: '0', ...(await localServiceEnvironment(databaseName)), KAFKA_TOPIC_PREFIX: `${run.topicPrefix}dirauth.` };
    services.directory = await startService(directoryService, DirectoryModule, env);
    services.seals = await startService(sealsService, SealsModule, env);
    services.documents = await startService(documentsService, DocumentsModule, { ...env, DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex') });
    services.affairs = await startService(affairsService, AffairsModule, env);
    const people: Record<string, [string, string, TokenClaims['roles']]> = {
      installer: ['installer', '部署人员', ['sysAdmin']],
      sysAdmin: ['yang.guangming', '杨光明', ['sysAdmin']],
      director: ['zhou.jianguo', '周建国', ['officeDirector', 'leader']],
      keeper: ['sun.xiaomei', '孙晓梅', ['sealKeeper']],
      deputy: ['li.ming', '李明', ['sealKeeper']],
      applicant: ['zhang.hua', '张华', ['drafter']],
      approver: ['wang.qiang', '王强', ['sealApprover']],
      stranger: ['nobody', '无名', ['officeDirector']],
      reviewer: ['wu.hegao', '吴核稿', ['reviewer']],
      // the finance bureau (县财政局, code 县财发): its head, and a clerk of its office
      bureauHead: ['qian.juzhang', '钱局长', ['leader']],
      bureauClerk: ['feng.wenshu', '冯文书', ['handler', 'leader']],
    };
    for (const [key, [sub, name, roles]] of Object.entries(people)) token[key] = await tokenOf(sub, name, roles);

    await ok(directory, '/directory/bootstrap', 'installer', { sysAdmin: { personId: 'yang.guangming', name: '杨光明' }, securityAdmin: { personId: 'xu.jing', name: '许静' }, homeUnitId: officeId, reason: '系统上线' });
    await ok(directory, '/units', 'sysAdmin', { unitId: officeId, code: 'XWB', name: '中共某某县委办公室', reason: '建立组织机构' });
    const principalLeaderPost = (await ok(directory, `/units/${officeId}/posts`, 'sysAdmin', { kind: 'principalLeader', title: '主任', capacity: 'single', reason: '三定方案' }))['postId'] as string;
    for (const key of ['director', 'keeper', 'deputy', 'applicant', 'approver']) {
      const [personId, name] = people[key]!;
      await ok(directory, '/people', 'sysAdmin', { personId, name, homeUnitId: officeId, reason: '新进人员' });
    }
    await ok(directory, '/people/zhou.jianguo/posts/assign', 'sysAdmin', { unitId: officeId, postId: principalLeaderPost, reason: '县委任命' });
    await ok(directory, '/people/zhou.jianguo/roles/grant', 'sysAdmin', { role: 'leader', reason: '单位主要负责人' });
    await ok(directory, '/people/sun.xiaomei/roles/grant', 'sysAdmin', { role: 'sealKeeper', reason: '印章保管（A岗）' });
    await ok(directory, '/people/zhang.hua/roles/grant', 'sysAdmin', { role: 'drafter', reason: '文秘' });
    await ok(directory, '/people/wang.qiang/roles/grant', 'sysAdmin', { role: 'sealApprover', reason: '用印审批' });
    // the seals service acts on the directory once the bootstrap has reached it: a token of nobody on file is refused
    await eventually(async () => ((await seals('GET', '/seals', token['stranger']!)).body['code'] === 'AUTH.NOT_IN_DIRECTORY' ? true : undefined), 'the directory to reach the seals service');
    const onFile = ['yang.guangming', 'zhou.jianguo', 'sun.xiaomei', 'li.ming', 'zhang.hua', 'wang.qiang'];
    await untilHeld(services.seals, onFile);
    await untilHeld(services.documents, onFile);
    await untilHeld(services.affairs, onFile);
  }, 120_000);

  afterAll(async () => {
    await services.affairs?.close();
    await services.documents?.close();
    await services.seals?.close();
    await services.directory?.close();
    if (!process.env['OA_KEEP_TEST_DATA']) await dropLocalDatabase(databaseName);
  });

  let sealId: string;

  it('DIR-4 a role granted is honoured on another service, revoked is refused there within seconds, and a departed person is refused whatever the token claims', async () => {
    const registerSeal = () =>
      seals('POST', '/seals', token['director']!, { kind: 'office', name: '中共某某县委办公室印章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕3号', impressionImageHash: 'sha256:c3' });
    // the token claims officeDirector; the directory does not hold it yet
    const refusedFirst = await registerSeal();
    expect(refusedFirst.status).toBe(403);
    expect(refusedFirst.body['code']).toBe('AUTH.ROLE_REQUIRED');

    const grantedAt = Date.now();
    const grant = await ok(directory, '/people/zhou.jianguo/roles/grant', 'sysAdmin', { role: 'officeDirector', reason: '办公室主任' });
    let registered: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
    const grantLag = await lagUntil(grantedAt, async () => (registered = await registerSeal()), (reply) => reply.status === 201, 'the grant honoured by the seals service');
    sealId = registered.body['id'] as string;
    // the event records the grant it relied on
    const [registration] = await services.seals.runtime.dataSource.query(`SELECT metadata FROM "seals".events WHERE stream_id = $1 AND stream_version = 1`, [sealId]);
    const grantEvent = (await directory('GET', '/people/zhou.jianguo/history', token['sysAdmin']!)).body as unknown as Array<{ eventId: string; type: string; data: { role?: string } }>;
    expect(grant).toBeDefined();
    expect(registration.metadata.actor).toMatchObject({
      id: 'zhou.jianguo',
      name: '周建国',
      authority: { roles: expect.arrayContaining([{ role: 'officeDirector', grantId: grantEvent.find((event) => event.type === 'RoleGranted' && event.data.role === 'officeDirector')!.eventId }]) },
    });

    const revokedAt = Date.now();
    await ok(directory, '/people/zhou.jianguo/roles/revoke', 'sysAdmin', { role: 'officeDirector', reason: '岗位调整' });
    const revocationLag = await lagUntil(revokedAt, registerSeal, (reply) => reply.status === 403 && reply.body['code'] === 'AUTH.ROLE_REQUIRED', 'the revocation refused by the seals service');

    const departedAt = Date.now();
    await ok(directory, '/people/wang.qiang/departure', 'sysAdmin', { reason: '调离' });
    const departureLag = await lagUntil(departedAt, () => seals('GET', '/seals', token['approver']!), (reply) => reply.status === 403 && reply.body['code'] === 'AUTH.PERSON_DEPARTED', 'the departure refused by the seals service');

    console.log(`[DIR-4] 目录变更在用印服务生效的延迟 (directory change → seals service): 授予 grant ${grantLag} ms, 撤销 revocation ${revocationLag} ms, 离职 departure ${departureLag} ms`);
    for (const lag of [grantLag, revocationLag, departureLag]) expect(lag).toBeLessThan(10_000);
    const metrics = await fetch(`${services.seals.url}/metrics`).then((reply) => reply.text());
    expect(metrics).toMatch(/oa_directory_lag_seconds_count\{service="seals"\} [1-9]/);
  });

  it('DIR-6 a keeper on leave delegates to a deputy, approved by the principal leader; the deputy stamps and the usage names both', async () => {
    // the leader runs the office again for this part; the approver's successor is on file
    await ok(directory, '/people/zhou.jianguo/roles/grant', 'sysAdmin', { role: 'officeDirector', reason: '复任办公室主任' });
    await ok(directory, '/people', 'sysAdmin', { personId: 'qian.jun', name: '钱军', homeUnitId: officeId, reason: '新进人员' });
    await ok(directory, '/people/qian.jun/roles/grant', 'sysAdmin', { role: 'sealApprover', reason: '用印审批' });
    token['approver'] = await tokenOf('qian.jun', '钱军', ['sealApprover']);
    await eventually(async () => ((await seals('POST', `/seals/${sealId}/keeper`, token['director']!, { keeperId: 'sun.xiaomei', keeperName: '孙晓梅' })).status === 200 ? true : undefined), 'the director again');
    await ok(seals, `/seals/${sealId}/activate`, 'director');

    const from = new Date().toISOString();
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    // the leader names no unit: the one they lead, as the directory holds it
    const delegation = await ok(directory, '/people/sun.xiaomei/delegations', 'director', { deputyId: 'li.ming', duty: { kind: 'role', role: 'sealKeeper' }, from, until, reason: '孙晓梅休假' });

    const applicationId = (await eventually(async () => {
      const reply = await seals('POST', '/seal-applications', token['applicant']!, { sealId, purpose: '出具证明', documentTitle: '关于张华同志工作情况的证明', copies: 1, impressions: 1, paperKind: 'prepared' });
      return reply.status === 201 ? reply.body : undefined;
    }, 'the application'))['id'] as string;
    await eventually(async () => ((await seals('POST', `/seal-applications/${applicationId}/approve`, token['approver']!, { comment: '同意' })).status === 200 ? true : undefined), 'the approval');
    // the deputy holds no sealKeeper role of their own: the delegation is their authority, once it has reached the seals service
    await eventually(async () => {
      const reply = await seals('POST', `/seal-applications/${applicationId}/usages`, token['deputy']!, { copies: 1, impressions: 1, witnessId: 'zhang.hua', witnessName: '张华' });
      return reply.status === 201 ? true : undefined;
    }, 'the deputy stamping');
    const [usage] = await services.seals.runtime.dataSource.query(`SELECT data, metadata FROM "seals".events WHERE stream_id = $1 AND type = 'SealUsageRecorded'`, [applicationId]);
    expect(usage.data).toMatchObject({ keeperId: 'li.ming', keeperName: '李明', deputyFor: { keeperId: 'sun.xiaomei', keeperName: '孙晓梅' } });
    expect(usage.metadata.actor.authority.actingAsDeputy).toEqual([expect.objectContaining({ delegatorId: 'sun.xiaomei', delegatorName: '孙晓梅', duty: { kind: 'role', role: 'sealKeeper' } })]);
    expect(usage.data.deputyFor.delegationGrantId).toBe(usage.metadata.actor.authority.actingAsDeputy[0].grantId);
    // SEAL-9: the register names both, as kept by hand
    const register = (await seals('GET', `/seals/${sealId}/usage-register`, token['director']!)).body as unknown as Array<{ keeper: string }>;
    expect(register.map((row) => row.keeper)).toEqual(['李明（代孙晓梅）']);
    expect(delegation['delegationId']).toBeDefined();
  });
  it('DOC-3 DIR-5 a clerk cannot record a co-issuer\'s countersign; the co-issuer\'s leader countersigns by their own action', async () => {
    const bureauId = randomUUID();
    await ok(directory, '/units', 'sysAdmin', { unitId: bureauId, code: '县财发', name: '某某县财政局', reason: '联合发文机关' });
    const headPost = (await ok(directory, `/units/${bureauId}/posts`, 'sysAdmin', { kind: 'principalLeader', title: '局长', capacity: 'single', reason: '三定方案' }))['postId'] as string;
    const clerkPost = (await ok(directory, `/units/${bureauId}/posts`, 'sysAdmin', { kind: 'other', title: '文书', capacity: 'several', reason: '三定方案' }))['postId'] as string;
    for (const [personId, name, role, postId] of [['qian.juzhang', '钱局长', 'leader', headPost], ['feng.wenshu', '冯文书', 'handler', clerkPost], ['wu.hegao', '吴核稿', 'reviewer', undefined]] as const) {
      await ok(directory, '/people', 'sysAdmin', { personId, name, homeUnitId: postId ? bureauId : officeId, reason: '新进人员' });
      await ok(directory, `/people/${personId}/roles/grant`, 'sysAdmin', { role, reason: '岗位职责' });
      if (postId) await ok(directory, `/people/${personId}/posts/assign`, 'sysAdmin', { unitId: bureauId, postId, reason: '任命' });
    }
    // the clerk's token claims leader too; the directory holds a handler in a 文书 post
    await untilHeld(services.documents, ['qian.juzhang', 'feng.wenshu', 'wu.hegao']);
    const documentId = (await ok(documents, '/outgoing-documents', 'applicant', {
      type: 'notice',
      title: '关于联合开展财政资金专项检查的通知',
      issuerCode: '县委办发',
      mainRecipients: [{ name: '各乡镇党委', kind: 'organ', relation: 'subordinate' }],
      coIssuers: ['县财发'],
      secrecyLevel: 'none',
      urgency: 'none',
      content: '请各单位配合开展专项检查。',
    }))['id'] as string;
    await ok(documents, `/outgoing-documents/${documentId}/submit`, 'applicant');
    await ok(documents, `/outgoing-documents/${documentId}/review`, 'reviewer', { decision: 'approve', comments: '同意' });

    const byClerk = await documents('POST', `/outgoing-documents/${documentId}/countersign`, token['bureauClerk']!, { party: 'coIssuer', code: '县财发', opinion: '同意联合印发' });
    expect(byClerk.status).toBe(403);
    expect(byClerk.body['code']).toBe('DOC-3');
    // a name typed for the leader is not a field any more
    const typedName = await documents('POST', `/outgoing-documents/${documentId}/countersign`, token['bureauClerk']!, { party: 'coIssuer', code: '县财发', opinion: '同意', signerName: '钱局长' });
    expect(typedName.status).toBe(400);

    await ok(documents, `/outgoing-documents/${documentId}/countersign`, 'bureauHead', { party: 'coIssuer', code: '县财发', opinion: '同意联合印发' });
    const [countersigned] = await services.documents.runtime.dataSource.query(`SELECT data FROM "documents".events WHERE stream_id = $1 AND type = 'OutgoingDocumentCountersigned'`, [documentId]);
    expect(countersigned.data).toMatchObject({ party: 'coIssuer', code: '县财发', signerId: 'qian.juzhang', signerName: '钱局长', signedUnder: { unitId: bureauId, postId: headPost, postKind: 'principalLeader' } });
  });
  it('DOC-11 DIR-2 a circulation reader\'s clearance is the directory\'s at that instant, with its grant; nobody types it, and a reader not on file is refused', async () => {
    const securityAdmin = await tokenOf('xu.jing', '许静', ['securityAdmin']);
    await ok(directory, '/people/zhang.hua/roles/grant', 'sysAdmin', { role: 'registrar', reason: '兼收发员' });
    await directory('POST', '/people/zhang.hua/clearance/grant', securityAdmin, { level: 'mimi', basis: '县保密委〔2026〕11号审批表' });
    // received once the registrar role and the clearance have reached the documents service (a refusal stores nothing)
    const receipt = { sender: '市委办公室', senderDocumentNumber: '市委办发〔2026〕30号', title: '关于加强保密工作的通知', type: 'notice', secrecyLevel: 'mimi', copies: 1, urgency: 'none', content: '（秘密）请加强保密管理。' };
    const id = await eventually(async () => {
      const reply = await documents('POST', '/incoming-documents', token['applicant']!, receipt);
      return reply.status === 201 ? (reply.body['id'] as string) : undefined;
    }, 'the registrar role and clearance on the documents service');
    await ok(documents, `/incoming-documents/${id}/register`, 'applicant');
    await ok(documents, `/incoming-documents/${id}/initial-review`, 'applicant', { outcome: 'accept' });
    const circulate = (readerId: string) => documents('POST', `/incoming-documents/${id}/circulate`, token['applicant']!, { readers: [{ readerId, readerName: '（未核实）' }] });

    // not cleared in the directory: DOC-11 refuses, whatever the request might have said
    expect((await circulate('zhou.jianguo')).body['code']).toBe('DOC-11');
    const unknown = await circulate('nobody');
    expect(unknown.status).toBe(400);
    expect(unknown.body['errors']).toEqual([{ field: 'readers[0].readerId', reasons: ['nobody不在组织与人员目录中'] }]);

    await directory('POST', '/people/zhou.jianguo/clearance/grant', securityAdmin, { level: 'mimi', basis: '县保密委〔2026〕12号审批表' });
    const grant = await eventually(async () => {
      const reply = await circulate('zhou.jianguo');
      return reply.status === 200 ? reply : undefined;
    }, 'the clearance on the documents service');
    expect(grant.status).toBe(200);
    const [circulated] = await services.documents.runtime.dataSource.query(`SELECT data FROM "documents".events WHERE stream_id = $1 AND type = 'IncomingDocumentCirculated'`, [id]);
    const history = (await directory('GET', '/people/zhou.jianguo/history', token['sysAdmin']!)).body as unknown as Array<{ eventId: string; type: string }>;
    expect(circulated.data.readers).toEqual([{ readerId: 'zhou.jianguo', readerName: '周建国', clearance: 'mimi', clearanceGrantId: history.find((event) => event.type === 'ClearanceGranted')!.eventId }]);
  });
  it('DUTY-1 SUP-1 the leader on duty holds a leader role in the directory, and the roster names its grant; the people a roster or a task names are the directory\'s', async () => {
    const unverified = (id: string) => ({ id, name: '（未核实）' });
    const roster = (leaderId: string, officerId = 'zhang.hua') => affairs('POST', '/duty-days/2027-03-01/roster', token['director']!, { leaderOnDuty: unverified(leaderId), officers: [unverified(officerId)] });
    // the office director's role (granted again above) on the affairs service
    const keeper = await eventually(async () => {
      const reply = await roster('sun.xiaomei');
      return reply.status === 403 ? undefined : reply;
    }, 'the office director on the affairs service');
    // on file, but no leader: DUTY-1
    expect([keeper.status, keeper.body['code']]).toEqual([400, 'DUTY-1']);
    const stranger = await roster('zhou.jianguo', 'nobody');
    expect([stranger.status, stranger.body['errors']]).toEqual([400, [{ field: 'officers[0].id', reasons: ['nobody不在组织与人员目录中'] }]]);
    await ok(affairs, '/duty-days/2027-03-01/roster', 'director', { leaderOnDuty: unverified('zhou.jianguo'), officers: [unverified('zhang.hua')] });
    const leaderGrant = ((await directory('GET', '/people/zhou.jianguo/history', token['sysAdmin']!)).body as unknown as Array<{ eventId: string; type: string; data: { role?: string } }>).find(
      (event) => event.type === 'RoleGranted' && event.data.role === 'leader',
    )!.eventId;
    const [scheduled] = await services.affairs.runtime.dataSource.query(`SELECT data FROM "affairs".events WHERE stream_id = 'duty-2027-03-01' AND type = 'DutyScheduled'`);
    expect(scheduled.data).toMatchObject({ leaderOnDuty: { id: 'zhou.jianguo', name: '周建国' }, leaderGrantId: leaderGrant, officers: [{ id: 'zhang.hua', name: '张华' }] });

    // SUP-1 a 交办 by the leader: the responsible person is the directory's, or refused
    const terms = { ownerUnit: '县委办公室', responsiblePerson: unverified('nobody'), requirement: '整理值班制度', deadline: '2099-12-31' };
    const unknown = await affairs('POST', '/supervision/tasks', token['director']!, terms);
    expect([unknown.status, unknown.body['errors']]).toEqual([400, [{ field: 'responsiblePerson.id', reasons: ['nobody不在组织与人员目录中'] }]]);
    const taskId = (await ok(affairs, '/supervision/tasks', 'director', { ...terms, responsiblePerson: unverified('zhang.hua') }))['id'] as string;
    expect((await affairs('GET', `/supervision/tasks/${taskId}`, token['director']!)).body).toMatchObject({ assigner: { id: 'zhou.jianguo', name: '周建国' }, responsiblePerson: { id: 'zhang.hua', name: '张华' } });
    const [assigned] = await services.affairs.runtime.dataSource.query(`SELECT data FROM "affairs".events WHERE stream_id = $1`, [taskId]);
    expect(assigned.data.assignerGrantId).toBe(leaderGrant);
  });

  it('DIR-4 a grant written onto the directory topic by anyone but the directory\'s relay grants nothing', async () => {
    // a well-chained RoleGranted signed with a key that is not the office's event key
    const forger = await new StreamPublisher(run.kafkaBrokers, `${run.topicPrefix}dirauth.`, generateKeyPairSync('ed25519').privateKey).start(['directory']);
    const forged: EventEnvelope[] = [];
    const by = { personId: 'yang.guangming', name: '杨光明', under: { kind: 'role', role: 'sysAdmin', grantId: randomUUID() } };
    const grant = forger.next(forged, { streamType: 'person', streamId: 'zhang.hua', type: 'RoleGranted' }, { personId: 'zhang.hua', role: 'officeDirector', reason: '伪造', by, at: new Date().toISOString() }, { id: 'yang.guangming', name: '杨光明', roles: ['sysAdmin'] });
    await forger.publish('directory', forged);
    await forger.stop();
    const deadLetter = await eventually(async () => {
      const [row] = await services.seals.runtime.dataSource.query(`SELECT error FROM "seals".dead_letters WHERE event_id = $1`, [grant.eventId]);
      return row as { error: string } | undefined;
    }, 'the forged grant among the seals service\'s dead letters');
    expect(deadLetter.error).toContain('签名');
    const registering = await seals('POST', '/seals', token['applicant']!, { kind: 'office', name: '伪造印章', owningUnit: '办公室', engravingApprovalReference: '无', impressionImageHash: 'sha256:00' });
    expect(registering.status).toBe(403);
    expect(registering.body['code']).toBe('AUTH.ROLE_REQUIRED');
  });
});

describe('DIRECTORY_REQUIRED: before the directory is in force no request acts on a token’s claims', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_dirrequired`;
  const secret = randomBytes(32).toString('hex');
  const services: Record<'directory' | 'seals', RunningService> = {} as never;
  const directory = apiClient(() => services.directory.url);
  const seals = apiClient(() => services.seals.url);
  const tokenOf = (sub: string, name: string, roles: TokenClaims['roles']) => mintToken({ sub, name, orgUnit: '县委办公室', roles, clearance: 'none' }, { secret });

  beforeAll(async () => {
    const env = { ...process.env, JWT_SECRET: secret, PORT: '0', ...(await localServiceEnvironment(databaseName)), KAFKA_TOPIC_PREFIX: `${run.topicPrefix}dirrequired.`, DIRECTORY_REQUIRED: 'true' };
    services.directory = await startService(directoryService, DirectoryModule, env);
    services.seals = await startService(sealsService, SealsModule, env);
  }, 120_000);

  afterAll(async () => {
    await services.seals?.close();
    await services.directory?.close();
    if (!process.env['OA_KEEP_TEST_DATA']) await dropLocalDatabase(databaseName);
  });

  it('DIR-4 answers 503 until the bootstrap, serves the bootstrap itself, then acts on the directory only', async () => {
    const director = await tokenOf('zhou.jianguo', '周建国', ['officeDirector']);
    const installer = await tokenOf('installer', '部署人员', ['sysAdmin']);
    for (const reply of [await seals('GET', '/seals', director), await directory('GET', '/people', installer)]) {
      expect(reply.status).toBe(503);
      expect(reply.body['code']).toBe('AUTH.DIRECTORY_NOT_IN_FORCE');
    }
    const bootstrap = await directory('POST', '/directory/bootstrap', installer, { sysAdmin: { personId: 'yang.guangming', name: '杨光明' }, securityAdmin: { personId: 'xu.jing', name: '许静' }, homeUnitId: randomUUID(), reason: '系统上线' });
    expect(bootstrap.status).toBe(200);
    expect((await directory('GET', '/people', await tokenOf('yang.guangming', '杨光明', ['sysAdmin']))).status).toBe(200);
    await eventually(async () => ((await seals('GET', '/seals', director)).body['code'] === 'AUTH.NOT_IN_DIRECTORY' ? true : undefined), 'the bootstrap to reach the seals service');
  });
});
