import type { Actor, EventEnvelope } from '@oa/core';
import { GENESIS_HASH, sealEnvelope } from '@oa/core';

/** Test data: hand-built streams with valid hash chains (not exported from the library). */
export const actor = (id: string, roles: readonly string[] = [], name = id): Actor => ({ id, name, roles });

export const SYSTEM = actor('system', ['system']);

export interface StreamBuilder {
  /** Appends an event; `at` is the recordedAt (defaults to the previous one). */
  add(type: string, data: object, options?: { readonly at?: string; readonly by?: Actor }): EventEnvelope;
  readonly events: EventEnvelope[];
}

let counter = 0;

export function stream(streamType: string, streamId: string, start = '2026-01-05T01:00:00.000Z'): StreamBuilder {
  const events: EventEnvelope[] = [];
  let recordedAt = start;
  return {
    events,
    add(type, data, options = {}) {
      recordedAt = options.at ?? recordedAt;
      const prev = events.at(-1);
      counter++;
      const envelope = sealEnvelope({
        eventId: `${streamId}-e${events.length + 1}-${counter}`,
        streamType,
        streamId,
        streamVersion: events.length + 1,
        type,
        schemaVersion: 1,
        data,
        metadata: { actor: options.by ?? SYSTEM },
        recordedAt,
        prevHash: prev?.hash ?? GENESIS_HASH,
      });
      events.push(envelope);
      return envelope;
    },
  };
}
