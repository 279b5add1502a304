import type { DataSource, EntityManager } from 'typeorm';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { isRuleViolation, type EventEnvelope } from '@oa/core';
import type { UpcasterRegistry } from '../event-store/upcasters';

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

export interface EventConsumerOptions {
  readonly schema: string;
  /** The consumer's name: its group id and its key in consumed_events and consumer_offsets. */
  readonly name: string;
  readonly topics: readonly string[];
  readonly react: EventReaction;
  /** Called instead of `react` for an eventId already applied (a redelivery, or a message reusing the id), in the same transaction. */
  readonly redelivered?: EventReaction;
  /** When given, reactions get each event in its current shape; without, as published (the audit verifies that form). */
  readonly upcasters?: UpcasterRegistry;
  readonly log?: (message: string, error?: unknown) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event that cannot be applied: recorded as a dead letter, never retried forever. */
export class UnusableEventError extends Error {
  override readonly name = 'UnusableEventError';
}

function isUnusable(error: unknown): boolean {
  return error instanceof UnusableEventError || error instanceof SyntaxError || isRuleViolation(error);
}

/**
 * Consumes other services' topics with its own group. Each message is applied in one
 * PostgreSQL transaction that also records its eventId (so a redelivery has no effect) and
 * the offset reached. A message that cannot be applied becomes a dead letter and consumption
 * goes on; infrastructure errors propagate, and KafkaJS redelivers after restarting.
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
    const consumer = this.kafka.consumer({ groupId: this.options.name, sessionTimeout: 10000, heartbeatInterval: 1000, allowAutoTopicCreation: false });
    try {
      await consumer.connect();
      for (const topic of this.options.topics) await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: (payload) => this.consume(payload) });
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

  private async consume({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const s = `"${this.options.schema}"`;
    const payload = message.value?.toString() ?? '';
    let event: EventEnvelope | undefined;
    try {
      event = JSON.parse(payload) as EventEnvelope;
      if (typeof event.eventId !== 'string' || typeof event.type !== 'string') throw new UnusableEventError('消息不是事件信封 (not an event envelope)');
      // consumed_events.event_id is a uuid: anything else would fail the insert and stall the partition
      if (!UUID.test(event.eventId)) throw new UnusableEventError('eventId 不是 UUID (eventId is not a UUID)');
      const envelope = this.options.upcasters?.upcast(event) ?? event;
      await this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO ${s}.consumed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.name, envelope.eventId],
        );
        const signature = message.headers?.['signature']?.toString();
        const source = { topic, partition, offset: message.offset, ...(signature !== undefined && { signature }) };
        if (inserted.length > 0) await this.options.react(manager, envelope, source);
        else await this.options.redelivered?.(manager, envelope, source);
        await this.recordOffset(manager, topic, partition, message.offset);
      });
      this.applied += 1;
    } catch (error) {
      if (!isUnusable(error)) throw error;
      this.options.log?.(`consumer ${this.options.name}: 无法应用的消息已记入死信 (dead letter) ${topic}/${partition}@${message.offset}`, error);
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO ${s}.dead_letters (consumer, topic, partition, "offset", event_id, error, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [this.options.name, topic, partition, message.offset, event?.eventId ?? null, error instanceof Error ? `${error.name}: ${error.message}` : String(error), payload],
        );
        await this.recordOffset(manager, topic, partition, message.offset);
      });
    }
  }

  private async recordOffset(manager: EntityManager, topic: string, partition: number, offset: string): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.options.schema}".consumer_offsets (consumer, topic, partition, "offset") VALUES ($1, $2, $3, $4)
       ON CONFLICT (consumer, topic, partition) DO UPDATE SET "offset" = EXCLUDED."offset", updated_at = now()`,
      [this.options.name, topic, partition, offset],
    );
  }
}
