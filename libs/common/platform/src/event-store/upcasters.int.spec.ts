import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GENESIS_HASH, sealEnvelope, verifyChain, type EventEnvelope, type EventMetadata } from '@oa/core';
import { testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource } from '../database/data-source';
import { EventConsumer } from '../consumer/event-consumer';
import { createKafka, ensureTopics, eventsTopic } from '../kafka/topics';
import { EVENT_COLUMNS, EventStore, historyOf } from './event-store';
import { UpcasterRegistry } from './upcasters';
import { VENUE_BOOKED, venueUpcasters, type VenueBookedV3 } from './upcasters.fixtures';

const metadata: EventMetadata = { actor: { id: 'u-9', name: '赵六', roles: ['meetingSecretary'] }, correlationId: 'corr-old' };

/** Rows as an older release wrote them: its schema versions, the same chain formula, plain INSERTs. */
async function writeAsOlderRelease(dataSource: DataSource, schema: string, streamId: string, versions: ReadonlyArray<[number, unknown]>): Promise<EventEnvelope[]> {
  let prevHash = GENESIS_HASH;
  const written: EventEnvelope[] = [];
  for (const [index, [schemaVersion, data]] of versions.entries()) {
    const event = sealEnvelope({ eventId: randomUUID(), streamType: 'venue', streamId, streamVersion: index + 1, type: VENUE_BOOKED, schemaVersion, data, metadata, recordedAt: `2023-0${index + 1}-01T08:00:00.000Z`, prevHash });
    await dataSource.query(`INSERT INTO "${schema}".events (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
      event.eventId, event.streamType, event.streamId, event.streamVersion, event.type, event.schemaVersion, JSON.stringify(event.data), event.dataDigest, JSON.stringify(event.metadata), event.recordedAt, event.prevHash, event.hash,
    ]);
    written.push(event);
    prevHash = event.hash;
  }
  return written;
}

const OLD_STREAM: ReadonlyArray<[number, unknown]> = [
  [1, { room: '第一会议室' }],
  [2, { venue: { room: '第二会议室', building: '东楼' } }],
];
const CURRENT: VenueBookedV3[] = [
  { venue: { room: '第一会议室', building: '机关主楼' }, bookedAt: '2023-01-01T08:00:00.000Z' },
  { venue: { room: '第二会议室', building: '东楼' }, bookedAt: '2023-02-01T08:00:00.000Z' },
];

describe('Event versioning: events stored by an older release (real PostgreSQL and Kafka)', () => {
  const { databaseUrl, kafkaBrokers, topicPrefix } = testRun();
  const schema = uniqueName('versions');
  const upcasters = new UpcasterRegistry(venueUpcasters);
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await openServiceDataSource({ url: databaseUrl, schema });
    store = new EventStore(dataSource, schema, 'sha256', upcasters);
  });
  afterAll(() => dataSource.destroy());

  it('reads and folds them in the current shape, while the chain verifies on the stored form', async () => {
    await writeAsOlderRelease(dataSource, schema, 'venue-old', OLD_STREAM);

    const read = await store.readStream('venue-old');
    expect(read.map((event) => [event.schemaVersion, event.data])).toEqual([[3, CURRENT[0]], [3, CURRENT[1]]]);
    expect(historyOf(read).map((entry) => entry.data)).toEqual(CURRENT);
    const folded = await store.foldStream<{ type: string; data: VenueBookedV3 }, string[]>(
      { streamType: 'venue', initialState: () => [], evolve: (rooms, event) => [...rooms, `${event.data.venue.building}/${event.data.venue.room}`] },
      'venue-old',
    );
    expect(folded).toMatchObject({ state: ['机关主楼/第一会议室', '东楼/第二会议室'], version: 2 });

    const stored = await store.readStoredStream('venue-old');
    expect(stored.map((event) => event.schemaVersion)).toEqual([1, 2]);
    expect(verifyChain(stored)).toEqual([]);
    // The current shape is not what was hashed: verifying it would report every upcast event.
    expect(verifyChain(read).map((found) => found.kind)).toContain('dataDigestMismatch');
  });

  it('chains a new current-version event onto the old ones', async () => {
    await writeAsOlderRelease(dataSource, schema, 'venue-mixed', OLD_STREAM);
    const head = EventStore.headOf(await store.readStream('venue-mixed'));
    await store.append({ streamType: 'venue', streamId: 'venue-mixed', expected: head, events: [{ type: VENUE_BOOKED, schemaVersion: 3, data: { venue: { room: '第三会议室', building: '西楼' }, bookedAt: '2024-01-01T08:00:00.000Z' } }], metadata, recordedAt: '2024-01-01T08:00:00.000Z' });

    expect(verifyChain(await store.readStoredStream('venue-mixed'))).toEqual([]);
    expect((await store.readStream('venue-mixed')).map((event) => event.schemaVersion)).toEqual([3, 3, 3]);
  });

  it('hands a consumer the current shape of an old event published as stored', async () => {
    const kafka = createKafka(kafkaBrokers, 'versions-test');
    const topic = eventsTopic(uniqueName('versions'), topicPrefix);
    await ensureTopics(kafka, [topic], { partitions: 1, replicationFactor: 1 });
    const old = await writeAsOlderRelease(dataSource, schema, 'venue-published', OLD_STREAM);
    const received: EventEnvelope[] = [];
    const consumer = new EventConsumer(dataSource, kafka, { schema, name: uniqueName('versions-reaction'), topics: [topic], upcasters, react: async (_manager, event) => void received.push(event) });
    await consumer.start();
    try {
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: old.map((event) => ({ key: event.streamId, value: JSON.stringify(event) })) });
      await producer.disconnect();
      const deadline = Date.now() + 60_000;
      while (consumer.appliedCount < old.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await consumer.stop();
    }
    expect(received.map((event) => [event.schemaVersion, event.data])).toEqual([[3, CURRENT[0]], [3, CURRENT[1]]]);
  });
});
