import type { Kafka, Producer, ProducerConfig, ProducerRecord } from 'kafkajs';
import { EMPTY_STREAM, EventStore, OutboxRelay, ensureTopics, eventHeaders, rowToEnvelope, STORED_EVENT_COLUMNS } from '@oa/platform';
import type { DataSource } from 'typeorm';
import { urlOf, type BenchContext } from '../context';
import { latencies, median, now, sleep } from '../measure';
import { READ_MODEL_DDL, bulkEvents, newStreamId } from '../workload';
import { appendOurs } from './append';

const TOPIC_SETTINGS = { partitions: 3, replicationFactor: 1 };

/** The relay's producer settings, for the KafkaJS baseline to send with the same ones. */
const PRODUCER: ProducerConfig = { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false };
const BATCH = 500;

/**
 * Figure 4: the outbox relay draining a backlog against a bare KafkaJS producer sending the
 * same messages with the same settings (the limit), then the commit-to-acknowledgement lag at
 * a steady append rate.
 */
export async function relayFigures(context: BenchContext): Promise<void> {
  const { options } = context;
  const dataSource = await context.store('relay', 10);
  const seconds = await bulkEvents(urlOf(dataSource), options.relayBacklog);
  console.log(`  relay backlog of ${options.relayBacklog} events generated in ${seconds.toFixed(1)} s`);
  const rows = await dataSource.query(`SELECT ${STORED_EVENT_COLUMNS} FROM "bench".events ORDER BY transaction_id, position`);
  const messages = rows.map(rowToEnvelope).map((event: ReturnType<typeof rowToEnvelope>) => ({ key: event.streamId, value: JSON.stringify(event), headers: eventHeaders(event) }));

  const relayRates: number[] = [];
  const limitRates: number[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    const relayTopic = `${context.topicPrefix}relay-${repetition}`;
    const limitTopic = `${context.topicPrefix}relay-limit-${repetition}`;
    await ensureTopics(context.kafka, [relayTopic, limitTopic], TOPIC_SETTINGS);

    let begin = now();
    const producer = context.kafka.producer(PRODUCER);
    await producer.connect();
    for (let from = 0; from < messages.length; from += BATCH) await producer.send({ topic: limitTopic, acks: -1, messages: messages.slice(from, from + BATCH) });
    limitRates.push(messages.length / ((now() - begin) / 1000));
    await producer.disconnect();

    await dataSource.query(`DELETE FROM "bench".relay_checkpoints`);
    const relay = new OutboxRelay(dataSource, context.kafka, { schema: 'bench', topic: relayTopic, topicSettings: TOPIC_SETTINGS });
    begin = now();
    relay.start();
    while (relay.getStatus().published < messages.length) {
      if (relay.getStatus().lastError) throw new Error(`relay: ${relay.getStatus().lastError}`);
      await sleep(5);
    }
    relayRates.push(messages.length / ((now() - begin) / 1000));
    await relay.stop();
    console.log(`  relay: repetition ${repetition + 1}/${options.repetitions} done`);
  }
  const relayRate = median(relayRates);
  const limitRate = median(limitRates);
  context.report({
    figure: '4',
    measurement: `relay drains ${options.relayBacklog} events`,
    value: relayRate,
    unit: 'events/s',
    reference: { name: 'KafkaJS producer', value: limitRate },
    ratio: relayRate / limitRate,
    goal: '≥ 70% of KafkaJS',
    met: relayRate >= 0.7 * limitRate,
    note: `backlog generated in ${seconds.toFixed(1)} s`,
  });
  await dataSource.destroy();
  await steadyLag(context);
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

/** Appends at a fixed rate with the relay running; lag = Kafka acknowledgement − commit, per event. */
async function steadyLag(context: BenchContext): Promise<void> {
  const { options } = context;
  const p50s: number[] = [];
  const p99s: number[] = [];
  const offeredRates: number[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    const dataSource: DataSource = await context.store(`lag${repetition}`, 16);
    await dataSource.query(READ_MODEL_DDL);
    const store = new EventStore(dataSource, 'bench');
    const topic = `${context.topicPrefix}relay-steady-${repetition}`;
    await ensureTopics(context.kafka, [topic], TOPIC_SETTINGS);
    const acknowledged = new Map<string, number>();
    const committed = new Map<string, number>();
    const relay = new OutboxRelay(dataSource, acknowledging(context.kafka, acknowledged), { schema: 'bench', topic, topicSettings: TOPIC_SETTINGS });
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
    console.log(`  relay steady state ${repetition + 1}/${options.repetitions}: offered ${offered.toFixed(0)} events/s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    await dataSource.destroy();
  }
  context.report({ figure: '4', measurement: `relay lag commit→ack at ${options.relayRate} events/s, p50`, value: median(p50s), unit: 'ms', note: `appends achieved ${median(offeredRates).toFixed(0)} events/s` });
  const p99 = median(p99s);
  context.report({ figure: '4', measurement: `relay lag commit→ack at ${options.relayRate} events/s, p99`, value: p99, unit: 'ms', goal: '< 100 ms', met: p99 < 100 });
}
