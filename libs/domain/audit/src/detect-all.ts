import type { HashAlgorithm } from '@oa/core';
import type { AccessAuditConfig } from './access.detectors';
import type { AffairsAuditConfig } from './affairs.detectors';
import { detectAffairsFindings } from './affairs.detectors';
import { detectAccessFindings } from './access.detectors';
import type { ArchiveAuditConfig } from './archives.detectors';
import { detectArchiveFindings } from './archives.detectors';
import { detectChainFindings } from './chain.detectors';
import { detectDirectoryFindings } from './directory.detectors';
import type { DocumentAuditConfig } from './documents.detectors';
import { detectDocumentFindings } from './documents.detectors';
import type { AnyEnvelope, AuditFinding } from './finding';
import { AUDIT_RULES } from './finding';
import type { MeetingAuditConfig } from './meetings.detectors';
import { detectMeetingFindings } from './meetings.detectors';
import { detectSealFindings } from './seals.detectors';

export interface AuditConfig {
  readonly meetings?: MeetingAuditConfig;
  readonly documents?: DocumentAuditConfig;
  readonly archives?: ArchiveAuditConfig;
  readonly access?: AccessAuditConfig;
  readonly affairs?: AffairsAuditConfig;
  readonly hashAlgorithm?: HashAlgorithm;
}

/** Every detector over the same trail, findings ordered by rule number (stable within a rule). */
export function detectAll(events: readonly AnyEnvelope[], now: string, config: AuditConfig = {}): AuditFinding[] {
  const findings = [
    ...detectSealFindings(events, now),
    ...detectMeetingFindings(events, now, config.meetings),
    ...detectDocumentFindings(events, now, config.documents),
    ...detectArchiveFindings(events, now, config.archives),
    ...detectChainFindings(events, config.hashAlgorithm),
    ...detectAccessFindings(events, now, config.access),
    ...detectDirectoryFindings(events, now),
    ...detectAffairsFindings(events, now, config.affairs),
  ];
  return findings
    .map((item, index) => ({ item, index }))
    .sort((a, b) => AUDIT_RULES.indexOf(a.item.rule) - AUDIT_RULES.indexOf(b.item.rule) || a.index - b.index)
    .map(({ item }) => item);
}
