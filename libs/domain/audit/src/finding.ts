import type { DomainEvent, EventEnvelope } from '@oa/core';

export const AUDIT_RULES = ['AUD-1', 'AUD-2', 'AUD-3', 'AUD-4', 'AUD-5', 'AUD-6', 'AUD-7', 'AUD-8', 'AUD-9', 'AUD-10', 'AUD-11', 'AUD-12', 'AUD-13', 'AUD-14', 'AUD-15', 'AUD-16'] as const;
export type AuditRule = (typeof AUDIT_RULES)[number];

export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * One audit finding: computed from the trail, never stored in it. `eventIds` are the events
 * that prove it (an auditor opens them); `streamIds` the streams concerned.
 */
export interface AuditFinding {
  readonly rule: AuditRule;
  readonly severity: FindingSeverity;
  /** Chinese. */
  readonly title: string;
  /** Chinese. */
  readonly detail: string;
  readonly streamIds: readonly string[];
  readonly eventIds: readonly string[];
  /** Tells apart findings the same events prove (an absence: a day without a roster, a shift without a handover). */
  readonly where?: string;
}

/** Any envelope: the detectors read `type` and pick the data fields they need. */
export type AnyEnvelope = EventEnvelope<unknown>;

/** The envelope of one event type of an area's library (e.g. @oa/domain-seals' SealUsageRecorded), as stored. */
export type Envelope<E extends DomainEvent> = EventEnvelope<E['data']> & { readonly type: E['type'] };

export function finding(
  rule: AuditRule,
  severity: FindingSeverity,
  title: string,
  detail: string,
  proving: readonly AnyEnvelope[],
  where?: string,
): AuditFinding {
  const streamIds = [...new Set(proving.map((event) => event.streamId))];
  const eventIds = [...new Set(proving.map((event) => event.eventId))];
  return { rule, severity, title, detail, streamIds, eventIds, ...(where !== undefined && { where }) };
}

/** Groups events by stream, keeping their order within each stream. */
export function byStream(events: readonly AnyEnvelope[], streamType?: string): Map<string, AnyEnvelope[]> {
  const streams = new Map<string, AnyEnvelope[]>();
  for (const event of events) {
    if (streamType !== undefined && event.streamType !== streamType) continue;
    const key = `${event.streamType}/${event.streamId}`;
    const stream = streams.get(key);
    if (stream) stream.push(event);
    else streams.set(key, [event]);
  }
  return streams;
}

export function ofType<E extends DomainEvent>(event: AnyEnvelope, type: E['type']): event is Envelope<E> {
  return event.type === type;
}

export function millis(instant: string): number {
  return Date.parse(instant);
}

/** Events recorded after `now` are not yet part of the trail being audited. */
export function upTo(events: readonly AnyEnvelope[], now: string): AnyEnvelope[] {
  const limit = millis(now);
  return events.filter((event) => millis(event.recordedAt) <= limit);
}
