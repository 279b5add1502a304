import { CHAIN_BREAK_TITLES, checkLink, type ChainBreak, type ChainHead, type EventEnvelope, type HashAlgorithm } from '@oa/core';
import type { SignatureCheck } from '@oa/platform';

/** What can be wrong with an arriving event (AUD-10): a chain break, or its publisher's signature. */
export type ArrivalProblem = ChainBreak | { readonly kind: 'unsigned' } | { readonly kind: 'badSignature' };

/** The Chinese title of each problem the ingest records; the chain breaks' are core's, as the detector's. */
export const PROBLEM_NAMES: Record<ArrivalProblem['kind'] | 'conflictingDuplicate', string> = {
  ...CHAIN_BREAK_TITLES,
  unsigned: '缺少发布签名',
  badSignature: '发布签名无效',
  conflictingDuplicate: '同一事件编号的内容不同',
};

/** An event of a batch, with the key of its stream (service, type and id) and, where checked, its publisher's signature. */
export interface Arrival {
  readonly stream: string;
  readonly event: EventEnvelope;
  readonly signature?: SignatureCheck;
}

/** What the chain check said of one arrival: the head it was checked against, and the problems. */
export interface CheckedArrival {
  readonly head: ChainHead | undefined;
  readonly problems: ArrivalProblem[];
}

/**
 * AUD-10 on arrival for a batch, in arrival order: each event is checked (checkLink) against its
 * stream's head as the events before it left it, exactly as if they had arrived one by one; and,
 * where the audit holds the event key, against the publishing relay's signature of its hash (a
 * valid chain alone can be computed by anyone). `heads` holds the heads read before the batch
 * and is advanced in place; returns the results and the streams whose head moved.
 */
export function checkArrivals(
  heads: Map<string, ChainHead>,
  arrivals: readonly Arrival[],
  algorithm: HashAlgorithm = 'sha256',
): { readonly checked: CheckedArrival[]; readonly moved: Set<string> } {
  const moved = new Set<string>();
  const checked = arrivals.map(({ stream, event, signature }) => {
    const head = heads.get(stream);
    const link = checkLink(head, event, algorithm);
    if (link.head !== undefined && link.head !== head) {
      heads.set(stream, link.head);
      moved.add(stream);
    }
    const problems: ArrivalProblem[] = [...link.breaks];
    if (signature === 'missing') problems.push({ kind: 'unsigned' });
    else if (signature === 'invalid') problems.push({ kind: 'badSignature' });
    return { head, problems };
  });
  return { checked, moved };
}
