import { randomBytes } from 'node:crypto';
import { Controller, Get, Inject, Module, Post } from '@nestjs/common';
import { SignJWT } from 'jose';
import { RuleViolation, type CommandMetadata, type Decider, type EventEnvelope } from '@oa/core';
import { TopicCollector, testRun } from '@oa/testing';
import { accessMatrixFailures } from './access-matrix';
import { startService, type RunningService } from '../nest/bootstrap';
import { CommandHandling } from '../command-handling/handle-command';
import { dropLocalDatabase, localServiceEnvironment } from '../environment/resolve-environment';
import { rowToEnvelope, STORED_EVENT_COLUMNS } from '../event-store/event-store';
import { ensureTopics } from '../kafka/topics';
import type { ServiceDefinition } from '../nest/runtime';
import { Confidential, Public, Roles } from './decorators';
import { CommandContext } from './request-context';
import { listRoutes } from './route-declarations';
import { mintToken, type TokenClaims } from './token';

type ProbeCommand = { type: 'RecordProbe'; data: object; metadata: CommandMetadata };
const probeDecider: Decider<ProbeCommand, { type: 'ProbeRecorded'; data: object }, null> = {
  streamType: 'probe',
  initialState: () => null,
  decide: () => [{ type: 'ProbeRecorded', data: {} }],
  evolve: (state) => state,
};

@Controller('probes')
class ProbeController {
  constructor(@Inject(CommandHandling) private readonly commands: CommandHandling) {}

  @Post()
  @Roles('sealKeeper', 'sealApprover')
  record(@CommandContext() metadata: CommandMetadata) {
    return this.commands.handle({ stream: { decider: probeDecider }, streamId: `probe-${metadata.requestId}`, command: { type: 'RecordProbe', data: {}, metadata } });
  }

  @Get('content')
  @Roles('drafter', 'leader')
  @Confidential('documentContent')
  content() {
    return { title: '关于某事项的请示' };
  }

  @Post('self-approval')
  @Roles('sealApprover')
  approveOwn(): never {
    throw new RuleViolation('SEAL-4', 'forbidden', '申请人不得审批本人的用印申请');
  }

  @Get('open')
  @Public()
  open() {
    return { status: 'open' };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

@Controller('forgotten')
class UndeclaredController {
  @Get()
  list() {
    return [];
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

// The audit service's name, in a database of this file's own, so no other test meets it.
const definition: ServiceDefinition = { service: 'audit', title: '安全内核测试 (auth)' };

const secret = randomBytes(32).toString('hex');

/** A token of this service's key for a test user, cleared to 绝密 unless said otherwise. */
const testToken = (claims: Partial<TokenClaims> & Pick<TokenClaims, 'roles'>, options: { now?: Date } = {}) =>
  mintToken({ sub: 'u-test', name: '测试用户', orgUnit: '办公室', clearance: 'juemi', ...claims }, { secret, ...options });

describe('security kernel (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_auth`;
  let env: NodeJS.ProcessEnv;
  let service: RunningService;
  let collector: TopicCollector;

  const call = async (method: string, path: string, token?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${service.url}${path}`, { method, headers: { ...headers, ...(token && { authorization: `Bearer ${token}` }) } });
    return { status: response.status, type: response.headers.get('content-type') ?? '', requestId: response.headers.get('x-request-id'), body: (await response.json()) as Record<string, unknown> };
  };
  const securityEvents = async (): Promise<EventEnvelope[]> =>
    (await service.runtime.dataSource.query(`SELECT ${STORED_EVENT_COLUMNS} FROM "${service.runtime.schema}".events WHERE stream_type = 'securityLog' ORDER BY position`)).map(rowToEnvelope);

  beforeAll(async () => {
    env = { ...process.env, JWT_SECRET: secret, PORT: '0', ...(await localServiceEnvironment(databaseName)), KAFKA_TOPIC_PREFIX: `${run.topicPrefix}auth.` };
    service = await startService(definition, ProbeModule, env);
    // The relay creates the topic on its first round; the collector must not race it.
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
  });
  afterAll(async () => {
    await collector?.stop();
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('serves health and public routes without a token', async () => {
    expect((await call('GET', '/health/live')).status).toBe(200);
    expect((await call('GET', '/api/v1/probes/open')).status).toBe(200);
  });

  it('refuses a request without a token: 401 problem+json AUTH.TOKEN_MISSING in Chinese', async () => {
    const response = await call('POST', '/api/v1/probes');
    expect(response.status).toBe(401);
    expect(response.type).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'AUTH.TOKEN_MISSING', title: '未认证', detail: '请求缺少 Bearer 令牌，请先登录' });
  });

  it('refuses a forged and an expired token: 401 AUTH.TOKEN_INVALID and AUTH.TOKEN_EXPIRED', async () => {
    const forged = await mintToken({ sub: 'u-forger', name: '伪造者', roles: ['sealKeeper'], clearance: 'none' }, { secret: 'another-secret-of-at-least-thirty-two-chars' });
    expect((await call('POST', '/api/v1/probes', forged)).body).toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
    const expired = await testToken({ sub: 'u-late', roles: ['sealKeeper'] }, { now: new Date(Date.now() - 9 * 3600_000) });
    const response = await call('POST', '/api/v1/probes', expired);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED', detail: '令牌已过期，请重新登录' });
  });

  it('refuses a caller without the role: 403 AUTH.ROLE_REQUIRED naming the roles', async () => {
    const response = await call('POST', '/api/v1/probes', await testToken({ sub: 'u-drafter', roles: ['drafter'] }));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'AUTH.ROLE_REQUIRED', detail: '此操作需要以下角色之一：印章保管员 (sealKeeper)、用印审批人 (sealApprover)' });
  });

  it('admits the right role and writes actor, request, correlation and client address into the event metadata', async () => {
    const response = await call('POST', '/api/v1/probes', await testToken({ sub: 'u-keeper', name: '李四', roles: ['sealKeeper'], clearance: 'mimi' }), { 'x-request-id': 'req-auth-1' });
    expect(response.status).toBe(201);
    expect(response.requestId).toBe('req-auth-1');
    const [event] = await service.runtime.store.readStream('probe-req-auth-1');
    expect(event?.metadata).toMatchObject({
      actor: { id: 'u-keeper', name: '李四', roles: ['sealKeeper'], orgUnit: '办公室', clearance: 'mimi' },
      requestId: 'req-auth-1',
      correlationId: 'req-auth-1',
      clientAddress: expect.stringContaining('127.0.0.1'),
    });
  });

  it('COMMON-1 refuses a genuine token carrying two separated admin roles', async () => {
    // mintToken refuses COMMON-1 itself: sign by hand, as a misconfigured identity provider would.
    const token = await new SignJWT({ name: '赵六', roles: ['sysAdmin', 'securityAdmin', 'sealKeeper'], clearance: 'none' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-admin')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    const response = await call('POST', '/api/v1/probes', token);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'COMMON-1', title: '违反三员分立' });
  });

  it('COMMON-2 refuses document content to a sysAdmin who also holds a reading role', async () => {
    expect((await call('GET', '/api/v1/probes/content', await testToken({ sub: 'u-sys', roles: ['sysAdmin', 'drafter'] }))).body).toMatchObject({ code: 'COMMON-2' });
    expect((await call('GET', '/api/v1/probes/content', await testToken({ sub: 'u-drafter', roles: ['drafter'] }))).status).toBe(200);
  });

  it('records a 403 raised by a rule in the handler as well', async () => {
    const response = await call('POST', '/api/v1/probes/self-approval', await testToken({ sub: 'u-approver', roles: ['sealApprover'] }));
    expect(response.body).toMatchObject({ code: 'SEAL-4' });
  });

  it('COMMON-1 COMMON-2 every route answers its access matrix: no token, forged token, each wrong role, each right role', async () => {
    expect(await accessMatrixFailures(service.url, listRoutes(service.app), { secret })).toEqual([]);
  });

  it('records every denied attempt but a missing or malformed token as AccessDenied in the events table and on Kafka', async () => {
    await call('GET', '/api/v1/probes/content', 'not-a-jwt');
    const denied = (await securityEvents()).filter((event) => event.type === 'AccessDenied');
    const byReason = (reason: string) => denied.filter((event) => (event.data as { reason: string }).reason === reason);
    expect(byReason('AUTH.TOKEN_MISSING')).toEqual([]);
    expect(byReason('AUTH.TOKEN_INVALID').map((event) => (event.data as { claimedSubject?: string }).claimedSubject)).toContain('u-forger');
    expect(byReason('AUTH.TOKEN_EXPIRED')[0]?.metadata.actor).toMatchObject({ id: 'u-late' });
    expect(byReason('AUTH.ROLE_REQUIRED')[0]).toMatchObject({
      streamType: 'securityLog',
      streamId: expect.stringMatching(/^security-audit-\d{4}-\d{2}-\d{2}-/),
      data: { method: 'POST', path: '/api/v1/probes', status: 403, clientAddress: expect.stringContaining('127.0.0.1') },
      metadata: { actor: { id: 'u-drafter' } },
    });
    expect(byReason('COMMON-1')[0]?.metadata.actor).toMatchObject({ id: 'u-admin' });
    expect(byReason('COMMON-2')[0]?.metadata.actor).toMatchObject({ id: 'u-sys' });
    expect(byReason('SEAL-4')[0]?.metadata.actor).toMatchObject({ id: 'u-approver' });
    // the guard's refusals are on record once: the problem filter does not record them again
    const requests = denied.map((event) => event.metadata.requestId);
    expect(requests.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(requests).size).toBe(requests.length);
    const ids = new Set(denied.map((event) => event.eventId));
    await collector.waitFor((messages) => [...ids].every((id) => messages.some((message) => message.event.eventId === id)));
  });

  it('limits each client to RATE_LIMIT_PER_MINUTE requests: 429 COMMON.TOO_MANY_REQUESTS', async () => {
    const limited = await startService(definition, ProbeModule, { ...env, RATE_LIMIT_PER_MINUTE: '2', RELAY_ENABLED: 'false' });
    try {
      const statuses = [];
      for (let n = 0; n < 3; n++) statuses.push((await fetch(`${limited.url}/api/v1/probes/open`)).status);
      const refused = await fetch(`${limited.url}/api/v1/probes/open`);
      expect(statuses).toEqual([200, 200, 429]);
      expect(await refused.json()).toMatchObject({ code: 'COMMON.TOO_MANY_REQUESTS', title: '请求过于频繁' });
    } finally {
      await limited.close();
    }
  });

  it('refuses to start a service with a route that declares neither @Roles nor @Public', async () => {
    await expect(startService(definition, UndeclaredModule, { ...env, RELAY_ENABLED: 'false' })).rejects.toThrow(
      /AUTH\.ROUTE_UNDECLARED\) GET \/forgotten \(UndeclaredController\.list\): 未声明 @Roles\(\) 或 @Public\(\)/,
    );
  });
});
