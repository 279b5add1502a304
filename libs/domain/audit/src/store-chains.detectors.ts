import { CHAIN_BREAK_TITLES, type ChainBreak } from '@oa/core';
import type { AuditFinding } from './finding';

/** One stream of a service's store as the service reports it (its chain heads route): head, and first stored break. */
export interface StoredHead {
  readonly streamType: string;
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
  readonly eventId: string;
  readonly broken?: { readonly kind: string; readonly streamVersion?: number; readonly eventId?: string };
}

/** An event of the audit's own log (as it arrived from the topic): where it stands in its stream, and its hash. */
export interface LoggedLink {
  readonly streamType: string;
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
  readonly eventId: string;
}

/** What can differ between a service's store and the audit's log (AUD-10 in the stores). */
export type StoreDifference = 'storedChainBroken' | 'storedHeadDiffers' | 'storeBehindLog';

export const STORE_DIFFERENCE_TITLES: Readonly<Record<StoreDifference, string>> = {
  storedChainBroken: '服务存储的事件链校验未通过',
  storedHeadDiffers: '服务存储的链头与审计日志不符（记录被改写）',
  storeBehindLog: '审计日志中的事件在服务存储中缺失（记录被删除）',
};

/** A finding of the comparison, with the difference it names (the finding's kind). */
export interface StoreChainFinding extends AuditFinding {
  readonly difference: StoreDifference;
}

/** The log's head of a stream as it stood before the service's heads were read. */
export interface LoggedHead {
  readonly streamId: string;
  readonly version: number;
}

/**
 * Which events of its log the audit needs for the comparison: at each stored head's version and
 * the one after it, and the first event of a stream the store does not hold — only those the log
 * held before the service was asked (`loggedHeads`, read first), so an event appended and logged
 * since is never taken for one the store lost.
 */
export function linksToCompare(stored: readonly StoredHead[], loggedHeads: readonly LoggedHead[]): Array<{ readonly streamId: string; readonly version: number }> {
  const logHead = new Map(loggedHeads.map((head) => [head.streamId, head.version]));
  const wanted: Array<{ streamId: string; version: number }> = [];
  for (const head of stored) {
    const logged = logHead.get(head.streamId);
    logHead.delete(head.streamId);
    if (logged === undefined) continue;
    if (head.version <= logged) wanted.push({ streamId: head.streamId, version: head.version });
    if (head.version + 1 <= logged) wanted.push({ streamId: head.streamId, version: head.version + 1 });
  }
  for (const streamId of logHead.keys()) wanted.push({ streamId, version: 1 });
  return wanted;
}

const isChainBreakKind = (kind: string): kind is ChainBreak['kind'] => Object.hasOwn(CHAIN_BREAK_TITLES, kind);

/**
 * AUD-10 (critical) in a service's own store: its chain heads compared with the audit's log.
 * `logged` holds the log's events of that service at each stored head's version and the one
 * after it (version 1 for a stream the store does not hold), the events already found forged on
 * arrival left out, since the store never held them. Each finding names the stream and the
 * differing event:
 * - the store's own chain does not verify (a row changed, removed or reordered behind the
 *   trigger): the stored event at the first break;
 * - the stored head is not the event the log holds at that version (rows rewritten and chained
 *   again, which verify on their own): the logged event at that version;
 * - the log holds the event after the stored head (rows removed from the end, or the whole
 *   stream): that logged event.
 * A store ahead of the log is the audit still catching up, not a finding.
 */
export function compareStoredChains(service: string, stored: readonly StoredHead[], logged: readonly LoggedLink[]): StoreChainFinding[] {
  const loggedAt = new Map<string, LoggedLink[]>();
  for (const link of logged) {
    const key = `${link.streamId}\u0000${link.version}`;
    const links = loggedAt.get(key);
    if (links) links.push(link);
    else loggedAt.set(key, [link]);
  }
  const at = (streamId: string, version: number) => loggedAt.get(`${streamId}\u0000${version}`) ?? [];
  const findings: StoreChainFinding[] = [];
  const add = (difference: StoreDifference, streamType: string, streamId: string, eventId: string, detail: string, title = STORE_DIFFERENCE_TITLES[difference]) =>
    findings.push({ rule: 'AUD-10', severity: 'critical', title, detail: `${service} 服务存储 ${streamType}/${streamId}：${detail}`, streamIds: [streamId], eventIds: [eventId], difference });

  const storedIds = new Set<string>();
  for (const head of stored) {
    storedIds.add(head.streamId);
    if (head.broken) {
      const version = head.broken.streamVersion;
      const kind = isChainBreakKind(head.broken.kind) ? `${CHAIN_BREAK_TITLES[head.broken.kind]}（${head.broken.kind}）` : head.broken.kind;
      add('storedChainBroken', head.streamType, head.streamId, head.broken.eventId ?? head.eventId, `${version === undefined ? '' : `第 ${version} 条事件`}${kind}，服务存储的记录已被改动。`);
    }
    const atHead = at(head.streamId, head.version);
    if (atHead.length > 0 && !atHead.some((link) => link.hash === head.hash && link.eventId === head.eventId)) {
      const logged = atHead[0]!;
      add('storedHeadDiffers', head.streamType, head.streamId, logged.eventId, `第 ${head.version} 条事件存储的哈希 ${head.hash.slice(0, 12)}…（事件 ${head.eventId}）与审计日志所记 ${logged.hash.slice(0, 12)}…（事件 ${logged.eventId}）不符。`);
    }
    const beyond = at(head.streamId, head.version + 1)[0];
    if (beyond) add('storeBehindLog', head.streamType, head.streamId, beyond.eventId, `存储只到第 ${head.version} 条事件，审计日志记有第 ${beyond.version} 条（事件 ${beyond.eventId}）。`);
  }
  // streams the log holds and the store does not hold at all
  for (const link of logged) {
    if (link.version !== 1 || storedIds.has(link.streamId)) continue;
    add('storeBehindLog', link.streamType, link.streamId, link.eventId, `存储中已无此流，审计日志记有第 1 条事件（事件 ${link.eventId}）。`);
  }
  return findings;
}
