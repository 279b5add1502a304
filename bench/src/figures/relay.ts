import type { Kafka, Producer, ProducerConfig, ProducerRecord } from 'kafkajs';
import { EMPTY_STREAM, EventStore, OutboxRelay, createKafka, ensureTopics, eventHeaders, rowToEnvelope, STORED_EVENT_COLUMNS, type TopicSettings } from '@oa/platform';
import { LocalCluster } from '@oa/testing';
import type { DataSource } from 'typeorm';
import { urlOf, type BenchContext } from '../context';
import { latencies, median, now, sleep } from '../measure';
import { READ_MODEL_DDL, bulkEvents, newStreamId } from '../workload';
import { appendOurs } from './append';

const TOPIC_SETTINGS = { partitions: 3, replicationFactor: 1 };
/** The production topology (docs/deployment.md): three brokers, replication 3, two in sync. */
const CLUSTER_TOPIC_SETTINGS = { partitions: 3, replicationFactor: 3 };

/** The relay's producer settings, for the KafkaJS baseline to send with the same ones. */
const PRODUCER: ProducerConfig = { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false };
const BATCH = 500;

/**
 * Figure 4: the outbox relay draining a backlog against a bare KafkaJS producer sending the
 * same messages with the same settings (the limit), then the commit-to-acknowledgement lag at
 * a steady append rate; then both again on a three-node cluster of the bench's own (replication
 * 3, two in sync, acks=all), against the one broker's figures of the same run.
 */
export async function relayFigures(context: BenchContext): Promise<void> {
  const { options } = context;
  const dataSource = await context.store('relay', 10);
  const seconds = await bulkEvents(urlOf(dataSource), options.relayBacklog);
  console.log(`  relay backlog of ${options.relayBacklog} events generated in ${seconds.toFixed(1)} s`);
  const rows = await dataSource.query(`SELECT ${STORED_EVENT_COLUMNS} FROM "bench".events ORDER BY transaction_id, position`);
  const messages = rows.map(rowToEnvelope).map((event: ReturnType<typeof rowToEnvelope>) => ({ key: event.streamId, value: JSON.stringify(event), headers: eventHeaders(event) }));

  const oneBroker = await drain(context, dataSource, messages, context.kafka, TOPIC_SETTINGS, 'relay');
  context.report({
    figure: '4',
    measurement: `relay drains ${options.relayBacklog} events`,
    value: oneBroker.relay,
    unit: 'events/s',
    reference: { name: 'KafkaJS producer', value: oneBroker.limit },
    ratio: oneBroker.relay / oneBroker.limit,
    goal: '≥ 70% of KafkaJS',
    met: oneBroker.relay >= 0.7 * oneBroker.limit,
    note: `backlog generated in ${seconds.toFixed(1)} s`,
  });
  const oneBrokerLag = await steadyLag(context, context.kafka, TOPIC_SETTINGS, 'lag');
  reportLag(context, oneBrokerLag, '');

  const cluster = new LocalCluster(19295, 'bench');
  await cluster.start();
  try {
    const kafka = createKafka(cluster.brokers, `bench-cluster-${context.id}`);
    const three = await drain(context, dataSource, messages, kafka, CLUSTER_TOPIC_SETTINGS, 'cluster-relay');
    context.report({
      figure: '4',
      measurement: `relay drains ${options.relayBacklog} events on 3 brokers (replication 3, min ISR 2, acks=all)`,
      value: three.relay,
      unit: 'events/s',
      reference: { name: 'the relay on one broker', value: oneBroker.relay },
      ratio: three.relay / oneBroker.relay,
      note: `KafkaJS producer on 3 brokers: ${three.limit.toFixed(0)} events/s`,
    });
    const threeLag = await steadyLag(context, kafka, CLUSTER_TOPIC_SETTINGS, 'cluster-lag');
    reportLag(context, threeLag, ' on 3 brokers', oneBrokerLag);
  } finally {
    await cluster.stop();
  }
  await dataSource.destroy();
}

/** The relay and a bare producer sending the same backlog to topics of `kafka`: their median rates. */
async function drain(
  context: BenchContext,
  dataSource: DataSource,
  messages: ReadonlyArray<{ key: string; value: string; headers: Record<string, string> }>,
  kafka: Kafka,
  topicSettings: TopicSettings,
  name: string,
): Promise<{ relay: number; limit: number }> {
  const relayRates: number[] = [];
  const limitRates: number[] = [];
  for (let repetition = 0; repetition < context.options.repetitions; repetition += 1) {
    const relayTopic = `${context.topicPrefix}${name}-${repetition}`;
    const limitTopic = `${context.topicPrefix}${name}-limit-${repetition}`;
    await ensureTopics(kafka, [relayTopic, limitTopic], topicSettings);

    let begin = now();
    const producer = kafka.producer(PRODUCER);
    await producer.connect();
    for (let from = 0; from < messages.length; from += BATCH) await producer.send({ topic: limitTopic, acks: -1, messages: messages.slice(from, from + BATCH) });
    limitRates.push(messages.length / ((now() - begin) / 1000));
    await producer.disconnect();

    await dataSource.query(`DELETE FROM "bench".relay_checkpoints`);
    const relay = new OutboxRelay(dataSource, kafka, { schema: 'bench', topic: relayTopic, topicSettings });
    begin = now();
    relay.start();
    while (relay.getStatus().published < messages.length) {
      if (relay.getStatus().lastError) throw new Error(`relay: ${relay.getStatus().lastError}`);
      await sleep(5);
    }
    relayRates.push(messages.length / ((now() - begin) / 1000));
    await relay.stop();
    console.log(`  ${name}: repetition ${repetition + 1}/${context.options.repetitions} done`);
  }
  return { relay: median(relayRates), limit: median(limitRates) };
}

type Lag = { readonly p50: number; readonly p99: number; readonly offered: number };

/** The lag's two rows, p50 and p99 (goal < 100 ms), against the one broker's when `oneBroker` is given. */
function reportLag(context: BenchContext, lag: Lag, where: string, oneBroker?: Lag): void {
  for (const percentile of ['p50', 'p99'] as const) {
    context.report({
      figure: '4',
      measurement: `relay lag commit→ack at ${context.options.relayRate} events/s${where}, ${percentile}`,
      value: lag[percentile],
      unit: 'ms',
      ...(oneBroker && { reference: { name: 'one broker', value: oneBroker[percentile] } }),
      ...(percentile === 'p99' ? { goal: '< 100 ms', met: lag.p99 < 100 } : { note: `appends achieved ${lag.offered.toFixed(0)} events/s` }),
    });
  }
}

/** Records when Kafka acknowledged each event: a producer whose send notes the time per event id. */
function acknowledging(kafka: Kafka, acknowledged: Map<string, number>): Kafka {
  const spy = Object.create(kafka) as Kafka;
  spy.producer = (config?: ProducerConfig): Producer => {
    const producer = kafka.producer(config);
    const send = producer.send.bind(producer);
    producer.send = async (record: ProducerRecord) => {
      const result = await send(record);
      const at = now();
      for (const message of record.messages) acknowledged.set(String(message.headers?.['event-id']), at);
      return result;
    };
    return producer;
  };
  return spy;
}

/** Appends at a fixed rate with the relay running; lag = Kafka acknowledgement − commit, per event: the medians of the repetitions. */
async function steadyLag(context: BenchContext, kafka: Kafka, topicSettings: TopicSettings, name: string): Promise<Lag> {
  const { options } = context;
  const p50s: number[] = [];
  const p99s: number[] = [];
  const offeredRates: number[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    const dataSource: DataSource = await context.store(`${name.replace('-', '')}${repetition}`, 16);
    await dataSource.query(READ_MODEL_DDL);
    const store = new EventStore(dataSource, 'bench');
    const topic = `${context.topicPrefix}${name}-steady-${repetition}`;
    await ensureTopics(kafka, [topic], topicSettings);
    const acknowledged = new Map<string, number>();
    const committed = new Map<string, number>();
    const relay = new OutboxRelay(dataSource, acknowledging(kafka, acknowledged), { schema: 'bench', topic, topicSettings });
    // as a service's runtime wires them
    store.onAppended(() => relay.nudge());
    relay.start();
    await sleep(500);
    const total = options.relayRate * options.relaySeconds;
    const interval = 1000 / options.relayRate;
    const started = now();
    // at most one append per pooled connection in flight: a machine that cannot keep the rate
    // offers less (reported), rather than queueing appends until the pool times out
    const slots = 16;
    const inFlight = new Set<Promise<void>>();
    const failures: unknown[] = [];
    for (let n = 0; n < total; n += 1) {
      const due = started + n * interval;
      if (due > now()) await sleep(due - now());
      while (inFlight.size >= slots) await Promise.race(inFlight);
      const append: Promise<void> = appendOurs(dataSource, store, newStreamId(), EMPTY_STREAM).then(
        (appended) => void committed.set(appended.eventId, now()),
        (error: unknown) => void failures.push(error),
      );
      inFlight.add(append);
      void append.finally(() => inFlight.delete(append));
    }
    await Promise.all(inFlight);
    if (failures.length > 0) throw new Error(`relay steady state: ${failures.length} appends failed, the first: ${String(failures[0])}`);
    const offered = total / ((now() - started) / 1000);
    const deadline = now() + 30_000;
    while (acknowledged.size < committed.size && now() < deadline) await sleep(20);
    await relay.stop();
    const lags = [...committed].map(([eventId, at]) => (acknowledged.get(eventId) ?? Number.NaN) - at);
    if (lags.some(Number.isNaN)) throw new Error(`relay steady state: ${lags.filter(Number.isNaN).length} events never acknowledged`);
    const { p50, p99 } = latencies(lags);
    p50s.push(p50);
    p99s.push(p99);
    offeredRates.push(offered);
    console.log(`  ${name} steady state ${repetition + 1}/${options.repetitions}: offered ${offered.toFixed(0)} events/s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    await dataSource.destroy();
  }
  return { p50: median(p50s), p99: median(p99s), offered: median(offeredRates) };
}
