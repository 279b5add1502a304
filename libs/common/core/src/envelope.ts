import type { Actor } from './decider';
import type { JsonValue } from './canonical-json';

export interface EventMetadata {
  readonly actor: Actor;
  readonly requestId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly clientAddress?: string;
  readonly [key: string]: JsonValue | Actor | undefined;
}

/**
 * An event as stored and published: the domain event plus its place in the stream and the
 * stream's hash chain. `hash` = H(prevHash ‖ canonical JSON of every other field, with the
 * data replaced by its digest), see hash-chain.ts.
 */
export interface EventEnvelope<Data = unknown> {
  readonly eventId: string;
  readonly streamType: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Data;
  /** H(canonical JSON of data): the chain covers this, so content can later be removed. */
  readonly dataDigest: string;
  readonly metadata: EventMetadata;
  /** ISO-8601 instant in UTC with milliseconds. */
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}
