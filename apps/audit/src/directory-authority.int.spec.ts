import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { Actor, EventEnvelope } from '@oa/core';
import { StreamPublisher, dropLocalDatabase, localServiceEnvironment, mintToken, startService, type RunningService } from '@oa/platform';
import { ManualClock, apiClient, eventually, testRun } from '@oa/testing';
import { AuditModule } from './audit.module';
import { auditService } from './audit.service-definition';
import { FindingsJob } from './application/findings.job';

/**
 * AUD-14 on real PostgreSQL and Kafka: the directory's events (oa.directory.events) and a seal
 * event (oa.seals.events) published as the two services would, the findings job replaying the
 * directory with authorityAt. A keeper whose sealKeeper role was revoked uses the seal again.
 */
describe('audit service: AUD-14 replays the directory (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_audit_directory`;
  const topicPrefix = `${run.topicPrefix}auditdir.`;
  const secret = randomBytes(32).toString('hex');
  const eventKey = generateKeyPairSync('ed25519').privateKey;
  const clock = new ManualClock(new Date('2026-12-01T01:00:00.000Z'));
  const streams = new StreamPublisher(run.kafkaBrokers, topicPrefix, eventKey, () => clock.advance(60).toISOString());
  let service: RunningService;
  let auditorToken: string;
  const call = apiClient(() => service.url);
  const chained = streams.next.bind(streams);
  const publish = streams.publish.bind(streams);

  beforeAll(async () => {
    await streams.start(['seals', 'directory']);
    service = await startService(
      auditService,
      AuditModule,
      {
        ...process.env,
        JWT_SECRET: secret,
        PORT: '0',
        ...(await localServiceEnvironment(databaseName)),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        SCHEDULE_INTERVAL_SECONDS: '0',
        AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        AUDIT_CHECKPOINT_INTERVAL_SECONDS: '3600',
        EVENT_SIGNING_KEY: eventKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
      clock,
    );
    auditorToken = await mintToken({ sub: 'u-auditor', name: '吴巡察', orgUnit: '办公室', roles: ['auditor'], clearance: 'none' }, { secret, now: clock.now(), lifetimeSeconds: 86400 });
  });

  afterAll(async () => {
    await streams.stop();
    await service?.close();
    await dropLocalDatabase(databaseName);
  });

  it('AUD-14 a seal used by a person whose sealKeeper role the directory revoked earlier is raised with the act and the revocation; the use before is not', async () => {
    const sysAdmin: Actor = { id: 'yang.guangming', name: '杨光明', roles: ['sysAdmin'] };
    const keeper: Actor = { id: 'li.baoguan', name: '李保管', roles: ['sealKeeper'] };
    const by = { personId: sysAdmin.id, name: sysAdmin.name, under: { kind: 'role', role: 'sysAdmin', grantId: randomUUID() } };
    const bootstrap: EventEnvelope[] = [];
    const person: EventEnvelope[] = [];
    const seal: EventEnvelope[] = [];
    const sealId = randomUUID();
    // a directory event counts from its `at`, the command's time, just before the store records it
    const directoryEvent = (stream: EventEnvelope[], streamType: string, streamId: string, type: string, data: Record<string, unknown>) =>
      chained(stream, { streamType, streamId, type }, { ...data, at: clock.advance(30).toISOString() }, sysAdmin);
    const sealUsed = () => chained(seal, { streamType: 'seal', streamId: sealId, type: 'SealUsed' }, { sealId, impressions: 1 }, keeper);

    const administrators = {
      sysAdmin: { personId: sysAdmin.id, name: sysAdmin.name, homeUnitId: 'unit-office', identityId: 'id-yang' },
      securityAdmin: { personId: 'xu.jing', name: '许静', homeUnitId: 'unit-office', identityId: 'id-xu' },
    };
    directoryEvent(bootstrap, 'directoryBootstrap', 'directory', 'DirectoryBootstrapped', { ...administrators, reason: '系统上线', by: { personId: 'installer', name: '安装人员', under: { kind: 'installation' } } });
    directoryEvent(person, 'person', keeper.id, 'PersonRegistered', { personId: keeper.id, name: keeper.name, homeUnitId: 'unit-office', identityId: 'id-li', reason: '入职', by });
    directoryEvent(person, 'person', keeper.id, 'RoleGranted', { personId: keeper.id, role: 'sealKeeper', reason: '指定印章保管员', by });
    const usedWhileHeld = sealUsed();
    const revocation = directoryEvent(person, 'person', keeper.id, 'RoleRevoked', { personId: keeper.id, role: 'sealKeeper', reason: '调整岗位', by });
    const usedAfterRevocation = sealUsed();
    // the inspector reading the findings is on file too: once bootstrapped, the directory says who may read (DIR-4)
    const inspector: EventEnvelope[] = [];
    directoryEvent(inspector, 'person', 'u-auditor', 'PersonRegistered', { personId: 'u-auditor', name: '吴巡察', homeUnitId: 'unit-office', identityId: 'id-wu', reason: '巡察组进驻', by });
    directoryEvent(inspector, 'person', 'u-auditor', 'RoleGranted', { personId: 'u-auditor', role: 'auditor', reason: '巡察组进驻', by });

    await publish('directory', [...bootstrap, ...person, ...inspector]);
    await publish('seals', seal);
    const eventIds = [...bootstrap, ...person, ...inspector, ...seal].map((event) => event.eventId);
    await eventually(async () => {
      const [{ n }] = await service.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "audit".entries WHERE event_id = ANY($1)`, [eventIds]);
      return n === eventIds.length ? true : undefined;
    }, 'the directory and seal events in the trail');

    expect(await service.app.get(FindingsJob).runOnce(clock.now())).toBeGreaterThanOrEqual(1);
    const reply = await call('GET', '/audit/findings?rule=AUD-14', auditorToken);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual([
      expect.objectContaining({
        rule: 'AUD-14',
        severity: 'high',
        status: 'open',
        eventIds: [usedAfterRevocation.eventId, revocation.eventId],
        streamIds: [sealId, keeper.id],
        services: expect.arrayContaining(['seals', 'directory']),
        occurredAt: usedAfterRevocation.recordedAt,
      }),
    ]);
    const [raised] = reply.body as unknown as Array<{ title: string; detail: { detail: string }; eventIds: string[] }>;
    expect(raised!.title).toBe('操作所依据的角色、职务或涉密等级在目录中并不具备');
    expect(raised!.detail.detail).toContain(`李保管（li.baoguan）于 ${usedAfterRevocation.recordedAt} 的操作 SealUsed`);
    expect(raised!.detail.detail).toContain('角色 sealKeeper 已于');
    expect(raised!.eventIds).not.toContain(usedWhileHeld.eventId);
    // the next run stores it not again
    await service.app.get(FindingsJob).runOnce(clock.now());
    expect((await call('GET', '/audit/findings?rule=AUD-14', auditorToken)).body).toHaveLength(1);
  });
});
