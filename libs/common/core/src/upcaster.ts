import type { EventEnvelope } from './envelope';

/**
 * Lifts the data of one event type from `fromVersion` to `fromVersion + 1`. An event type string
 * is permanent: a new shape gets a new schemaVersion, and the old shape stays readable through
 * its upcaster (pure, total: a stored event is a fact and must always read).
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  /** `event`: the stored event, for what the new field derives from (recordedAt, metadata). */
  upcast(data: never, event: EventEnvelope): unknown;
}
