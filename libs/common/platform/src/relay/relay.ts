import { randomUUID, type KeyObject } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import type { DataSource } from 'typeorm';
import { Partitioners, type Kafka, type PartitionMetadata, type Producer } from 'kafkajs';
import type { PoolClient } from 'pg';
import type { EventEnvelope } from '@oa/core';
import { FETCH_WAIT_MILLIS, ensureTopics, type TopicSettings } from '../kafka/topics';
import { signEventHash } from './event-signature';
import { RECORDED_AT_ISO } from '../event-store/event-store';
import { poolOf } from '../database/data-source';

export interface RelayOptions {
  readonly schema: string;
  readonly topic: string;
  readonly topicSettings: TopicSettings;
  /** EVENT_SIGNING_KEY: each message then carries the signature of its event's hash. */
  readonly signingKey?: KeyObject;
  readonly batchSize?: number;
  /** How long to wait when there is nothing to publish (and no append of this process says otherwise). */
  readonly idleMillis?: number;
  /** How soon an idle relay looks after an append of this process (`nudge`): time for its transaction to commit, and for a few more to join the batch. */
  readonly nudgeMillis?: number;
  /** How long to wait after a failure (broker down, database restart) before trying again. */
  readonly retryMillis?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface RelayStatus {
  /** The loop runs (started and not stopped); `active` when it also holds the lock and publishes. */
  readonly running: boolean;
  readonly active: boolean;
  readonly published: number;
  readonly lastPublishedAt?: string;
  readonly lastError?: string;
}

interface Checkpoint {
  transactionId: string;
  position: string;
}

/** Where an event stands in the relay's order: (transaction id, position). */
interface RelayOrder {
  readonly transaction: bigint;
  readonly position: bigint;
}

function isAfter(a: RelayOrder, b: RelayOrder): boolean {
  return a.transaction > b.transaction || (a.transaction === b.transaction && a.position > b.position);
}

/** The partition of each stream: the producer's own partitioner, so the recovery computes what the producer chose. */
const partitionOf = Partitioners.DefaultPartitioner();

/** Kafka message headers: what a consumer needs before it parses the value (a type, so the AsyncAPI contract is generated from it). */
// a type alias, not an interface: only an alias is assignable to KafkaJS's indexed IHeaders
export type EventHeaders = {
  readonly 'event-type': string;
  readonly 'schema-version': string;
  readonly 'event-id': string;
  readonly 'stream-type': string;
  /** The request that started the work (X-Correlation-Id), carried across services. */
  readonly 'correlation-id'?: string;
  /** Ed25519 signature of the event's hash by the office's event key (base64), when one is configured: forgeries lack it. */
  readonly signature?: string;
};

/** What the headers are made of: the envelope's identity, hash and correlation id. */
type HeaderSource = Pick<EventEnvelope, 'type' | 'schemaVersion' | 'eventId' | 'streamType' | 'hash'> & { readonly metadata: Pick<EventEnvelope['metadata'], 'correlationId'> };

export function eventHeaders(event: HeaderSource, signingKey?: KeyObject): EventHeaders {
  const headers: { -readonly [K in keyof EventHeaders]: EventHeaders[K] } = {
    'event-type': event.type,
    'schema-version': String(event.schemaVersion),
    'event-id': event.eventId,
    'stream-type': event.streamType,
  };
  if (event.metadata.correlationId) headers['correlation-id'] = event.metadata.correlationId;
  if (signingKey) headers.signature = signEventHash(signingKey, event.hash);
  return headers;
}

/** An event as the relay reads it: its JSON parts as the stored texts, for `messageValue`. */
interface PublishedRow {
  readonly checkpoint_transaction: string;
  readonly checkpoint_position: string;
  readonly event_id: string;
  readonly stream_type: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string | null;
  readonly data_digest: string;
  readonly metadata: string;
  readonly correlation_id: string | null;
  readonly recorded_at: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The columns of a `PublishedRow`: recorded_at in the envelope's ISO form (the hash covers that text, to the millisecond). */
const PUBLISHED_COLUMNS = `event_id, stream_type, stream_id, stream_version, type, schema_version, data::text AS data, data_digest,
  metadata::text AS metadata, metadata->>'correlationId' AS correlation_id,
  ${RECORDED_AT_ISO}, prev_hash, hash`;

/**
 * The envelope's JSON (the fields of EventEnvelope, in its order), spliced from the stored JSON
 * texts: parsing data and metadata only to write them out again was most of the relay's own
 * CPU when draining a backlog (issue 9, figure 4). Consumers parse it as any envelope.
 */
function messageValue(row: PublishedRow): string {
  const text = JSON.stringify;
  return (
    `{"eventId":${text(row.event_id)},"streamType":${text(row.stream_type)},"streamId":${text(row.stream_id)},"streamVersion":${row.stream_version},` +
    `"type":${text(row.type)},"schemaVersion":${row.schema_version},"data":${row.data ?? 'null'},"dataDigest":${text(row.data_digest)},` +
    `"metadata":${row.metadata},"recordedAt":${text(row.recorded_at)},"prevHash":${text(row.prev_hash)},"hash":${text(row.hash)}}`
  );
}

/**
 * The transactional outbox relay of one service: tails the events table and publishes each
 * event to the service's topic, keyed by stream id, then stores its checkpoint.
 *
 * Gap-free: positions from a sequence become visible out of order when transactions overlap.
 * The relay reads in (transaction id, position) order and only below the oldest transaction
 * still in flight, pg_snapshot_xmin(pg_current_snapshot()): every transaction below it has
 * committed or aborted, so no event can later appear behind the checkpoint. It never skips
 * ahead after a timeout. Only one relay per schema is active (a session advisory lock).
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private lockClient?: PoolClient;
  private producer?: Producer;
  private wake?: () => void;
  private nudged?: () => void;
  /** A nudge came while a batch was being read: the events may have missed it, so the next idle wait is short. */
  private nudgedWhileBusy = false;
  private status: { active: boolean; published: number; lastPublishedAt?: string; lastError?: string } = { active: false, published: 0 };
  /**
   * The last event sent to Kafka whose checkpoint could not be stored (the database went away
   * between the two): the next round stores the checkpoint without sending those events again.
   */
  private sentBeyondCheckpoint?: RelayOrder;
  /**
   * The stored checkpoint, read once per lock: while this relay holds the lock nobody else moves
   * it, so each round skips reading it back. Forgotten on any failure and with the lock.
   */
  private checkpoint?: Checkpoint;
  /**
   * After a crash or a failed send, events beyond the checkpoint may already be on the topic
   * (acknowledged, then the process died before the checkpoint). Each partition's last message
   * says how far that partition got; until the checkpoint passes it, events of that partition
   * up to it are not sent again. Read once per producer, as it connects (a start, a failure, the lock taken again).
   */
  private deliveredTails?: Map<number, RelayOrder>;
  /** The topic's partitions, read with each new producer: each send carries one partition's messages. */
  private partitions: PartitionMetadata[] = [];
  /**
   * In a backlog, the batch after the one being sent, asked for before sending: PostgreSQL reads
   * it while Kafka takes the current one. Used only if the checkpoint then stands where it began.
   */
  private readAhead?: { readonly after: Checkpoint; readonly rows: Promise<PublishedRow[]> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly options: RelayOptions,
  ) {}

  get name(): string {
    return `relay:${this.options.schema}`;
  }

  getStatus(): RelayStatus {
    return { running: this.running, ...this.status };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Events were appended in this process: an idle relay looks within `nudgeMillis` instead of its whole idle time. */
  nudge(): void {
    if (this.nudged) this.nudged();
    else this.nudgedWhileBusy = true;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  private get nudgeMillis(): number {
    return this.options.nudgeMillis ?? 10;
  }

  private log(message: string, error?: unknown): void {
    this.options.log?.(message, error);
  }

  /** Waits `millis`, cut short by a stop; a `nudgeable` wait also by a nudge (once: later nudges join the same look). */
  private async sleep(millis: number, nudgeable = false): Promise<void> {
    await new Promise<void>((resolve) => {
      let timer = setTimeout(resolve, millis);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (nudgeable) {
        this.nudged = () => {
          this.nudged = undefined;
          clearTimeout(timer);
          timer = setTimeout(resolve, this.nudgeMillis);
        };
      }
    });
    this.nudged = undefined;
  }

  /** The idle wait: short when a nudge came while the last batch was being read. */
  private async idle(): Promise<void> {
    const soon = this.nudgedWhileBusy;
    this.nudgedWhileBusy = false;
    await this.sleep(soon ? this.nudgeMillis : (this.options.idleMillis ?? 50), true);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.holdLock())) {
          await this.sleep(this.options.retryMillis ?? 1000);
          continue;
        }
        if (!this.producer) await this.connectProducer();
        // a full batch means a backlog: go on at once; otherwise wait for more to gather, so
        // a steady trickle costs a round per `nudgeMillis`, not one per append
        const published = await this.publishNextBatch();
        // a round that went through, even with nothing to send, ends an earlier failure: the
        // producer is connected and the outbox read (a startup error must not outlive it)
        this.status.lastError = undefined;
        if (published < this.batchSize) await this.idle();
      } catch (error) {
        this.forgetPosition();
        this.status.lastError = error instanceof Error ? error.message : String(error);
        this.log('relay: publishing failed, will retry (转发失败，稍后重试)', error);
        await this.resetProducer();
        await this.sleep(this.options.retryMillis ?? 1000);
      }
    }
    await this.resetProducer();
    await this.releaseLock();
  }

  private async holdLock(): Promise<boolean> {
    if (this.lockClient) return true;
    const client = await poolOf(this.dataSource).connect();
    // Heard from the first statement on: a connection cut while locking was an unhandled 'error'
    // event (it failed a test) and left the connection checked out, so the pool never ended.
    const lost = (error: Error) => this.lockConnectionLost(client, error);
    client.on('error', lost);
    // a connection handed back without the lock goes without the listener: another replica's
    // relay may hold the lock for days, and this one asks every second
    const handBack = (destroy?: Error | boolean) => {
      client.removeListener('error', lost);
      client.release(destroy);
    };
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.name]);
      if (!rows[0]?.locked) {
        handBack();
        this.status.active = false;
        return false;
      }
    } catch (error) {
      handBack(error instanceof Error ? error : true);
      throw error;
    }
    try {
      // The checkpoint row before the lock counts as held: a relay holding the lock without it
      // would fail every round with "checkpoint missing" until restarted.
      await this.dataSource.query(
        `INSERT INTO "${this.options.schema}".relay_checkpoints (name, transaction_id, position) VALUES ($1, '0', 0) ON CONFLICT (name) DO NOTHING`,
        [this.name],
      );
      // The checkpoint is a resume hint, not a record: if PostgreSQL crashes before an
      // asynchronous commit of it reaches the disk, the relay resumes from an older one and the
      // topic's last messages (read after every failure) keep it from sending anything twice.
      // Not waiting for its WAL flush takes the larger part of a round off the lag.
      await client.query('SET synchronous_commit = off');
    } catch (error) {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]).catch(() => undefined);
      handBack(true);
      throw error;
    }
    this.lockClient = client;
    this.status.active = true;
    // a lock taken again (its connection was lost while idle) may follow another relay's sends:
    // a new producer reads the topic's tails again before sending
    await this.resetProducer();
    return true;
  }

  /** After a failure or with the lock: the checkpoint is read again, and a read-ahead batch is not used. */
  private forgetPosition(): void {
    this.checkpoint = undefined;
    this.readAhead = undefined;
  }

  /** A dropped connection drops the lock too: forget the client so the next round locks again. */
  private lockConnectionLost(client: PoolClient, error: Error): void {
    // only while it is the held lock: while locking, the failed statement hands it back; after a
    // stop it belongs to the pool again, and releasing it twice throws out of this handler
    if (this.lockClient !== client) return;
    this.lockClient = undefined;
    this.forgetPosition();
    this.status.active = false;
    // hand the broken connection back: the pool cannot end while it is checked out (a stop after a database restart hung)
    client.release(error);
  }

  /**
   * The relay's own statements go over the connection that holds its lock: they never queue
   * behind the service's commands for a pooled connection (under load that wait was most of
   * the commit-to-Kafka lag).
   */
  private async onLockConnection<R>(sql: string, parameters: unknown[]): Promise<R[]> {
    const client = this.lockClient;
    if (!client) throw new Error(`relay ${this.name}: the connection holding the lock is gone`);
    return (await client.query(sql, parameters)).rows as R[];
  }

  private async releaseLock(): Promise<void> {
    const client = this.lockClient;
    this.lockClient = undefined;
    this.forgetPosition();
    this.status.active = false;
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]).catch(() => undefined);
    // closed, not pooled: the session's synchronous_commit = off must not serve a command
    client.release(true);
  }

  private async connectProducer(): Promise<void> {
    await ensureTopics(this.kafka, [this.options.topic], this.options.topicSettings);
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    this.producer = producer;
    // What already reached the topic, before anything is sent (ADR 0011); read here rather than
    // at the first batch, so the first events after a start do not wait for it (figure 4's lag).
    const { partitions, tails } = await this.readDeliveredTails();
    this.partitions = partitions;
    this.deliveredTails = tails.size > 0 ? tails : undefined;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  /** The events after `after` that can be published: below the oldest transaction still running. */
  private readBatch(after: Checkpoint): Promise<PublishedRow[]> {
    this.nudgedWhileBusy = false;
    // The text forms get names of their own: ordering by an alias that shadows the column
    // would sort as text ('10' < '9') and republish events out of stream order.
    return this.onLockConnection(
      `SELECT transaction_id::text AS checkpoint_transaction, position::text AS checkpoint_position, ${PUBLISHED_COLUMNS}
         FROM "${this.options.schema}".events
        WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.transaction_id, events.position
        LIMIT $3`,
      [after.transactionId, after.position, this.batchSize],
    );
  }

  private async publishNextBatch(): Promise<number> {
    this.checkpoint ??= await this.readCheckpoint();
    const checkpoint = this.checkpoint;
    const readAhead = this.readAhead;
    this.readAhead = undefined;
    const aheadFits = readAhead?.after.transactionId === checkpoint.transactionId && readAhead.after.position === checkpoint.position;
    const rows = await (aheadFits ? readAhead.rows : this.readBatch(checkpoint));
    if (rows.length === 0) return 0;
    const last = rows[rows.length - 1]!;
    if (rows.length === this.batchSize) {
      const after = { transactionId: last.checkpoint_transaction, position: last.checkpoint_position };
      const ahead = this.readBatch(after);
      // a failed read-ahead is no failure yet: the next round awaits it, or reads again
      ahead.catch(() => undefined);
      this.readAhead = { after, rows: ahead };
    }
    const sent = this.sentBeyondCheckpoint;
    const delivered = this.deliveredTails;
    // One send per partition (sent side by side). KafkaJS retries a send after a leader change
    // by regrouping its partitions under the new leaders but skips every broker that already
    // answered that send: a partition whose leader moved to such a broker was dropped while the
    // send succeeded (scenario 9 lost events so). With one partition a send has one leader.
    const byPartition = new Map<number, PublishedRow[]>();
    let unsent = 0;
    for (const row of rows) {
      const order = { transaction: BigInt(row.checkpoint_transaction), position: BigInt(row.checkpoint_position) };
      if (sent && !isAfter(order, sent)) continue;
      const partition = partitionOf({ topic: this.options.topic, partitionMetadata: this.partitions, message: { key: row.stream_id, value: null } });
      const tail = delivered?.get(partition);
      if (tail && !isAfter(order, tail)) continue;
      const group = byPartition.get(partition);
      if (group) group.push(row);
      else byPartition.set(partition, [row]);
      unsent++;
    }
    // every send settled before a failure is handled: the topic's tails are read only once none is in flight
    const outcomes = await Promise.allSettled(
      [...byPartition].map(([partition, group]) =>
        this.producer!.send({
          topic: this.options.topic,
          acks: -1,
          messages: group.map((row) => ({
            key: row.stream_id,
            partition,
            value: messageValue(row),
            headers: eventHeaders(
              { type: row.type, schemaVersion: row.schema_version, eventId: row.event_id, streamType: row.stream_type, hash: row.hash, metadata: { correlationId: row.correlation_id ?? undefined } },
              this.options.signingKey,
            ),
          })),
        }),
      ),
    );
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const lastOrder = { transaction: BigInt(last.checkpoint_transaction), position: BigInt(last.checkpoint_position) };
    if (!sent || unsent > 0) this.sentBeyondCheckpoint = lastOrder;
    await this.onLockConnection(
      `UPDATE "${this.options.schema}".relay_checkpoints SET transaction_id = $2::xid8, position = $3::bigint, updated_at = now() WHERE name = $1`,
      [this.name, last.checkpoint_transaction, last.checkpoint_position],
    );
    this.checkpoint = { transactionId: last.checkpoint_transaction, position: last.checkpoint_position };
    this.sentBeyondCheckpoint = undefined;
    if (delivered && [...delivered.values()].every((tail) => !isAfter(tail, lastOrder))) this.deliveredTails = undefined;
    this.status.published += unsent;
    this.status.lastPublishedAt = new Date().toISOString();
    return rows.length;
  }

  private async readCheckpoint(): Promise<Checkpoint> {
    const [checkpoint] = (await this.onLockConnection(
      `SELECT transaction_id::text AS "transactionId", position::text AS position FROM "${this.options.schema}".relay_checkpoints WHERE name = $1`,
      [this.name],
    )) as Checkpoint[];
    if (!checkpoint) throw new Error(`relay checkpoint ${this.name} is missing`);
    return checkpoint;
  }

  /**
   * The last message of each partition of the topic, as a position in this store's order
   * (looked up by its event id). Messages this store does not hold (none, or forged) say nothing.
   */
  private async readDeliveredTails(): Promise<{ partitions: PartitionMetadata[]; tails: Map<number, RelayOrder> }> {
    const topic = this.options.topic;
    const admin = this.kafka.admin();
    await admin.connect();
    let partitions: PartitionMetadata[];
    let ends: Map<number, string>;
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      partitions = metadata.topics[0]?.partitions ?? [];
      const offsets = await admin.fetchTopicOffsets(topic);
      ends = new Map(offsets.filter((each) => BigInt(each.high) > BigInt(each.low)).map((each) => [each.partition, (BigInt(each.high) - 1n).toString()]));
    } finally {
      await admin.disconnect();
    }
    if (ends.size === 0) return { partitions, tails: new Map() };
    const lastEventIds = await this.readMessagesAt(ends);
    const known: Array<{ event_id: string; transaction_id: string; position: string }> = await this.onLockConnection(
      `SELECT event_id::text, transaction_id::text, position::text FROM "${this.options.schema}".events WHERE event_id = ANY($1::uuid[])`,
      // by the uuid column's index; a forged message's id that is not a UUID says nothing anyway
      [[...lastEventIds.values()].filter((eventId) => isUuid(eventId))],
    );
    const orderOf = new Map(known.map((row) => [row.event_id, { transaction: BigInt(row.transaction_id), position: BigInt(row.position) }]));
    const tails = new Map<number, RelayOrder>();
    for (const [partition, eventId] of lastEventIds) {
      const order = orderOf.get(eventId);
      if (order) tails.set(partition, order);
    }
    this.log(`relay: resuming after the topic's last messages (从主题末尾续传): ${tails.size} partition(s) checked`);
    return { partitions, tails };
  }

  /** The event id of the message at the given offset of each partition (a short-lived consumer of a group of its own). */
  private async readMessagesAt(offsets: Map<number, string>): Promise<Map<number, string>> {
    const groupId = `${this.name}.recovery.${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: FETCH_WAIT_MILLIS, allowAutoTopicCreation: false });
    const found = new Map<number, string>();
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: this.options.topic, fromBeginning: false });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`relay: the topic's last messages could not be read within 60 s (${this.options.topic})`)), 60_000);
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              if (offsets.get(partition) !== message.offset) return;
              found.set(partition, message.headers?.['event-id']?.toString() ?? '');
              if (found.size === offsets.size) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .then(() => {
            for (const [partition, offset] of offsets) consumer.seek({ topic: this.options.topic, partition, offset });
          }, reject);
      });
    } finally {
      await consumer.disconnect();
      const admin = this.kafka.admin();
      await admin.connect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    }
    return found;
  }
}
