import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventEnvelope } from './envelope';

/** SHA-256 by default; `sm3` (国密 GB/T 32905) where the office configures it. */
export type HashAlgorithm = 'sha256' | 'sm3';

/** The prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export function digest(text: string, algorithm: HashAlgorithm = 'sha256'): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

export function dataDigest(data: unknown, algorithm: HashAlgorithm = 'sha256'): string {
  return digest(canonicalJson(data), algorithm);
}

export type UnhashedEnvelope = Omit<EventEnvelope, 'hash' | 'dataDigest'>;

/** The fields the link covers: everything but the data itself (its digest stands in) and the hash. */
export function hashedFields(envelope: Omit<EventEnvelope, 'hash' | 'data'>): string {
  const { eventId, streamType, streamId, streamVersion, type, schemaVersion, dataDigest: digestOfData, metadata, recordedAt, prevHash } = envelope;
  return canonicalJson({ eventId, streamType, streamId, streamVersion, type, schemaVersion, dataDigest: digestOfData, metadata, recordedAt, prevHash });
}

/** hash = H(prevHash ‖ canonical JSON of the other fields). */
export function linkHash(envelope: Omit<EventEnvelope, 'hash' | 'data'>, algorithm: HashAlgorithm = 'sha256'): string {
  return digest(envelope.prevHash + hashedFields(envelope), algorithm);
}

export function sealEnvelope(envelope: UnhashedEnvelope, algorithm: HashAlgorithm = 'sha256'): EventEnvelope {
  const withDigest = { ...envelope, dataDigest: dataDigest(envelope.data, algorithm) };
  return { ...withDigest, hash: linkHash(withDigest, algorithm) };
}

export type ChainBreak =
  | { readonly kind: 'gap'; readonly streamVersion: number; readonly expectedVersion: number }
  | { readonly kind: 'prevHashMismatch'; readonly streamVersion: number }
  | { readonly kind: 'hashMismatch'; readonly streamVersion: number }
  | { readonly kind: 'dataDigestMismatch'; readonly streamVersion: number };

/**
 * Checks one stream's events in version order. Data may be absent (removed content, e.g. an
 * archive destroyed under ARC-6): then only its digest is checked through the link.
 */
export function verifyChain(events: readonly EventEnvelope[], algorithm: HashAlgorithm = 'sha256'): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let expectedVersion = 1;
  let prevHash = GENESIS_HASH;
  for (const event of events) {
    if (event.streamVersion !== expectedVersion) {
      breaks.push({ kind: 'gap', streamVersion: event.streamVersion, expectedVersion });
    }
    if (event.prevHash !== prevHash) breaks.push({ kind: 'prevHashMismatch', streamVersion: event.streamVersion });
    if (event.data !== undefined && event.data !== null && dataDigest(event.data, algorithm) !== event.dataDigest) {
      breaks.push({ kind: 'dataDigestMismatch', streamVersion: event.streamVersion });
    }
    if (linkHash(event, algorithm) !== event.hash) breaks.push({ kind: 'hashMismatch', streamVersion: event.streamVersion });
    expectedVersion = event.streamVersion + 1;
    prevHash = event.hash;
  }
  return breaks;
}
