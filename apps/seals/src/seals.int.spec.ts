import { randomBytes } from 'node:crypto';
import {
  accessMatrixFailures,
  dropLocalDatabase,
  localServiceEnvironment,
  ensureTopics,
  listRoutes,
  mintToken,
  startService,
  type RunningService,
  type TokenClaims,
} from '@oa/platform';
import { TopicCollector, apiClient, testRun } from '@oa/testing';
import { SealsModule } from './seals.module';
import { sealsService } from './seals.service-definition';

const secret = randomBytes(32).toString('hex');

const tokenOf = (sub: string, name: string, roles: TokenClaims['roles']) => mintToken({ sub, name, orgUnit: '办公室', roles, clearance: 'none' }, { secret });

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

describe('seals service (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_seals`;
  let service: RunningService;
  let collector: TopicCollector;
  const tokens: Record<'director' | 'keeper' | 'keeper2' | 'approver' | 'drafter' | 'selfApprover' | 'auditor' | 'leader', string> = {} as never;

  const call = apiClient(() => service.url);
  const eventCount = async (): Promise<number> => Number((await service.runtime.dataSource.query(`SELECT count(*) AS n FROM "seals".events WHERE stream_type NOT IN ('commandRefusals', 'securityLog')`))[0].n);

  const registerBody = (name: string) => ({
    kind: 'office',
    name,
    owningUnit: '办公室',
    engravingApprovalReference: '某公安备〔2026〕12号',
    impressionImageHash: 'sha256:0f3a9c',
  });
  const applyBody = (sealId: string, overrides: object = {}) => ({
    sealId,
    purpose: '报送年度工作总结',
    documentTitle: '关于2026年度工作情况的报告',
    copies: 3,
    impressions: 3,
    paperKind: 'prepared',
    ...overrides,
  });
  const usageBody = (impressions: number) => ({ copies: 1, impressions, witnessId: 'u-witness', witnessName: '王五' });

  /** Registers, assigns 李四 as keeper and activates an office seal; returns its id. */
  const activeSeal = async (name: string): Promise<string> => {
    const registered = await call('POST', '/seals', tokens.director, registerBody(name));
    expect(registered.status).toBe(201);
    const id = registered.body['id'] as string;
    await pause(5);
    expect((await call('POST', `/seals/${id}/keeper`, tokens.director, { keeperId: 'u-keeper', keeperName: '李四' })).status).toBe(200);
    await pause(5);
    expect((await call('POST', `/seals/${id}/activate`, tokens.director)).status).toBe(200);
    return id;
  };

  /** An application by 张三 approved by 孙七; returns its id. */
  const approvedApplication = async (sealId: string, impressions = 3): Promise<string> => {
    const applied = await call('POST', '/seal-applications', tokens.drafter, applyBody(sealId, { impressions }));
    expect(applied.status).toBe(201);
    const id = applied.body['id'] as string;
    expect((await call('POST', `/seal-applications/${id}/approve`, tokens.approver, { comment: '同意' })).status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    const env = {
      ...process.env,
      JWT_SECRET: secret,
      PORT: '0',
      ...(await localServiceEnvironment(databaseName)),
      KAFKA_TOPIC_PREFIX: `${run.topicPrefix}seals.`,
      // the access matrix alone sends several hundred requests
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    service = await startService(sealsService, SealsModule, env);
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
    tokens.director = await tokenOf('u-director', '周主任', ['officeDirector']);
    tokens.keeper = await tokenOf('u-keeper', '李四', ['sealKeeper']);
    tokens.keeper2 = await tokenOf('u-keeper-2', '赵六', ['sealKeeper']);
    tokens.approver = await tokenOf('u-approver', '孙七', ['sealApprover']);
    tokens.drafter = await tokenOf('u-drafter', '张三', ['drafter']);
    tokens.selfApprover = await tokenOf('u-self', '钱八', ['handler', 'sealApprover']);
    tokens.auditor = await tokenOf('u-auditor', '吴审计', ['auditor']);
    tokens.leader = await tokenOf('u-leader', '郑书记', ['leader']);
  });

  afterAll(async () => {
    await collector?.stop();
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  describe('Seal: registry and lifecycle', () => {
    it('registers with a server id, assigns the keeper and activates; the read, the ETag and the list agree', async () => {
      const id = await activeSeal('某某办公室印章（一）');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const seal = await call('GET', `/seals/${id}`, tokens.auditor);
      expect(seal.status).toBe(200);
      expect(seal.headers.get('etag')).toBe('"3"');
      expect(seal.body).toMatchObject({ id, version: 3, status: 'active', kind: 'office', keeperId: 'u-keeper', keeperName: '李四', owningUnit: '办公室' });
      const list = await call('GET', '/seals?unit=办公室&kind=office&status=active', tokens.auditor);
      expect(list.body as unknown as unknown[]).toContainEqual({ id, name: '某某办公室印章（一）', kind: 'office', owningUnit: '办公室', status: 'active', keeperId: 'u-keeper', keeperName: '李四', version: 3 });
      const none = await call('GET', '/seals?status=suspended', tokens.auditor);
      expect((none.body as unknown as Array<{ id: string }>).map((row) => row.id)).not.toContain(id);
    });

    it('refuses a malformed request with 400 and the fields named', async () => {
      const response = await call('POST', '/seals', tokens.director, { ...registerBody('x'), kind: 'bogus', name: '' });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
      expect((response.body['errors'] as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['kind', 'name']);
    });

    it('COMMON.VERSION_CONFLICT: an If-Match that is not the current version is 409 and appends nothing', async () => {
      const id = await activeSeal('某某办公室印章（版本）');
      const before = await eventCount();
      const stale = await call('POST', `/seals/${id}/suspend`, tokens.director, { reason: '送修' }, { 'If-Match': '"2"' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'COMMON.VERSION_CONFLICT' });
      expect(await eventCount()).toBe(before);
      const current = await call('POST', `/seals/${id}/suspend`, tokens.director, { reason: '送修' }, { 'If-Match': '"3"' });
      expect(current.status).toBe(200);
      expect(current.body).toEqual({ id, version: 4 });
      expect(current.headers.get('etag')).toBe('"4"');
    });

    it('Idempotency-Key: a retried registration returns the same body and appends nothing new', async () => {
      const headers = { 'Idempotency-Key': `register-${Date.now()}` };
      const first = await call('POST', '/seals', tokens.director, registerBody('某某办公室印章（重试）'), headers);
      expect(first.status).toBe(201);
      const after = await eventCount();
      const retry = await call('POST', '/seals', tokens.director, registerBody('某某办公室印章（重试）'), headers);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await eventCount()).toBe(after);
    });

    it('SEAL-2 hands the seal over with both confirmations and a witness; the list follows', async () => {
      const id = await activeSeal('某某办公室印章（交接）');
      const initiated = await call('POST', `/seals/${id}/handovers`, tokens.director, { incomingKeeperId: 'u-keeper-2', incomingKeeperName: '赵六', witnessId: 'u-witness', witnessName: '王五' });
      expect(initiated.status).toBe(201);
      const handoverId = initiated.body['handoverId'] as string;
      expect((await call('POST', `/seals/${id}/handovers/confirm`, tokens.keeper, { handoverId })).status).toBe(200);
      const done = await call('POST', `/seals/${id}/handovers/confirm`, tokens.keeper2, { handoverId });
      expect(done.body).toEqual({ id, version: 7 });
      expect((await call('GET', `/seals/${id}`, tokens.keeper)).body).toMatchObject({ keeperId: 'u-keeper-2', keeperName: '赵六' });
      const list = (await call('GET', '/seals?kind=office', tokens.auditor)).body as unknown as Array<{ id: string; keeperId?: string }>;
      expect(list.find((row) => row.id === id)?.keeperId).toBe('u-keeper-2');
    });

    it('answers 404 in Chinese for a seal that does not exist', async () => {
      const response = await call('GET', '/seals/00000000-0000-4000-8000-000000000000', tokens.auditor);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'SEAL.NOT_FOUND', title: '印章不存在' });
    });
  });

  describe('SealUsageApplication: apply, approve, record usages', () => {
    let sealId: string;
    let applicationId: string;

    beforeAll(async () => {
      sealId = await activeSeal('某某办公室印章（用印）');
    });

    it('SEAL-3 SEAL-6 records a partial usage against the approval, then refuses an over-use', async () => {
      applicationId = await approvedApplication(sealId, 3);
      const first = await call('POST', `/seal-applications/${applicationId}/usages`, tokens.keeper, usageBody(2));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ id: applicationId, version: 3 });
      const before = await eventCount();
      const over = await call('POST', `/seal-applications/${applicationId}/usages`, tokens.keeper, usageBody(2));
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ code: 'SEAL-6', detail: '本次用印2次，超过剩余可用1次' });
      expect(await eventCount()).toBe(before);
      const application = await call('GET', `/seal-applications/${applicationId}`, tokens.drafter);
      expect(application.headers.get('etag')).toBe('"3"');
      expect(application.body).toMatchObject({ id: applicationId, version: 3, status: 'approved', sealId, usedImpressions: 2, applicantId: 'u-drafter' });
    });

    it('Idempotency-Key: a retried usage returns the same body and records nothing twice', async () => {
      const headers = { 'Idempotency-Key': `usage-${Date.now()}` };
      const first = await call('POST', `/seal-applications/${applicationId}/usages`, tokens.keeper, usageBody(1), headers);
      expect(first.status).toBe(201);
      const after = await eventCount();
      const retry = await call('POST', `/seal-applications/${applicationId}/usages`, tokens.keeper, usageBody(1), headers);
      expect(retry.body).toEqual(first.body);
      expect(await eventCount()).toBe(after);
      expect((await call('GET', `/seal-applications/${applicationId}`, tokens.auditor)).body).toMatchObject({ status: 'fullyUsed', usedImpressions: 3 });
    });

    it('SEAL-4 refuses approval by the applicant (403)', async () => {
      const applied = await call('POST', '/seal-applications', tokens.selfApprover, applyBody(sealId));
      expect(applied.status).toBe(201);
      const response = await call('POST', `/seal-applications/${applied.body['id'] as string}/approve`, tokens.selfApprover, {});
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'SEAL-4' });
    });

    it('SEAL-5 refuses stamping blank paper (400)', async () => {
      const response = await call('POST', '/seal-applications', tokens.drafter, applyBody(sealId, { paperKind: 'blankPaper' }));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'SEAL-5', detail: '严禁在空白纸张上用印' });
      // the refusal is on record in the refusal stream, with its actor (feeds AUD-11)
      const [refusal] = await service.runtime.dataSource.query(
        `SELECT stream_type, data, metadata FROM "seals".events WHERE type = 'CommandRefused' AND data->>'code' = 'SEAL-5'`,
      );
      expect(refusal).toMatchObject({ stream_type: 'commandRefusals', data: { kind: 'invalid', path: '/api/v1/seal-applications' }, metadata: { actor: { roles: ['drafter'] } } });
    });

    it('refuses an application without copies: 400 with the field named', async () => {
      const response = await call('POST', '/seal-applications', tokens.drafter, { ...applyBody(sealId), copies: 0 });
      expect(response.status).toBe(400);
      expect(response.body['errors']).toEqual([{ field: 'copies', reasons: ['份数至少为 1'] }]);
    });

    it('rejects with a reason and lets the applicant cancel', async () => {
      const rejected = await call('POST', '/seal-applications', tokens.drafter, applyBody(sealId));
      const rejectedId = rejected.body['id'] as string;
      expect((await call('POST', `/seal-applications/${rejectedId}/reject`, tokens.approver, { reason: '事由不明确' })).status).toBe(200);
      expect((await call('GET', `/seal-applications/${rejectedId}`, tokens.auditor)).body).toMatchObject({ status: 'rejected' });
      const cancelled = await call('POST', '/seal-applications', tokens.drafter, applyBody(sealId));
      const cancelledId = cancelled.body['id'] as string;
      expect((await call('POST', `/seal-applications/${cancelledId}/cancel`, tokens.drafter, { reason: '暂缓报送' })).status).toBe(200);
      expect((await call('GET', `/seal-applications/${cancelledId}`, tokens.auditor)).body).toMatchObject({ status: 'cancelled' });
    });

    it('SEAL-9 exports the usage register as JSON and as Excel-friendly CSV (UTF-8 with BOM, Chinese headers)', async () => {
      const json = await call('GET', `/seals/${sealId}/usage-register?format=json`, tokens.auditor);
      expect(json.status).toBe(200);
      const rows = json.body as unknown as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ applicationId, purpose: '报送年度工作总结', document: '关于2026年度工作情况的报告', impressions: 2, applicant: '张三', approver: '孙七', keeper: '李四', witness: '王五' });
      const csv = await fetch(`${service.url}/api/v1/seals/${sealId}/usage-register?format=csv`, { headers: { authorization: `Bearer ${tokens.auditor}` } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe('日期,用印时间,用印事由,文件标题,份数,用印次数,申请人,审批人,保管人,监印人,申请编号,登记编号');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain(',报送年度工作总结,关于2026年度工作情况的报告,1,2,张三,孙七,李四,王五,');
      const future = await call('GET', `/seals/${sealId}/usage-register?from=2099-01-01T00:00:00Z`, tokens.auditor);
      expect(future.body).toEqual([]);
    });
  });

  describe('Seal: checkout (外借)', () => {
    it('SEAL-8 a checkout approved by the leader blocks local usage until the keeper records the return', async () => {
      const sealId = await activeSeal('某某办公室印章（外借）');
      const applicationId = await approvedApplication(sealId, 2);
      const requested = await call('POST', `/seals/${sealId}/checkouts`, tokens.keeper, {
        reason: '赴省厅办理备案',
        destination: '省公安厅',
        carrierId: 'u-carrier',
        carrierName: '陈九',
        expectedReturnAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(requested.status).toBe(201);
      const checkoutId = requested.body['checkoutId'] as string;
      expect((await call('POST', `/seals/${sealId}/checkouts/approve`, tokens.leader, { checkoutId })).status).toBe(200);
      const whileOut = await call('POST', `/seal-applications/${applicationId}/usages`, tokens.keeper, usageBody(1));
      expect(whileOut.status).toBe(409);
      expect(whileOut.body).toMatchObject({ code: 'SEAL-8' });
      const returned = await call('POST', `/seals/${sealId}/return`, tokens.keeper, { checkoutId, remarks: '印章完好' });
      expect(returned.status).toBe(200);
      const history = (await call('GET', `/seals/${sealId}/history`, tokens.auditor)).body as unknown as Array<{ type: string; data: { late?: boolean } }>;
      expect(history.at(-1)).toMatchObject({ type: 'SealReturned', data: { late: false } });
      expect((await call('POST', `/seal-applications/${applicationId}/usages`, tokens.keeper, usageBody(1))).status).toBe(201);
    });
  });

  describe('Seal: history, asOf and the topic', () => {
    it('lists the events with actor and time, and folds the state as of a past instant', async () => {
      const id = await activeSeal('某某办公室印章（历史）');
      const history = await call('GET', `/seals/${id}/history`, tokens.auditor);
      const entries = history.body as unknown as Array<{ version: number; type: string; actor: { id: string; name: string }; recordedAt: string }>;
      expect(entries.map((entry) => [entry.version, entry.type, entry.actor])).toEqual([
        [1, 'SealRegistered', { id: 'u-director', name: '周主任' }],
        [2, 'SealKeeperAssigned', { id: 'u-director', name: '周主任' }],
        [3, 'SealActivated', { id: 'u-director', name: '周主任' }],
      ]);
      const registeredAt = entries[0]!.recordedAt;
      const then = await call('GET', `/seals/${id}?asOf=${encodeURIComponent(registeredAt)}`, tokens.auditor);
      expect(then.body).toMatchObject({ id, version: 1, status: 'registered' });
      expect(then.body['keeperId']).toBeUndefined();
      expect(then.headers.get('etag')).toBe('"1"');
      const before = await call('GET', `/seals/${id}?asOf=2000-01-01T00:00:00Z`, tokens.auditor);
      expect(before.status).toBe(404);
      const bad = await call('GET', `/seals/${id}?asOf=yesterday`, tokens.auditor);
      expect(bad.status).toBe(400);
      expect((bad.body['errors'] as Array<{ field: string }>)[0]?.field).toBe('asOf');
    });

    it('publishes the events on <prefix>oa.seals.events in stream order', async () => {
      expect(service.runtime.topic).toBe(`${run.topicPrefix}seals.oa.seals.events`);
      const id = await activeSeal('某某办公室印章（发布）');
      expect((await call('POST', `/seals/${id}/suspend`, tokens.director, { reason: '送修' })).status).toBe(200);
      expect((await call('POST', `/seals/${id}/resume`, tokens.director)).status).toBe(200);
      const ofSeal = () => collector.messages.filter((message) => message.event.streamId === id);
      await collector.waitFor(() => ofSeal().length >= 5);
      expect(ofSeal().map((message) => [message.event.streamVersion, message.event.type])).toEqual([
        [1, 'SealRegistered'],
        [2, 'SealKeeperAssigned'],
        [3, 'SealActivated'],
        [4, 'SealSuspended'],
        [5, 'SealResumed'],
      ]);
    });
  });

  it('COMMON-1 COMMON-2 every seals route answers its access matrix', async () => {
    const routes = listRoutes(service.app).filter((route) => !route.isPublic);
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(await accessMatrixFailures(service.url, routes, { secret })).toEqual([]);
  });
});
