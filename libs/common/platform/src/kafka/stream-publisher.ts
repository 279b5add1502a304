import { randomUUID, type KeyObject } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { GENESIS_HASH, sealEnvelope, type Actor, type EventEnvelope } from '@oa/core';
import { signEventHash } from '../relay/event-signature';
import { ensureTopics, eventsTopic } from './topics';

/**
 * For tests and drills, a stand-in for a service that is not running: chains a stream's events as its store would
 * and publishes them on its topic, signed as its relay would, for the services under test to
 * consume (the audit, or any service reading the directory).
 */
export class StreamPublisher {
  private readonly kafka: Kafka;
  private producer?: Producer;

  constructor(
    brokers: readonly string[],
    private readonly topicPrefix: string,
    private readonly signingKey: KeyObject,
    /** The instant each next event is recorded at. */
    private readonly recordedAt: () => string = () => new Date().toISOString(),
  ) {
    this.kafka = new Kafka({ clientId: 'services-stand-in', brokers: [...brokers], logLevel: logLevel.NOTHING });
  }

  async start(services: readonly string[]): Promise<this> {
    await ensureTopics(this.kafka, services.map((service) => eventsTopic(service, this.topicPrefix)), { partitions: 1, replicationFactor: 1 });
    this.producer = this.kafka.producer();
    await this.producer.connect();
    return this;
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }

  /** The next event of `stream` (appended to it), sealed and chained onto the one before. */
  next(stream: EventEnvelope[], head: Pick<EventEnvelope, 'streamType' | 'streamId' | 'type'>, data: Record<string, unknown>, actor: Actor): EventEnvelope {
    const event = sealEnvelope({
      ...head,
      eventId: randomUUID(),
      streamVersion: stream.length + 1,
      schemaVersion: 1,
      data,
      metadata: { actor, requestId: randomUUID() },
      recordedAt: this.recordedAt(),
      prevHash: stream.at(-1)?.hash ?? GENESIS_HASH,
    });
    stream.push(event);
    return event;
  }

  async publish(service: string, events: readonly EventEnvelope[]): Promise<void> {
    if (this.producer === undefined) throw new Error('StreamPublisher.start first');
    await this.producer.send({
      topic: eventsTopic(service, this.topicPrefix),
      messages: events.map((event) => ({ key: event.streamId, value: JSON.stringify(event), headers: { signature: signEventHash(this.signingKey, event.hash) } })),
    });
  }
}
