import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import type { EventEnvelope } from '@oa/core';
import { uniqueName } from './test-run';

export interface CollectedMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly event: EventEnvelope;
}

/**
 * Reads a topic from its beginning with a consumer group of its own and keeps every message,
 * for tests that check what really reached the broker.
 */
export class TopicCollector {
  readonly messages: CollectedMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly brokers: readonly string[],
    private readonly topic: string,
  ) {}

  /**
   * Joins with a group of its own and reads from the beginning. A topic created a moment ago
   * may not have its leaders yet ("does not host this topic-partition"): try again briefly.
   */
  async start(): Promise<this> {
    for (let attempt = 1; ; attempt++) {
      const consumer = new Kafka({ clientId: 'test-collector', brokers: [...this.brokers], logLevel: logLevel.NOTHING }).consumer({
        groupId: uniqueName('collector'),
        sessionTimeout: 10000,
        heartbeatInterval: 1000,
      });
      try {
        await consumer.connect();
        await consumer.subscribe({ topic: this.topic, fromBeginning: true });
        await consumer.run({ eachMessage: async ({ partition, message }) => void this.keep(partition, message) });
        this.consumer = consumer;
        return this;
      } catch (error) {
        await consumer.disconnect().catch(() => undefined);
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private keep(partition: number, message: KafkaMessage): void {
    this.messages.push({
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? '',
      headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString() ?? ''])),
      event: JSON.parse(message.value!.toString()) as EventEnvelope,
    });
  }

  /** Waits until the predicate holds over the messages, or fails after the timeout. */
  async waitFor(predicate: (messages: readonly CollectedMessage[]) => boolean, timeoutMillis = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMillis;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMillis} ms with ${this.messages.length} messages on ${this.topic}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
