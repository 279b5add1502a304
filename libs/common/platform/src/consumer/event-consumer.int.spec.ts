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
});
