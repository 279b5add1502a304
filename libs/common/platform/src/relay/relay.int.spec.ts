import type { DataSource, QueryRunner } from 'typeorm';
import type { EventMetadata } from '@oa/core';
import { LocalBroker, TopicCollector, testRun, uniqueName, type CollectedMessage } from '@oa/testing';
import { openServiceDataSource } from '../database/data-source';
import { EMPTY_STREAM, EventStore, type StreamHead } from '../event-store/event-store';
import { createKafka, ensureTopics, eventsTopic } from '../kafka/topics';
import { OutboxRelay } from './relay';

const metadata: EventMetadata = { actor: { id: 'u-relay', name: '王五', roles: ['sealKeeper'] }, correlationId: 'corr-1' };

/**
 * Every expected event arrived, and a consumer that is idempotent by eventId (as every one of
 * ours is) sees each stream's events in version order. Returns how many messages were
 * redeliveries: at-least-once allows them only after a broker failure.
 */
function expectEveryEventInStreamOrder(messages: readonly CollectedMessage[], expectedEventIds: ReadonlySet<string>): number {
  const firstSeen = new Set<string>();
  const lastVersion = new Map<string, number>();
  const outOfOrder: string[] = [];
  let redelivered = 0;
  for (const message of [...messages].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))) {
    const { eventId, streamId, streamVersion } = message.event;
    expect(message.key).toBe(streamId);
    if (firstSeen.has(eventId)) {
      redelivered += 1;
      continue;
    }
    firstSeen.add(eventId);
    if (streamVersion !== (lastVersion.get(streamId) ?? 0) + 1) outOfOrder.push(`${streamId}@${streamVersion}`);
    lastVersion.set(streamId, streamVersion);
  }
  expect(outOfOrder).toEqual([]);
  expect([...expectedEventIds].filter((id) => !firstSeen.has(id))).toEqual([]);
  expect(firstSeen.size).toBe(expectedEventIds.size);
  return redelivered;
}

describe('OutboxRelay (real PostgreSQL, real Kafka broker)', () => {
  const { databaseUrl, topicPrefix } = testRun();
  // a broker of its own, so killing it disturbs no other test (the suite's broker is shared)
  const broker = new LocalBroker(19492, 19493, 'relay');
  const kafkaBrokers = broker.brokers;
  const kafka = createKafka(kafkaBrokers, 'relay-test');
  let dataSource: DataSource;
  let store: EventStore;
  let relay: OutboxRelay;
  let topic: string;
  const appended = new Set<string>();

  async function appendTo(streamId: string, head: StreamHead, count = 1, queryRunner?: QueryRunner): Promise<StreamHead> {
    const events = Array.from({ length: count }, (_, i) => ({ type: 'Tested', data: { streamId, n: head.version + i + 1 } }));
    const written = await store.append({ streamType: 'test', streamId, expected: head, events, metadata, recordedAt: new Date().toISOString() }, queryRunner?.manager);
    written.forEach((event) => appended.add(event.eventId));
    return EventStore.headOf(written);
  }

  beforeAll(async () => {
    await broker.start();
    const schema = uniqueName('relay');
    topic = eventsTopic(schema, topicPrefix);
    dataSource = await openServiceDataSource({ url: databaseUrl, schema, poolSize: 12 });
    store = new EventStore(dataSource, schema);
    const topicSettings = { partitions: 3, replicationFactor: 1 };
    await ensureTopics(kafka, [topic], topicSettings);
    relay = new OutboxRelay(dataSource, kafka, { schema, topic, topicSettings, retryMillis: 300 });
    relay.start();
  }, 300_000);

  afterAll(async () => {
    await relay.stop();
    await dataSource.destroy();
    await broker.stop();
  }, 120_000);

  it('publishes 10,000 events from 8 concurrent writers over 500 streams exactly once, in stream order, including a late-committing transaction', async () => {
    const collector = await new TopicCollector(kafkaBrokers, topic).start();
    try {
      // One append of 12 events takes positions 1..12 in one transaction: the relay must order
      // them as numbers across 9 → 10, not as text (a regression it once had).
      await appendTo('one-transaction', EMPTY_STREAM, 12);
      // Overlapping transactions: `early` takes its transaction id first but writes last;
      // `late` writes a lower position and commits only after the higher one was relayed.
      const early = dataSource.createQueryRunner();
      const late = dataSource.createQueryRunner();
      await early.startTransaction();
      await early.query('SELECT pg_current_xact_id()');
      await late.startTransaction();
      await late.query('SELECT pg_current_xact_id()');
      await appendTo('overlap-late', EMPTY_STREAM, 1, late);
      await appendTo('overlap-early', EMPTY_STREAM, 1, early);
      await early.commitTransaction();
      await collector.waitFor((messages) => messages.some((m) => m.event.streamId === 'overlap-early'));
      await late.commitTransaction();
      await Promise.all([early.release(), late.release()]);

      const streams = Array.from({ length: 500 }, (_, i) => `stream-${i}`);
      const heads = new Map<string, StreamHead>();
      let remaining = 10_000;
      const writers = Array.from({ length: 8 }, async (_, writer) => {
        // each writer owns its streams, so their versions follow one another without conflicts
        const owned = streams.filter((_, i) => i % 8 === writer);
        for (let round = 0; remaining > 0; round++) {
          remaining -= 1;
          const streamId = owned[round % owned.length]!;
          heads.set(streamId, await appendTo(streamId, heads.get(streamId) ?? EMPTY_STREAM));
        }
      });
      await Promise.all(writers);
      expect(appended.size).toBe(10_014);

      await collector.waitFor((messages) => new Set(messages.map((m) => m.event.eventId)).size >= appended.size, 120_000);
      // no broker failure here, so not one redelivery: exactly once per eventId
      expect(expectEveryEventInStreamOrder(collector.messages, appended)).toBe(0);
      expect(collector.messages).toHaveLength(appended.size);
      const lateEvent = collector.messages.find((m) => m.event.streamId === 'overlap-late')!;
      expect(lateEvent.headers['event-type']).toBe('Tested');
      expect(lateEvent.headers['event-id']).toBe(lateEvent.event.eventId);
      expect(lateEvent.headers['correlation-id']).toBe('corr-1');
    } finally {
      await collector.stop();
    }
  });

  it('keeps appending while the broker is down and catches up with nothing lost once it is back', async () => {
    let head = await appendTo('broker-fault', EMPTY_STREAM, 5);
    while (relay.getStatus().published < appended.size) await new Promise((resolve) => setTimeout(resolve, 50));
    const publishedBeforeCrash = relay.getStatus().published;
    await broker.kill();
    // a relay that starts while the broker is down, with nothing ever to publish (a service just installed)
    const idleSchema = uniqueName('relayidle');
    const idleSource = await openServiceDataSource({ url: databaseUrl, schema: idleSchema, poolSize: 2 });
    const idle = new OutboxRelay(idleSource, kafka, { schema: idleSchema, topic: eventsTopic(idleSchema, topicPrefix), topicSettings: { partitions: 1, replicationFactor: 1 }, retryMillis: 300 });
    idle.start();
    try {
      for (let i = 0; i < 20; i++) head = await appendTo('broker-fault', head, 10);
      expect(head.version).toBe(205);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // nothing counts as published (nor is checkpointed) without the broker's acknowledgement
      expect(relay.getStatus().published).toBe(publishedBeforeCrash);
      for (const deadline = Date.now() + 60_000; idle.getStatus().lastError === undefined && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(idle.getStatus().lastError).toBeDefined();
    } finally {
      await broker.start();
    }
    try {
      // healthy once the broker answers, though its batches stay empty: the startup error does not outlive the outage
      for (const deadline = Date.now() + 60_000; idle.getStatus().lastError !== undefined && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(idle.getStatus()).toMatchObject({ active: true, published: 0 });
      expect(idle.getStatus().lastError).toBeUndefined();
    } finally {
      await idle.stop();
      await idleSource.destroy();
    }
    const collector = await new TopicCollector(kafkaBrokers, topic).start();
    try {
      await collector.waitFor((messages) => new Set(messages.map((m) => m.event.eventId)).size >= appended.size, 120_000);
      const redelivered = expectEveryEventInStreamOrder(collector.messages, appended);
      console.log(`[relay] broker killed and restarted: ${appended.size} events all delivered, ${redelivered} redelivered (deduplicated by eventId)`);
      expect(new Set(collector.messages.filter((m) => m.event.streamId === 'broker-fault').map((m) => m.event.eventId)).size).toBe(205);
    } finally {
      await collector.stop();
    }
  });

  it('lets only one relay per service publish at a time', async () => {
    const second = new OutboxRelay(dataSource, kafka, { schema: relay.name.slice('relay:'.length), topic, topicSettings: { partitions: 3, replicationFactor: 1 }, retryMillis: 100 });
    second.start();
    // 15 tries at its 100 ms retry
    await new Promise((resolve) => setTimeout(resolve, 1500));
    try {
      expect(relay.getStatus().active).toBe(true);
      expect(second.getStatus().active).toBe(false);
      // the waiting relay hands each connection back as it took it: the pool's own idle listener
      // only, not one more of the relay's per try (pg-pool keeps its connections in `_clients`)
      const pooled = (dataSource.driver as unknown as { master: { _clients: Array<{ listenerCount(event: string): number }> } }).master._clients;
      expect(Math.max(...pooled.map((client) => client.listenerCount('error')))).toBeLessThanOrEqual(1);
    } finally {
      await second.stop();
    }
  });
});
