import type { DataSource, EntityManager } from 'typeorm';
import type { Consumer, EachBatchPayload, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { isRuleViolation, type EventEnvelope } from '@oa/core';
import type { UpcasterRegistry } from '../event-store/upcasters';
import { FETCH_WAIT_MILLIS } from '../kafka/topics';

/** Where a consumed event was read: the audit log keeps it with the entry. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The message's `signature` header (the relay's signature of the event's hash), if any. */
  readonly signature?: string;
}

/** Applies one event of another service inside the transaction that records it as consumed. */
export type EventReaction = (manager: EntityManager, event: EventEnvelope, source: ConsumedMessage) => Promise<void>;

/** One event of a batch: where it was read, and whether this consumer had applied its eventId before (or earlier in the batch). */
export interface ConsumedEvent {
  readonly event: EventEnvelope;
  readonly source: ConsumedMessage;
  readonly redelivered: boolean;
}

/** Applies the events of one partition's batch, in offset order, inside the transaction that records them as consumed. */
export type BatchReaction = (manager: EntityManager, events: readonly ConsumedEvent[]) => Promise<void>;

/** Event by event: one transaction per message. */
export interface PerEventReaction {
  readonly react: EventReaction;
  /** Called instead of `react` for an eventId already applied (a redelivery, or a message reusing the id), in the same transaction. */
  readonly redelivered?: EventReaction;
}

/**
 * Batch by batch: one transaction per batch of up to `batchSize` messages of one partition, and
 * `partitionsConsumedConcurrently` partitions at a time (each batch holds its own connection).
 */
export interface PerBatchReaction {
  readonly reactBatch: BatchReaction;
  readonly batchSize: number;
  readonly partitionsConsumedConcurrently: number;
}

export type EventConsumerOptions = {
  readonly schema: string;
  /** The consumer's name: its group id and its key in consumed_events and consumer_offsets. */
  readonly name: string;
  readonly topics: readonly string[];
  /** When given, reactions get each event in its current shape; without, as published (the audit verifies that form). */
  readonly upcasters?: UpcasterRegistry;
  readonly log?: (message: string, error?: unknown) => void;
} & (PerEventReaction | PerBatchReaction);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event that cannot be applied: recorded as a dead letter, never retried forever. */
export class UnusableEventError extends Error {
  override readonly name = 'UnusableEventError';
}

/** The eventId a dead letter claims, as its payload has it (whatever its type), when the payload is JSON. */
function eventIdIn(payload: string): unknown {
  try {
    return (JSON.parse(payload) as { eventId?: unknown } | null)?.eventId ?? null;
  } catch {
    return null;
  }
}

/** Where a message was read, with its relay's signature header when it has one. */
function sourceOf(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  const signature = message.headers?.['signature']?.toString();
  return { topic, partition, offset: message.offset, ...(signature !== undefined && { signature }) };
}

function isUnusable(error: unknown): boolean {
  return error instanceof UnusableEventError || error instanceof SyntaxError || isRuleViolation(error);
}

/**
 * Consumes other services' topics with its own group. Each message (or each batch, in batch
 * mode) is applied in one PostgreSQL transaction that also records its eventIds (so a
 * redelivery has no effect) and the offset reached; Kafka's offset moves only after that
 * commit. A message that cannot be applied becomes a dead letter and consumption goes on;
 * infrastructure errors propagate, and KafkaJS redelivers after restarting.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private applied = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {}

  get appliedCount(): number {
    return this.applied;
  }

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.options.name, sessionTimeout: 10000, heartbeatInterval: 1000, maxWaitTimeInMs: FETCH_WAIT_MILLIS, allowAutoTopicCreation: false });
    try {
      await consumer.connect();
      for (const topic of this.options.topics) await consumer.subscribe({ topic, fromBeginning: true });
      const { options } = this;
      await consumer.run(
        'reactBatch' in options
          ? { eachBatch: (payload) => this.consumeBatch(payload, options), eachBatchAutoResolve: false, partitionsConsumedConcurrently: options.partitionsConsumedConcurrently }
          : { eachMessage: (payload) => this.consume(payload, options) },
      );
    } catch (error) {
      // a half-started consumer would keep its connections and retry timers alive
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }

  private async consume({ topic, partition, message }: EachMessagePayload, reaction: PerEventReaction): Promise<void> {
    const s = `"${this.options.schema}"`;
    try {
      const event = this.envelopeOf(message);
      await this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO ${s}.consumed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.name, event.eventId],
        );
        const source = sourceOf(topic, partition, message);
        if (inserted.length > 0) await reaction.react(manager, event, source);
        else await reaction.redelivered?.(manager, event, source);
        await this.recordOffset(manager, topic, partition, message.offset);
      });
      this.applied += 1;
    } catch (error) {
      if (!isUnusable(error)) throw error;
      await this.dataSource.transaction(async (manager) => {
        await this.deadLetter(manager, topic, partition, message, error);
        await this.recordOffset(manager, topic, partition, message.offset);
      });
    }
  }

  /**
   * A partition's batch, `batchSize` messages per transaction: the eventIds recorded in one
   * statement, the reaction given them all, one offset. Each part's offset is resolved (and
   * committed to Kafka) after its transaction commits; a stop or rebalance between parts leaves
   * the rest to be redelivered. When the reaction finds an event it cannot apply, the part is
   * rolled back and applied message by message, so that event alone becomes a dead letter.
   */
  private async consumeBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload, reaction: PerBatchReaction): Promise<void> {
    const { topic, partition } = batch;
    for (let start = 0; start < batch.messages.length && isRunning() && !isStale(); start += reaction.batchSize) {
      const messages = batch.messages.slice(start, start + reaction.batchSize);
      try {
        await this.applyBatch(topic, partition, messages, reaction);
      } catch (error) {
        if (!isUnusable(error)) throw error;
        for (const message of messages) await this.applyAlone(topic, partition, message, reaction);
      }
      resolveOffset(messages[messages.length - 1]!.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** One message as a batch of its own; what its reaction cannot apply becomes a dead letter. */
  private async applyAlone(topic: string, partition: number, message: KafkaMessage, reaction: PerBatchReaction): Promise<void> {
    try {
      await this.applyBatch(topic, partition, [message], reaction);
    } catch (error) {
      if (!isUnusable(error)) throw error;
      await this.dataSource.transaction(async (manager) => {
        await this.deadLetter(manager, topic, partition, message, error);
        await this.recordOffset(manager, topic, partition, message.offset);
      });
    }
  }

  private async applyBatch(topic: string, partition: number, messages: readonly KafkaMessage[], reaction: PerBatchReaction): Promise<void> {
    const s = `"${this.options.schema}"`;
    const usable: Array<{ event: EventEnvelope; source: ConsumedMessage }> = [];
    const unusable: Array<{ message: KafkaMessage; error: unknown }> = [];
    for (const message of messages) {
      try {
        usable.push({ event: this.envelopeOf(message), source: sourceOf(topic, partition, message) });
      } catch (error) {
        if (!isUnusable(error)) throw error;
        unusable.push({ message, error });
      }
    }
    await this.dataSource.transaction(async (manager) => {
      for (const { message, error } of unusable) await this.deadLetter(manager, topic, partition, message, error);
      // in one order, so two batches recording the same ids never wait on each other crosswise
      const inserted: Array<{ event_id: string }> = usable.length === 0 ? [] : await manager.query(
        `INSERT INTO ${s}.consumed_events (consumer, event_id) SELECT DISTINCT $1::text, id FROM unnest($2::uuid[]) AS id ORDER BY id ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.name, usable.map(({ event }) => event.eventId)],
      );
      // the first sight of an id in the batch applies it; a second one is a redelivery
      const fresh = new Set(inserted.map((row) => row.event_id));
      const events = usable.map(({ event, source }) => ({ event, source, redelivered: !fresh.delete(event.eventId.toLowerCase()) }));
      if (events.length > 0) await reaction.reactBatch(manager, events);
      await this.recordOffset(manager, topic, partition, messages[messages.length - 1]!.offset);
    });
    this.applied += usable.length;
  }

  /** The envelope of a message, in the shape the reactions want; throws what makes it a dead letter. */
  private envelopeOf(message: KafkaMessage): EventEnvelope {
    const event = JSON.parse(message.value?.toString() ?? '') as EventEnvelope;
    if (typeof event.eventId !== 'string' || typeof event.type !== 'string') throw new UnusableEventError('消息不是事件信封 (not an event envelope)');
    // consumed_events.event_id is a uuid: anything else would fail the insert and stall the partition
    if (!UUID.test(event.eventId)) throw new UnusableEventError('eventId 不是 UUID (eventId is not a UUID)');
    return this.options.upcasters?.upcast(event) ?? event;
  }

  private async deadLetter(manager: EntityManager, topic: string, partition: number, message: KafkaMessage, error: unknown): Promise<void> {
    this.options.log?.(`consumer ${this.options.name}: 无法应用的消息已记入死信 (dead letter) ${topic}/${partition}@${message.offset}`, error);
    const payload = message.value?.toString() ?? '';
    await manager.query(
      `INSERT INTO "${this.options.schema}".dead_letters (consumer, topic, partition, "offset", event_id, error, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [this.options.name, topic, partition, message.offset, eventIdIn(payload), error instanceof Error ? `${error.name}: ${error.message}` : String(error), payload],
    );
  }

  private async recordOffset(manager: EntityManager, topic: string, partition: number, offset: string): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.options.schema}".consumer_offsets (consumer, topic, partition, "offset") VALUES ($1, $2, $3, $4)
       ON CONFLICT (consumer, topic, partition) DO UPDATE SET "offset" = EXCLUDED."offset", updated_at = now()`,
      [this.options.name, topic, partition, offset],
    );
  }
}
