import type { EventMetadata } from '@oa/core';
import { TopicCollector, testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource } from '../database/data-source';
import { EMPTY_STREAM, EventStore } from '../event-store/event-store';
import { createKafka, ensureTopics, eventsTopic } from '../kafka/topics';
import { OutboxRelay } from './relay';

const metadata: EventMetadata = { actor: { id: 'u-relay', name: '王五', roles: ['sealKeeper'] } };

describe('OutboxRelay nudged by its own process (real PostgreSQL, real Kafka)', () => {
  const { databaseUrl, kafkaBrokers, topicPrefix } = testRun();

  it('publishes an append of its process without waiting out its idle time', async () => {
    const schema = uniqueName('relaynudge');
    const topic = eventsTopic(schema, topicPrefix);
    const topicSettings = { partitions: 1, replicationFactor: 1 };
    const kafka = createKafka(kafkaBrokers, 'relay-nudge-test');
    await ensureTopics(kafka, [topic], topicSettings);
    const dataSource = await openServiceDataSource({ url: databaseUrl, schema });
    const store = new EventStore(dataSource, schema);
    // idle for ten minutes: only the nudge can bring the event out within the test's wait
    const relay = new OutboxRelay(dataSource, kafka, { schema, topic, topicSettings, idleMillis: 600_000 });
    store.onAppended(() => relay.nudge());
    const collector = await new TopicCollector(kafkaBrokers, topic).start();
    relay.start();
    try {
      while (!relay.getStatus().active) await new Promise((resolve) => setTimeout(resolve, 50));
      // the relay has found nothing and gone idle
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const n of [1, 2]) {
        const [event] = await store.append({ streamType: 'test', streamId: `s-${n}`, expected: EMPTY_STREAM, events: [{ type: 'Tested', data: { n } }], metadata, recordedAt: new Date().toISOString() });
        await collector.waitFor((messages) => messages.some((message) => message.event.eventId === event!.eventId), 30_000);
      }
      expect(collector.messages.map((message) => message.event.streamId)).toEqual(['s-1', 's-2']);
    } finally {
      await relay.stop();
      await collector.stop();
      await dataSource.destroy();
    }
  });
});
