import { Controller, Inject, Module, Post } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { RuleViolation, type CommandMetadata, type Decider } from '@oa/core';
import { TopicCollector, testRun } from '@oa/testing';
import { startService, type RunningService } from '../nest/bootstrap';
import { CommandHandling } from '../command-handling/handle-command';
import { CommandContext } from '../auth/request-context';
import { Roles } from '../auth/decorators';
import { mintToken } from '../auth/token';
import { dropLocalDatabase, localServiceEnvironment } from '../environment/resolve-environment';
import { poolOf } from '../database/data-source';
import { ensureTopics } from '../kafka/topics';
import type { ServiceDefinition } from '../nest/runtime';

type ProbeCommand = { type: 'RecordProbe'; data: { refuse: boolean }; metadata: CommandMetadata };
const probeDecider: Decider<ProbeCommand, { type: 'ProbeRecorded'; data: object }, null> = {
  streamType: 'probe',
  initialState: () => null,
  decide: (command) => {
    if (command.data.refuse) throw new RuleViolation('PROBE-1', 'unprocessable', '探针拒绝');
    return [{ type: 'ProbeRecorded', data: {} }];
  },
  evolve: (state) => state,
};

@Controller('probes')
class ProbeController {
  constructor(@Inject(CommandHandling) private readonly commands: CommandHandling) {}

  @Post()
  @Roles('sealKeeper')
  record(@CommandContext() metadata: CommandMetadata) {
    return this.commands.handle({ stream: { decider: probeDecider }, streamId: `probe-${metadata.requestId}`, command: { type: 'RecordProbe', data: { refuse: false }, metadata } });
  }

  @Post('refused')
  @Roles('sealKeeper')
  refused(@CommandContext() metadata: CommandMetadata) {
    return this.commands.handle({ stream: { decider: probeDecider }, streamId: `probe-${metadata.requestId}`, command: { type: 'RecordProbe', data: { refuse: true }, metadata } });
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** The sample of a metric with these labels in a Prometheus text exposition, whatever the order of the labels. */
const sampleOf = (text: string) => (name: string, labels: Record<string, string>) =>
  Number(
    text
      .split('\n')
      .find((line) => line.startsWith(`${name}{`) && Object.entries({ ...labels, service: 'documents' }).every(([label, v]) => line.includes(`${label}="${v}"`)))
      ?.split(' ')
      .at(-1),
  );

const definition: ServiceDefinition = { service: 'documents', title: '可观测性测试 (observability)' };

describe('observability: ids in logs, events and Kafka; /metrics; readiness (real PostgreSQL, real Kafka)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_obs`;
  let service: RunningService;
  let collector: TopicCollector;
  let token: string;

  const post = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } });

  beforeAll(async () => {
    const secret = process.env['JWT_SECRET']!;
    token = await mintToken({ sub: 'u-keeper', name: '李四', roles: ['sealKeeper'], orgUnit: '办公室', clearance: 'none' }, { secret });
    service = await startService(definition, ProbeModule, { ...process.env, PORT: '0', ...(await localServiceEnvironment(databaseName)), DATABASE_POOL_SIZE: '4', KAFKA_TOPIC_PREFIX: `${run.topicPrefix}obs.` });
    await ensureTopics(service.runtime.kafka, [service.runtime.topic], service.runtime.topicSettings);
    collector = await new TopicCollector(run.kafkaBrokers, service.runtime.topic).start();
  });
  afterAll(async () => {
    await collector?.stop();
    await service?.close().catch(() => undefined); // the last test destroyed its data source
    await dropLocalDatabase(databaseName);
  });

  it('carries X-Correlation-Id into the stored event metadata and the Kafka header, and echoes both ids', async () => {
    const response = await post('/probes', { 'x-request-id': 'req-obs-1', 'x-correlation-id': 'corr-obs-1' });
    expect(response.status).toBe(201);
    expect([response.headers.get('x-request-id'), response.headers.get('x-correlation-id')]).toEqual(['req-obs-1', 'corr-obs-1']);
    const [event] = await service.runtime.store.readStream('probe-req-obs-1');
    expect(event?.metadata).toMatchObject({ requestId: 'req-obs-1', correlationId: 'corr-obs-1' });
    await collector.waitFor((messages) => messages.some((message) => message.event.eventId === event!.eventId));
    const published = collector.messages.find((message) => message.event.eventId === event!.eventId)!;
    expect(published.headers).toMatchObject({ 'correlation-id': 'corr-obs-1', 'event-type': 'ProbeRecorded', 'schema-version': '1' });
  });

  it('makes the correlation id the request id when the caller sends neither', async () => {
    const response = await post('/probes');
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-correlation-id')).toBe(requestId);
    const [event] = await service.runtime.store.readStream(`probe-${requestId}`);
    expect(event?.metadata).toMatchObject({ requestId, correlationId: requestId });
  });

  it('serves Prometheus metrics without a token: commands by type and outcome, appends, request latency', async () => {
    expect((await post('/probes/refused')).status).toBe(422);
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const value = sampleOf(text);
    expect(value('oa_commands_total', { type: 'RecordProbe', outcome: 'accepted' })).toBe(2);
    expect(value('oa_commands_total', { type: 'RecordProbe', outcome: 'refused' })).toBe(1);
    expect(value('oa_events_appended_total', { stream_type: 'probe', type: 'ProbeRecorded' })).toBe(2);
    expect(value('oa_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/probes', status: '201' })).toBe(2);
    expect(value('oa_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/probes/refused', status: '422' })).toBe(1);
  });

  it('opens at most DATABASE_POOL_SIZE connections and reports them busy and idle, and the queries waiting for one', async () => {
    const pool = poolOf(service.runtime.dataSource);
    const gauges = async () => {
      const { registry } = service.runtime.metrics;
      return sampleOf((await Promise.all(['oa_database_pool_size', 'oa_database_pool_connections', 'oa_database_pool_waiting'].map((name) => registry.getSingleMetricAsString(name)))).join('\n'));
    };
    expect(pool.options.max).toBe(4);
    expect((await gauges())('oa_database_pool_size', {})).toBe(4);
    // every connection taken (the relay keeps one while it holds its lock), then one more query
    const held: PoolClient[] = [];
    while (pool.idleCount > 0 || pool.totalCount < 4) held.push(await pool.connect());
    const waiting = pool.query('SELECT 1');
    try {
      const value = await gauges();
      expect([value('oa_database_pool_connections', { state: 'busy' }), value('oa_database_pool_connections', { state: 'idle' })]).toEqual([4, 0]);
      expect(value('oa_database_pool_waiting', {})).toBeGreaterThanOrEqual(1);
    } finally {
      for (const client of held) client.release();
    }
    await waiting;
    expect((await gauges())('oa_database_pool_waiting', {})).toBe(0);
  });

  it('reports the age of the oldest open transaction, which holds back the relay', async () => {
    const age = async () => sampleOf(await (await fetch(`${service.url}/metrics`)).text())('oa_oldest_transaction_age_seconds', {});
    const runner = service.runtime.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query('SELECT txid_current()');
      expect(await age()).toBeGreaterThan(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('reports the relay lag and not ready while the relay is stopped, and not ready when the database is gone', async () => {
    const ready = async () => {
      const response = await fetch(`${service.url}/health`);
      return { status: response.status, body: (await response.json()) as { details?: Record<string, { status: string }> } };
    };
    const relayLag = async () => {
      const value = sampleOf(await (await fetch(`${service.url}/metrics`)).text());
      return { events: value('oa_relay_lag_events', {}), seconds: value('oa_relay_lag_seconds', {}) };
    };
    expect((await ready()).status).toBe(200);
    await service.runtime.relay.stop();
    const before = await relayLag();
    expect((await post('/probes')).status).toBe(201);
    const after = await relayLag();
    expect(after.events).toBe(before.events + 1);
    expect(after.seconds).toBeGreaterThan(0);
    const withoutRelay = await ready();
    expect(withoutRelay.status).toBe(503);
    expect(withoutRelay.body.details).toMatchObject({ relay: { status: 'down' }, database: { status: 'up' } });
    await service.runtime.dataSource.destroy();
    const withoutDatabase = await ready();
    expect(withoutDatabase.status).toBe(503);
    expect(withoutDatabase.body.details).toMatchObject({ database: { status: 'down' } });
  });
});
