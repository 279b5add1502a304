import { endOfLocalDate } from '@oa/core';
import type { ArchiveItemFiled, ArchiveItemLoanApproved, ArchiveItemLoanRequested, ArchiveItemReturned, FilingCandidateRegistered } from '@oa/domain-archives';
import type { IncomingDocumentHandedOffForFiling, OutgoingDocumentHandedOffForFiling } from '@oa/domain-documents';
import { STREAM_TYPES } from './events';
import type { AnyEnvelope, AuditFinding, Envelope } from './finding';
import { byStream, finding, millis, ofType, upTo } from './finding';

export interface ArchiveAuditConfig {
  /** Documents of year Y are filed by this month-day of Y + 1: `06-30` (AUD-9). */
  readonly filingDeadlineMonthDay?: string;
  /** Offset of local time from UTC; UTC+8 by default. */
  readonly utcOffsetMinutes?: number;
}

interface HandOff {
  readonly documentId: string;
  readonly title: string;
  readonly year: number;
  readonly event: AnyEnvelope;
}

/**
 * AUD-9 and AUD-12.
 * - AUD-9 (kept simple): each document handed off for filing (OutgoingDocumentHandedOffForFiling:
 *   year of documentDate; IncomingDocumentHandedOffForFiling: its registration year) must be
 *   filed by 30 June of the next year, local time. It is filed when an `archiveItem` stream has
 *   a FilingCandidateRegistered whose source is that document (service `documents`, sourceId =
 *   documentId) and then an ArchiveItemFiled. A finding when it was filed after the deadline,
 *   or is still not filed at `now` past the deadline. Documents never handed off are not seen.
 * - AUD-12: an approved loan (ArchiveItemLoanRequested.dueAt + ArchiveItemLoanApproved) not
 *   returned by dueAt at `now`, or returned late (ArchiveItemReturned.late or after dueAt).
 */
export function detectArchiveFindings(events: readonly AnyEnvelope[], now: string, config: ArchiveAuditConfig = {}): AuditFinding[] {
  const trail = upTo(events, now);
  return [...filingFindings(trail, now, config), ...loanFindings(trail, now)];
}

function handOffs(events: readonly AnyEnvelope[]): HandOff[] {
  const found: HandOff[] = [];
  for (const event of events) {
    if (event.streamType === STREAM_TYPES.outgoingDocument && ofType<OutgoingDocumentHandedOffForFiling>(event, 'OutgoingDocumentHandedOffForFiling')) {
      found.push({ documentId: event.data.documentId, title: event.data.title, year: Number(event.data.documentDate.slice(0, 4)), event });
    } else if (event.streamType === STREAM_TYPES.incomingDocument && ofType<IncomingDocumentHandedOffForFiling>(event, 'IncomingDocumentHandedOffForFiling')) {
      found.push({ documentId: event.data.documentId, title: event.data.title, year: event.data.year, event });
    }
  }
  return found;
}

function filingFindings(events: readonly AnyEnvelope[], now: string, config: ArchiveAuditConfig): AuditFinding[] {
  const filed = new Map<string, Envelope<ArchiveItemFiled>>();
  for (const stream of byStream(events, STREAM_TYPES.archiveItem).values()) {
    const candidate = stream.find((event): event is Envelope<FilingCandidateRegistered> => ofType<FilingCandidateRegistered>(event, 'FilingCandidateRegistered'));
    const filing = stream.find((event): event is Envelope<ArchiveItemFiled> => ofType<ArchiveItemFiled>(event, 'ArchiveItemFiled'));
    if (candidate === undefined || filing === undefined || candidate.data.source.service !== 'documents') continue;
    filed.set(candidate.data.source.sourceId, filing);
  }
  const monthDay = config.filingDeadlineMonthDay ?? '06-30';
  const findings: AuditFinding[] = [];
  for (const handOff of handOffs(events)) {
    const lastDay = `${handOff.year + 1}-${monthDay}`;
    const deadline = endOfLocalDate(lastDay, config.utcOffsetMinutes);
    const filing = filed.get(handOff.documentId);
    if (filing === undefined) {
      if (millis(now) >= millis(deadline)) {
        findings.push(
          finding('AUD-9', 'medium', '公文逾期未归档', `${handOff.year} 年公文 ${handOff.documentId}（${handOff.title}）应于 ${lastDay} 前归档，至 ${now} 仍未归档。`, [handOff.event]),
        );
      }
    } else if (millis(filing.data.filedAt) >= millis(deadline)) {
      findings.push(
        finding('AUD-9', 'low', '公文逾期归档', `${handOff.year} 年公文 ${handOff.documentId}（${handOff.title}）应于 ${lastDay} 前归档，实际于 ${filing.data.filedAt} 归档（${filing.data.archivalCode}）。`, [
          handOff.event,
          filing,
        ]),
      );
    }
  }
  return findings;
}

function loanFindings(events: readonly AnyEnvelope[], now: string): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const stream of byStream(events, STREAM_TYPES.archiveItem).values()) {
    const requests = new Map<string, Envelope<ArchiveItemLoanRequested>>();
    const approvals = new Map<string, Envelope<ArchiveItemLoanApproved>>();
    const returns = new Map<string, Envelope<ArchiveItemReturned>>();
    for (const event of stream) {
      if (ofType<ArchiveItemLoanRequested>(event, 'ArchiveItemLoanRequested')) requests.set(event.data.loanId, event);
      else if (ofType<ArchiveItemLoanApproved>(event, 'ArchiveItemLoanApproved')) approvals.set(event.data.loanId, event);
      else if (ofType<ArchiveItemReturned>(event, 'ArchiveItemReturned')) returns.set(event.data.loanId, event);
    }
    for (const [loanId, approval] of approvals) {
      const request = requests.get(loanId);
      if (request === undefined) continue;
      const { itemId, dueAt, borrowerId, borrowerName } = request.data;
      const returned = returns.get(loanId);
      if (returned === undefined) {
        if (millis(now) > millis(dueAt)) {
          findings.push(
            finding('AUD-12', 'high', '借阅档案逾期未还', `档案 ${itemId} 的借阅 ${loanId}（借阅人 ${borrowerName}，${borrowerId}）应于 ${dueAt} 归还，至 ${now} 仍未归还。`, [request, approval]),
          );
        }
      } else if (returned.data.late || millis(returned.data.returnedAt) > millis(dueAt)) {
        findings.push(
          finding('AUD-12', 'medium', '借阅档案逾期归还', `档案 ${itemId} 的借阅 ${loanId} 应于 ${dueAt} 归还，实际于 ${returned.data.returnedAt} 归还。`, [request, approval, returned]),
        );
      }
    }
  }
  return findings;
}
