import type { HashAlgorithm } from '@oa/core';
import { verifyChain } from '@oa/core';
import type { AnyEnvelope, AuditFinding } from './finding';
import { byStream, finding } from './finding';

const BREAK_TITLES = {
  gap: '事件链版本缺失或乱序',
  prevHashMismatch: '事件链前序哈希不符',
  hashMismatch: '事件哈希不符（记录被改动）',
  dataDigestMismatch: '事件内容摘要不符（内容被改动）',
} as const;

/**
 * AUD-10 (critical): verifyChain over each stream, the events in the order given (stream
 * order). One finding per break; the proving event is the one at the break (and, for a gap
 * or a prevHash mismatch, the event before it in the list).
 */
export function detectChainFindings(events: readonly AnyEnvelope[], algorithm: HashAlgorithm = 'sha256'): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const stream of byStream(events).values()) {
    const breaks = verifyChain(stream, algorithm);
    for (const chainBreak of breaks) {
      const index = stream.findIndex((event) => event.streamVersion === chainBreak.streamVersion);
      const at = stream[index];
      if (at === undefined) continue;
      const before = chainBreak.kind === 'gap' || chainBreak.kind === 'prevHashMismatch' ? stream.slice(Math.max(0, index - 1), index) : [];
      const where = `${at.streamType}/${at.streamId} 第 ${chainBreak.streamVersion} 条事件`;
      const detail =
        chainBreak.kind === 'gap'
          ? `${where}：期望版本 ${chainBreak.expectedVersion}，实际为 ${chainBreak.streamVersion}（缺失、重复或顺序被改动）。`
          : `${where}：${BREAK_TITLES[chainBreak.kind]}，审计线索可能被删除、篡改或覆盖。`;
      findings.push(finding('AUD-10', 'critical', BREAK_TITLES[chainBreak.kind], detail, [...before, at]));
    }
  }
  return findings;
}
