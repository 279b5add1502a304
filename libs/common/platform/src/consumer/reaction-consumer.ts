import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor, CommandMetadata, EventEnvelope } from '@oa/core';
import { ensureTopics, eventsTopic } from '../kafka/topics';
import type { ServiceRuntime } from '../nest/runtime';
import { SERVICE_RUNTIME } from '../nest/tokens';
import { EventConsumer, type ConsumedEvent, type ConsumedMessage, type PerBatchReaction, type PerEventReaction } from './event-consumer';

/**
 * A service's consumer of other services' topics, started with the app and stopped before the
 * pool closes. Subclasses name the source service and say how events are applied (event by
 * event, or batch by batch); the consumer makes redeliveries harmless and keeps what cannot be
 * applied as a dead letter.
 */
abstract class SubscribedConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected abstract readonly source: string;
  /** Reactions read events in their current shape (the service's upcasters); a consumer that verifies the hash chain needs them as published. */
  protected readonly asPublished: boolean = false;
  private consumer?: EventConsumer;
  private startup?: Promise<void>;
  private stopped = false;

  constructor(@Inject(SERVICE_RUNTIME) protected readonly runtime: ServiceRuntime) {}

  protected abstract reaction(): PerEventReaction | PerBatchReaction;

  /** The topics read, by default the source service's; one group may read several. */
  protected sourceTopics(prefix: string): string[] {
    return [eventsTopic(this.source, prefix)];
  }

  /** The consumer group, also its key in consumed_events and consumer_offsets; a rebuild may take a fresh one. */
  protected consumerName(prefix: string): string {
    return `${prefix}oa.${this.runtime.definition.service}.from-${this.source}`;
  }

  /** For tests and health: how many events this replica has applied (redeliveries included). */
  get appliedCount(): number {
    return this.consumer?.appliedCount ?? 0;
  }

  onApplicationBootstrap(): void {
    if (this.runtime.environment.CONSUMERS_ENABLED === false) return;
    this.startup = this.startWhenBrokerAnswers();
  }

  /** A stop during start-up waits for the start to settle, so no consumer outlives the app. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.startup;
    await this.consumer?.stop();
  }

  /** The broker may be down at start: commands still work, the reaction starts once it answers. */
  private async startWhenBrokerAnswers(): Promise<void> {
    const { runtime } = this;
    const prefix = runtime.environment.KAFKA_TOPIC_PREFIX ?? '';
    const topics = this.sourceTopics(prefix);
    while (!this.stopped) {
      const consumer = new EventConsumer(runtime.dataSource, runtime.kafka, {
        schema: runtime.schema,
        name: this.consumerName(prefix),
        topics,
        ...this.reaction(),
        ...(!this.asPublished && { upcasters: runtime.store.upcasters }),
        log: (message, error) => runtime.logger.warn({ err: error }, message),
      });
      try {
        await ensureTopics(runtime.kafka, topics, runtime.topicSettings);
        await consumer.start();
        this.consumer = consumer;
        return;
      } catch (error) {
        runtime.logger.warn({ err: error, topics }, `订阅 ${topics.join(', ')} 失败，稍后重试 (consumer start failed)`);
        await consumer.stop().catch(() => undefined);
        if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    }
  }
}

/**
 * The metadata of a command a consumed event causes: decided at the event's instant (so a
 * redelivery builds the same command), caused by it and in its correlation; by the event's actor
 * unless the reaction acts as its own.
 */
export function causedBy(event: EventEnvelope, actor: Actor = event.metadata.actor): CommandMetadata {
  const { correlationId } = event.metadata;
  return { actor, now: event.recordedAt, causationId: event.eventId, ...(typeof correlationId === 'string' && { correlationId }) };
}

/** A service's reaction to another service's topic, event by event (one transaction each). */
export abstract class ReactionConsumer extends SubscribedConsumer {
  /** `source`: the topic, partition and offset the event was read at. */
  protected abstract react(manager: EntityManager, event: EventEnvelope, source: ConsumedMessage): Promise<void>;

  /** An eventId this consumer already applied arrives again; by default nothing happens. */
  protected redelivered(_manager: EntityManager, _event: EventEnvelope, _source: ConsumedMessage): Promise<void> {
    return Promise.resolve();
  }

  protected override reaction(): PerEventReaction {
    return {
      react: (manager, event, source) => this.react(manager, event, source),
      redelivered: (manager, event, source) => this.redelivered(manager, event, source),
    };
  }
}

/**
 * A reaction applied batch by batch: one transaction per batch of a partition, several
 * partitions at a time. For high-volume consumers whose work per event is a few rows.
 */
export abstract class BatchReactionConsumer extends SubscribedConsumer {
  /** Messages per transaction at most. */
  protected readonly batchSize: number = 1000;
  /** Partitions applied at the same time, each holding a pooled connection while its batch runs. */
  protected readonly partitionsConsumedConcurrently: number = 3;

  /** The events of one partition's batch, in offset order, each marked whether its eventId was applied before. */
  protected abstract reactBatch(manager: EntityManager, events: readonly ConsumedEvent[]): Promise<void>;

  protected override reaction(): PerBatchReaction {
    return {
      reactBatch: (manager, events) => this.reactBatch(manager, events),
      batchSize: this.batchSize,
      partitionsConsumedConcurrently: this.partitionsConsumedConcurrently,
    };
  }
}
