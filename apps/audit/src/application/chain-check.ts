import { GENESIS_HASH, dataDigest, linkHash, type EventEnvelope, type HashAlgorithm } from '@oa/core';
import type { SignatureCheck } from '@oa/platform';

/** The last link the audit service has seen of a stream. */
export interface StreamHead {
  readonly version: number;
  readonly hash: string;
  readonly eventId: string;
}

/** What can be wrong with an arriving event (AUD-10). */
export type ArrivalProblem =
  | { readonly kind: 'gap'; readonly streamVersion: number; readonly expectedVersion: number }
  | { readonly kind: 'reorder'; readonly streamVersion: number; readonly expectedVersion: number }
  | { readonly kind: 'prevHashMismatch'; readonly streamVersion: number }
  | { readonly kind: 'hashMismatch'; readonly streamVersion: number }
  | { readonly kind: 'dataDigestMismatch'; readonly streamVersion: number }
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'badSignature' }
  | { readonly kind: 'malformed'; readonly detail: string };

export const PROBLEM_NAMES: Record<ArrivalProblem['kind'] | 'conflictingDuplicate', string> = {
  gap: '版本缺失 (gap)',
  reorder: '顺序颠倒或版本重复 (reorder)',
  prevHashMismatch: '前一哈希不符 (prevHash mismatch)',
  hashMismatch: '事件哈希不符 (hash mismatch)',
  dataDigestMismatch: '数据摘要不符 (data digest mismatch)',
  malformed: '事件信封不完整 (malformed)',
  unsigned: '缺少发布签名 (unsigned)',
  badSignature: '发布签名无效 (bad signature)',
  conflictingDuplicate: '同一事件编号的内容不同 (conflicting duplicate)',
};

/**
 * AUD-10 on arrival: the event must be the next version of its stream, chain to the last hash
 * seen, carry a hash that links (H(prevHash ‖ canonical fields)) and, when its data is present,
 * a digest of that data; and, where the audit holds the event key, the publishing relay's
 * signature of its hash (a valid chain alone can be computed by anyone). Pure: the head, the
 * event and the signature's check in, the problems out.
 */
export function checkArrival(head: StreamHead | undefined, event: EventEnvelope, algorithm: HashAlgorithm = 'sha256', signature?: SignatureCheck): ArrivalProblem[] {
  if (typeof event.streamId !== 'string' || typeof event.streamType !== 'string' || !Number.isInteger(event.streamVersion) || typeof event.hash !== 'string') {
    return [{ kind: 'malformed', detail: '缺少 streamType、streamId、streamVersion 或 hash' }];
  }
  const problems: ArrivalProblem[] = [];
  const expectedVersion = (head?.version ?? 0) + 1;
  const version = event.streamVersion;
  if (version > expectedVersion) problems.push({ kind: 'gap', streamVersion: version, expectedVersion });
  else if (version < expectedVersion) problems.push({ kind: 'reorder', streamVersion: version, expectedVersion });
  else if (event.prevHash !== (head?.hash ?? GENESIS_HASH)) problems.push({ kind: 'prevHashMismatch', streamVersion: version });
  try {
    if (event.data !== undefined && event.data !== null && dataDigest(event.data, algorithm) !== event.dataDigest) {
      problems.push({ kind: 'dataDigestMismatch', streamVersion: version });
    }
    if (linkHash(event, algorithm) !== event.hash) problems.push({ kind: 'hashMismatch', streamVersion: version });
  } catch (error) {
    problems.push({ kind: 'malformed', detail: error instanceof Error ? error.message : String(error) });
  }
  if (signature === 'missing') problems.push({ kind: 'unsigned' });
  else if (signature === 'invalid') problems.push({ kind: 'badSignature' });
  return problems;
}

/** The head after the event: the highest version seen stays the head, so one reorder is one finding. */
export function nextHead(head: StreamHead | undefined, event: EventEnvelope): StreamHead | undefined {
  if (head !== undefined && event.streamVersion <= head.version) return undefined;
  return { version: event.streamVersion, hash: event.hash, eventId: event.eventId };
}

/** An event of a batch, with the key of its stream (service, type and id) and, where checked, its publisher's signature. */
export interface Arrival {
  readonly stream: string;
  readonly event: EventEnvelope;
  readonly signature?: SignatureCheck;
}

/** What the chain check said of one arrival: the head it was checked against, and the problems. */
export interface CheckedArrival {
  readonly head: StreamHead | undefined;
  readonly problems: ArrivalProblem[];
}

/**
 * AUD-10 for a batch, in arrival order: each event is checked against its stream's head as the
 * events before it left it, exactly as if they had arrived one by one. `heads` holds the heads
 * read before the batch and is advanced in place; returns the results and the streams whose
 * head moved. A malformed event never moves a head.
 */
export function checkArrivals(
  heads: Map<string, StreamHead>,
  arrivals: readonly Arrival[],
  algorithm: HashAlgorithm = 'sha256',
): { readonly checked: CheckedArrival[]; readonly moved: Set<string> } {
  const moved = new Set<string>();
  const checked = arrivals.map(({ stream, event, signature }) => {
    const head = heads.get(stream);
    const problems = checkArrival(head, event, algorithm, signature);
    const next = problems.some((problem) => problem.kind === 'malformed') ? undefined : nextHead(head, event);
    if (next) {
      heads.set(stream, next);
      moved.add(stream);
    }
    return { head, problems };
  });
  return { checked, moved };
}
