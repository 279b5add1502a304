import type { DataSource } from 'typeorm';
import { testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource } from '../database/data-source';
import { createKafka, ensureTopics, eventsTopic } from '../kafka/topics';
import { EventConsumer, UnusableEventError } from './event-consumer';

describe('EventConsumer (real PostgreSQL, real Kafka broker)', () => {
  const { databaseUrl, kafkaBrokers, topicPrefix } = testRun();
  const kafka = createKafka(kafkaBrokers, 'consumer-test');
  const schema = uniqueName('consumer');
  const topic = eventsTopic(uniqueName('source'), topicPrefix);
  let dataSource: DataSource;
  let consumer: EventConsumer;
  const applied: string[] = [];

  beforeAll(async () => {
    dataSource = await openServiceDataSource({ url: databaseUrl, schema });
    await ensureTopics(kafka, [topic], { partitions: 3, replicationFactor: 1 });
    consumer = new EventConsumer(dataSource, kafka, {
      schema,
      name: uniqueName('reaction'),
      topics: [topic],
      react: async (manager, event) => {
        if (event.type === 'Unknown') throw new UnusableEventError(`未知事件 ${event.type}`);
        applied.push(event.eventId);
        await manager.query('SELECT 1');
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await dataSource.destroy();
  });

  it('applies each eventId once, dead-letters what it cannot apply, and goes on', async () => {
    const envelope = (eventId: string, type = 'Tested') => JSON.stringify({ eventId, type, streamId: 's-1', streamVersion: 1, data: {} });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 's-1', value: envelope('00000000-0000-4000-8000-000000000001') },
        { key: 's-1', value: envelope('00000000-0000-4000-8000-000000000001') }, // a redelivery
        { key: 's-1', value: 'not json at all' },
        { key: 's-1', value: envelope('00000000-0000-4000-8000-000000000002', 'Unknown') },
        { key: 's-1', value: envelope('00000000-0000-4000-8000-000000000003') },
      ],
    });
    await producer.disconnect();
    const deadline = Date.now() + 60000;
    while (consumer.appliedCount < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

    expect(applied).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003']);
    const deadLetters: Array<{ error: string }> = await dataSource.query(`SELECT error FROM "${schema}".dead_letters ORDER BY id`);
    expect(deadLetters.map((row) => row.error)).toEqual([expect.stringContaining('SyntaxError'), expect.stringContaining('未知事件 Unknown')]);
    const [offset] = await dataSource.query(`SELECT "offset" FROM "${schema}".consumer_offsets WHERE topic = $1`, [topic]);
    expect(Number(offset.offset)).toBe(4);
  });

  it('in batch mode: one transaction per batch, the same eventIds applied once, the same dead letters', async () => {
    const batchTopic = eventsTopic(uniqueName('batched'), topicPrefix);
    await ensureTopics(kafka, [batchTopic], { partitions: 3, replicationFactor: 1 });
    const name = uniqueName('batch-reaction');
    const seen: Array<[string, boolean]> = [];
    const batched = new EventConsumer(dataSource, kafka, {
      schema,
      name,
      topics: [batchTopic],
      batchSize: 100,
      partitionsConsumedConcurrently: 3,
      reactBatch: async (manager, events) => {
        if (events.some(({ event }) => event.type === 'Unknown')) throw new UnusableEventError('未知事件 Unknown');
        await manager.query('SELECT 1');
        seen.push(...events.map(({ event, redelivered }): [string, boolean] => [event.eventId, redelivered]));
      },
    });
    await batched.start();
    try {
      const envelope = (eventId: string, type = 'Tested') => JSON.stringify({ eventId, type, streamId: 's-1', streamVersion: 1, data: {} });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: batchTopic,
        messages: [
          { key: 's-1', value: envelope('00000000-0000-4000-8000-000000000011') },
          { key: 's-1', value: envelope('00000000-0000-4000-8000-000000000011') }, // a redelivery in the same batch
          { key: 's-1', value: 'not json at all' },
          { key: 's-1', value: envelope('00000000-0000-4000-8000-000000000012', 'Unknown') },
          { key: 's-1', value: envelope('00000000-0000-4000-8000-000000000013') },
        ],
      });
      await producer.disconnect();
      const deadline = Date.now() + 60000;
      while (batched.appliedCount < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

      // the batch with the unusable event was rolled back and applied message by message
      expect(seen).toEqual([
        ['00000000-0000-4000-8000-000000000011', false],
        ['00000000-0000-4000-8000-000000000011', true],
        ['00000000-0000-4000-8000-000000000013', false],
      ]);
      const deadLetters: Array<{ error: string; offset: string }> = await dataSource.query(`SELECT error, "offset" FROM "${schema}".dead_letters WHERE consumer = $1 ORDER BY id`, [name]);
      expect(deadLetters).toEqual([
        { error: expect.stringContaining('SyntaxError'), offset: '2' },
        { error: expect.stringContaining('未知事件 Unknown'), offset: '3' },
      ]);
      const [offset] = await dataSource.query(`SELECT "offset" FROM "${schema}".consumer_offsets WHERE consumer = $1`, [name]);
      expect(Number(offset.offset)).toBe(4);
    } finally {
      await batched.stop();
    }
  });
});
