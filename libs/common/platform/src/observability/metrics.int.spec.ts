import type { DataSource } from 'typeorm';
import { testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource } from '../database/data-source';
import { createKafka, ensureTopics, eventsTopic } from '../kafka/topics';
import { ServiceMetrics } from './metrics';

describe('ServiceMetrics: consumer lag (real PostgreSQL, real Kafka)', () => {
  const { databaseUrl, kafkaBrokers, topicPrefix } = testRun();
  const schema = uniqueName('metrics');
  const kafka = createKafka(kafkaBrokers, 'metrics-test');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openServiceDataSource({ url: databaseUrl, schema });
  });
  afterAll(() => dataSource.destroy());

  it('is the messages on each partition after the offset the consumer recorded with its effects', async () => {
    const topic = eventsTopic(uniqueName('lagging'), topicPrefix);
    await ensureTopics(kafka, [topic], { partitions: 1, replicationFactor: 1 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: ['a', 'b', 'c', 'd'].map((value) => ({ key: 's-1', value })) });
    await producer.disconnect();
    // the consumer applied offsets 0 and 1, as EventConsumer records them
    await dataSource.query(`INSERT INTO "${schema}".consumer_offsets (consumer, topic, partition, "offset") VALUES ('reaction-1', $1, 0, 1)`, [topic]);

    const metrics = new ServiceMetrics('seals');
    metrics.observeLag({ dataSource, kafka, schema, relayName: `relay:${schema}` });
    const text = await metrics.registry.getSingleMetricAsString('oa_consumer_lag_messages');
    expect(text).toContain(`oa_consumer_lag_messages{consumer="reaction-1",topic="${topic}",partition="0",service="seals"} 2`);
  });
});
