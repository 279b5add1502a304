import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { EventMetadata } from '@oa/core';
import { TopicCollector, testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource, poolOf } from '../database/data-source';
import { EMPTY_STREAM, EventStore } from '../event-store/event-store';
import { createKafka, ensureTopics, eventsTopic } from '../kafka/topics';
import { OutboxRelay } from './relay';

/**
 * The relay's view of the database: the statements `fails` picks fail on its lock connection —
 * `rejected` as a connection cut looks to the statement, `cut` by really ending the connection
 * (the server terminates its own backend instead of running the statement).
 */
function withFailingStatements(dataSource: DataSource, fails: (sql: string) => boolean, how: 'rejected' | 'cut' = 'rejected'): DataSource {
  const pool = poolOf(dataSource);
  const connectFailing = async (): Promise<PoolClient> => {
    const client = await pool.connect();
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    const fail = () => (how === 'cut' ? query('SELECT pg_terminate_backend(pg_backend_pid())') : Promise.reject(new Error('Connection terminated unexpectedly')));
    client.query = ((sql: unknown, ...rest: unknown[]) => (typeof sql === 'string' && fails(sql) ? fail() : query(sql, ...rest))) as PoolClient['query'];
    return client;
  };
  // TypeORM connects with a callback: its statements go on unchanged
  const connect = (callback?: Parameters<Pool['connect']>[0]) => (callback ? pool.connect(callback) : connectFailing());
  const driver = Object.create(dataSource.driver, { master: { value: { connect } } });
  return Object.create(dataSource, { driver: { value: driver } }) as DataSource;
}

const metadata: EventMetadata = { actor: { id: 'u-relay', name: '王五', roles: ['sealKeeper'] } };

/**
 * Found by the database-restart reliability scenario: the database went away after a batch
 * reached Kafka but before its checkpoint was stored, and the relay sent the batch again.
 * Here the checkpoint's UPDATE fails once, as it does during a restart.
 */
describe('OutboxRelay when the checkpoint cannot be stored (real PostgreSQL, real Kafka)', () => {
  const { databaseUrl, kafkaBrokers, topicPrefix } = testRun();
  const kafka = createKafka(kafkaBrokers, 'relay-checkpoint-test');
  let dataSource: DataSource;

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('does not publish a batch again after its checkpoint failed to be stored', async () => {
    const schema = uniqueName('relaycp');
    const topic = eventsTopic(schema, topicPrefix);
    dataSource = await openServiceDataSource({ url: databaseUrl, schema });
    const store = new EventStore(dataSource, schema);
    const topicSettings = { partitions: 1, replicationFactor: 1 };
    await ensureTopics(kafka, [topic], topicSettings);
    const written = await store.append({ streamType: 'test', streamId: 's-1', expected: EMPTY_STREAM, events: Array.from({ length: 20 }, (_, n) => ({ type: 'Tested', data: { n } })), metadata, recordedAt: new Date().toISOString() });
    let failures = 0;
    // the first checkpoint UPDATE fails as a connection cut mid-restart
    const flaky = withFailingStatements(dataSource, (sql) => failures === 0 && sql.includes('UPDATE') && sql.includes('relay_checkpoints') && ++failures > 0);
    const relay = new OutboxRelay(flaky, kafka, { schema, topic, topicSettings, retryMillis: 100 });
    const collector = await new TopicCollector(kafkaBrokers, topic).start();
    relay.start();
    try {
      // the checkpoint reaches the last event: anything sent twice was sent before this
      const last = await dataSource.query(`SELECT max(position)::text AS position FROM "${schema}".events`);
      for (;;) {
        const [checkpoint] = await dataSource.query(`SELECT position::text AS position FROM "${schema}".relay_checkpoints`);
        if (checkpoint?.position === last[0].position) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const admin = kafka.admin();
      await admin.connect();
      const [end] = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
      await collector.waitFor((messages) => messages.length >= Number(end!.high));
      expect(failures).toBe(1);
      expect(Number(end!.high)).toBe(written.length);
      expect(collector.messages.map((message) => message.event.eventId)).toEqual(written.map((event) => event.eventId));
    } finally {
      await relay.stop();
      await collector.stop();
    }
  });

  /**
   * Found by the database-restart scenario in CI: the server went away while a relay was taking
   * its lock, the connection's 'error' event had no listener (an uncaught exception) and the
   * connection stayed checked out, so closing the service waited for it for ever.
   */
  it('survives its connection being cut while it takes the lock, and hands that connection back', async () => {
    const schema = uniqueName('relaycut');
    const topic = eventsTopic(schema, topicPrefix);
    const cutSource = await openServiceDataSource({ url: databaseUrl, schema });
    const pool = poolOf(cutSource);
    const store = new EventStore(cutSource, schema);
    const topicSettings = { partitions: 1, replicationFactor: 1 };
    await ensureTopics(kafka, [topic], topicSettings);
    const written = await store.append({ streamType: 'test', streamId: 's-1', expected: EMPTY_STREAM, events: Array.from({ length: 5 }, (_, n) => ({ type: 'Tested', data: { n } })), metadata, recordedAt: new Date().toISOString() });
    let cuts = 0;
    const cutting = withFailingStatements(cutSource, (sql) => cuts === 0 && sql.includes('pg_try_advisory_lock') && ++cuts > 0, 'cut');
    const relay = new OutboxRelay(cutting, kafka, { schema, topic, topicSettings, retryMillis: 100 });
    const collector = await new TopicCollector(kafkaBrokers, topic).start();
    relay.start();
    try {
      await collector.waitFor((messages) => messages.length >= written.length);
    } finally {
      await relay.stop();
      await collector.stop();
    }
    expect(cuts).toBe(1);
    expect(collector.messages.map((message) => message.event.eventId)).toEqual(written.map((event) => event.eventId));
    // nothing is left checked out, so the service can close
    expect(pool.totalCount - pool.idleCount).toBe(0);
    await cutSource.destroy();
  });

  it('after a crash between the acknowledgement and the checkpoint, the next relay does not send those events again', async () => {
    const schema = uniqueName('relaycrash');
    const topic = eventsTopic(schema, topicPrefix);
    const crashSource = await openServiceDataSource({ url: databaseUrl, schema });
    const store = new EventStore(crashSource, schema);
    const topicSettings = { partitions: 3, replicationFactor: 1 };
    await ensureTopics(kafka, [topic], topicSettings);
    const appendStreams = async (from: number, count: number) => {
      const events = [];
      for (let stream = from; stream < from + count; stream++) {
        events.push(...(await store.append({ streamType: 'test', streamId: `s-${stream}`, expected: EMPTY_STREAM, events: [{ type: 'Tested', data: { stream } }, { type: 'Tested', data: { stream, again: true } }], metadata, recordedAt: new Date().toISOString() })));
      }
      return events;
    };
    const beforeCrash = await appendStreams(0, 12);
    // the first relay's process dies after Kafka acknowledged, before any checkpoint is stored
    const dying = withFailingStatements(crashSource, (sql) => sql.includes('UPDATE') && sql.includes('relay_checkpoints'));
    const highWaterMark = async () => {
      const admin = kafka.admin();
      await admin.connect();
      const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
      return offsets.reduce((sum, each) => sum + Number(each.high), 0);
    };
    const first = new OutboxRelay(dying, kafka, { schema, topic, topicSettings, retryMillis: 100 });
    const collector = await new TopicCollector(kafkaBrokers, topic).start();
    first.start();
    try {
      while ((await highWaterMark()) < beforeCrash.length) await new Promise((resolve) => setTimeout(resolve, 100));
      await first.stop();
      const [stale] = await crashSource.query(`SELECT position::text AS position FROM "${schema}".relay_checkpoints`);
      expect(stale.position).toBe('0');
      const afterCrash = await appendStreams(12, 4);
      const second = new OutboxRelay(crashSource, kafka, { schema, topic, topicSettings, retryMillis: 100 });
      second.start();
      const all = [...beforeCrash, ...afterCrash];
      try {
        await collector.waitFor((messages) => messages.length >= all.length);
        const last = await crashSource.query(`SELECT max(position)::text AS position FROM "${schema}".events`);
        for (;;) {
          const [checkpoint] = await crashSource.query(`SELECT position::text AS position FROM "${schema}".relay_checkpoints`);
          if (checkpoint?.position === last[0].position) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await second.stop();
      }
      expect(await highWaterMark()).toBe(all.length);
      expect(collector.messages.map((message) => message.event.eventId).sort()).toEqual(all.map((event) => event.eventId).sort());
    } finally {
      await first.stop();
      await collector.stop();
      await crashSource.destroy();
    }
  });
});
