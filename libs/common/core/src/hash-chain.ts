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

/** The last link seen of a stream: what its next event must chain to. */
export interface ChainHead {
  readonly version: number;
  readonly hash: string;
  readonly eventId: string;
}

/** What can be wrong with the next link of a stream (AUD-10); `kind` is the stable code. */
export type ChainBreak =
  | { readonly kind: 'gap'; readonly streamVersion: number; readonly expectedVersion: number }
  | { readonly kind: 'reorder'; readonly streamVersion: number; readonly expectedVersion: number }
  | { readonly kind: 'prevHashMismatch'; readonly streamVersion: number }
  | { readonly kind: 'hashMismatch'; readonly streamVersion: number }
  | { readonly kind: 'dataDigestMismatch'; readonly streamVersion: number }
  | { readonly kind: 'malformed'; readonly detail: string };

/** AUD-10's titles, for the live check on arrival and for the detector alike. */
export const CHAIN_BREAK_TITLES: Readonly<Record<ChainBreak['kind'], string>> = {
  gap: '事件链版本缺失',
  reorder: '事件链顺序颠倒或版本重复',
  prevHashMismatch: '事件链前序哈希不符',
  hashMismatch: '事件哈希不符（记录被改动）',
  dataDigestMismatch: '事件内容摘要不符（内容被改动）',
  malformed: '事件信封不完整',
};

/** One step of the chain fold: the breaks found at an event, and the stream's head after it. */
export interface ChainLink {
  readonly breaks: ChainBreak[];
  readonly head: ChainHead | undefined;
}

/**
 * AUD-10 for one event against the head of its stream (undefined before the first event): it
 * must be the next version, chain to the head's hash, carry a hash that links (H(prevHash ‖
 * canonical fields)) and, when its data is present, a digest of that data. Data may be absent
 * (removed content, e.g. an archive destroyed under ARC-6): then only its digest is checked
 * through the link. The head stays at the highest version seen, so one reorder is one break;
 * a malformed event never moves it.
 */
export function checkLink(head: ChainHead | undefined, event: EventEnvelope, algorithm: HashAlgorithm = 'sha256'): ChainLink {
  // events come from Kafka and the audit log as parsed JSON: the shape is not to be trusted
  if (typeof event.streamId !== 'string' || typeof event.streamType !== 'string' || !Number.isInteger(event.streamVersion) || typeof event.hash !== 'string') {
    return { breaks: [{ kind: 'malformed', detail: '缺少 streamType、streamId、streamVersion 或 hash' }], head };
  }
  const breaks: ChainBreak[] = [];
  const expectedVersion = (head?.version ?? 0) + 1;
  const version = event.streamVersion;
  if (version > expectedVersion) breaks.push({ kind: 'gap', streamVersion: version, expectedVersion });
  else if (version < expectedVersion) breaks.push({ kind: 'reorder', streamVersion: version, expectedVersion });
  // after a gap or a reorder the prevHash cannot match: the version break says it all
  else if (event.prevHash !== (head?.hash ?? GENESIS_HASH)) breaks.push({ kind: 'prevHashMismatch', streamVersion: version });
  try {
    if (event.data !== undefined && event.data !== null && dataDigest(event.data, algorithm) !== event.dataDigest) {
      breaks.push({ kind: 'dataDigestMismatch', streamVersion: version });
    }
    if (linkHash(event, algorithm) !== event.hash) breaks.push({ kind: 'hashMismatch', streamVersion: version });
  } catch (error) {
    return { breaks: [...breaks, { kind: 'malformed', detail: error instanceof Error ? error.message : String(error) }], head };
  }
  const moved = head === undefined || version > head.version;
  return { breaks, head: moved ? { version, hash: event.hash, eventId: event.eventId } : head };
}

/** The chain fold: checkLink over one stream's events in the order given. */
export function verifyChain(events: readonly EventEnvelope[], algorithm: HashAlgorithm = 'sha256'): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let head: ChainHead | undefined;
  for (const event of events) {
    const link = checkLink(head, event, algorithm);
    breaks.push(...link.breaks);
    head = link.head;
  }
  return breaks;
}
