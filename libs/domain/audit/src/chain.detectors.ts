import { CHAIN_BREAK_TITLES, checkLink, type ChainBreak, type ChainHead, type HashAlgorithm } from '@oa/core';
import type { AnyEnvelope, AuditFinding } from './finding';
import { byStream, finding } from './finding';

/**
 * AUD-10 (critical): the chain fold over each stream, the events in the order given (stream
 * order), each step core's checkLink, the check the audit service makes on arrival. One finding
 * per break; the proving event is the one at the break (and, for a gap, a reorder or a prevHash
 * mismatch, the stream's head before it).
 */
export function detectChainFindings(events: readonly AnyEnvelope[], algorithm: HashAlgorithm = 'sha256'): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const stream of byStream(events).values()) {
    let head: ChainHead | undefined;
    let headEvent: AnyEnvelope | undefined;
    for (const event of stream) {
      const link = checkLink(head, event, algorithm);
      for (const chainBreak of link.breaks) {
        const linked = chainBreak.kind === 'gap' || chainBreak.kind === 'reorder' || chainBreak.kind === 'prevHashMismatch';
        const proving = linked && headEvent ? [headEvent, event] : [event];
        findings.push(finding('AUD-10', 'critical', CHAIN_BREAK_TITLES[chainBreak.kind], breakDetail(event, chainBreak), proving));
      }
      if (link.head?.eventId === event.eventId) headEvent = event;
      head = link.head;
    }
  }
  return findings;
}

function breakDetail(event: AnyEnvelope, chainBreak: ChainBreak): string {
  const where = `${event.streamType}/${event.streamId} 第 ${event.streamVersion} 条事件`;
  switch (chainBreak.kind) {
    case 'gap':
    case 'reorder':
      return `${where}：期望版本 ${chainBreak.expectedVersion}，实际为 ${chainBreak.streamVersion}（缺失、重复或顺序被改动）。`;
    case 'malformed':
      return `${where}：${CHAIN_BREAK_TITLES.malformed}（${chainBreak.detail}）。`;
    default:
      return `${where}：${CHAIN_BREAK_TITLES[chainBreak.kind]}，审计线索可能被删除、篡改或覆盖。`;
  }
}
