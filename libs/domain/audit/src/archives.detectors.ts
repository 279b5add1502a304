import { endOfLocalDate, localDateOf } from '@oa/core';
import type { ArchiveItemFiled, ArchiveItemLoanApproved, ArchiveItemLoanRequested, ArchiveItemReturned, FilingCandidateRegistered } from '@oa/domain-archives';
import type {
  IncomingDocumentCompleted,
  IncomingDocumentHandedOffForFiling,
  IncomingDocumentReceived,
  IncomingDocumentRegistered,
  OutgoingDocumentDistributed,
  OutgoingDocumentHandedOffForFiling,
  OutgoingDocumentSignedOff,
} from '@oa/domain-documents';
import type { MinutesFinalized } from '@oa/domain-meetings';
import { STREAM_TYPES } from './events';
import type { AnyEnvelope, AuditFinding, Envelope } from './finding';
import { byStream, finding, millis, ofType, upTo } from './finding';

export interface ArchiveAuditConfig {
  /** Documents of year Y are filed by this month-day of Y + 1: `06-30` (AUD-9). */
  readonly filingDeadlineMonthDay?: string;
  /** Offset of local time from UTC; UTC+8 by default. */
  readonly utcOffsetMinutes?: number;
}

/** Something due for filing (AUD-9): a completed or distributed document, or finalized minutes. */
interface DueItem {
  /** The filing candidate's source: service and id (the meeting for minutes). */
  readonly service: 'documents' | 'meetings';
  readonly sourceId: string;
  /** 公文 or 会议纪要, and how the finding names it (no classified title: COMMON-3). */
  readonly kind: string;
  readonly label: string;
  readonly year: number;
  readonly evidence: readonly AnyEnvelope[];
}

/**
 * AUD-9 and AUD-12.
 * - AUD-9: documents and finalized minutes of a year are filed by 30 June of the next (local
 *   time), whether or not they were ever handed off to the archives. Due, from the documents and
 *   meetings events themselves: an outgoing document once distributed (OutgoingDocumentDistributed,
 *   or a hand-off; the year of its 成文日期, else of its distribution), an incoming document once
 *   completed (IncomingDocumentCompleted; its registration year, else the year it was completed),
 *   minutes once finalized (MinutesFinalized; the year of the meeting). Filed: an `archiveItem`
 *   stream with a FilingCandidateRegistered whose source is the item and then an ArchiveItemFiled.
 *   A finding when it was filed after the deadline, or is still not filed at `now` past it.
 * - AUD-12: an approved loan (ArchiveItemLoanRequested.dueAt + ArchiveItemLoanApproved) not
 *   returned by dueAt at `now`, or returned late (ArchiveItemReturned.late or after dueAt).
 */
export function detectArchiveFindings(events: readonly AnyEnvelope[], now: string, config: ArchiveAuditConfig = {}): AuditFinding[] {
  const trail = upTo(events, now);
  return [...filingFindings(trail, now, config), ...loanFindings(trail, now)];
}

/** COMMON-3 a finding is read by every auditor: a title only below 秘密 (from 秘密 up the events hold a digest anyway). */
function labelOf(id: string, data: { readonly title?: unknown; readonly secrecyLevel?: unknown; readonly documentNumber?: unknown }): string {
  const number = typeof data.documentNumber === 'string' ? ` ${data.documentNumber}` : '';
  const open = data.secrecyLevel === 'none' || data.secrecyLevel === 'internal';
  return `${id}${number}${open && typeof data.title === 'string' ? `（${data.title}）` : ''}`;
}

function localYear(instant: string, config: ArchiveAuditConfig): number {
  return Number(localDateOf(instant, config.utcOffsetMinutes).slice(0, 4));
}

function outgoingDue(stream: readonly AnyEnvelope[], config: ArchiveAuditConfig): DueItem | undefined {
  const distributed = stream.find((event) => ofType<OutgoingDocumentDistributed>(event, 'OutgoingDocumentDistributed'));
  const handOff = stream.find((event): event is Envelope<OutgoingDocumentHandedOffForFiling> => ofType<OutgoingDocumentHandedOffForFiling>(event, 'OutgoingDocumentHandedOffForFiling'));
  const due = distributed ?? handOff;
  if (due === undefined) return undefined;
  const signOff = stream.filter((event): event is Envelope<OutgoingDocumentSignedOff> => ofType<OutgoingDocumentSignedOff>(event, 'OutgoingDocumentSignedOff')).at(-1);
  const documentDate = handOff?.data.documentDate ?? signOff?.data.documentDate;
  const documentId = String((due.data as { documentId?: unknown }).documentId ?? due.streamId);
  return {
    service: 'documents',
    sourceId: documentId,
    kind: '公文',
    label: labelOf(documentId, { ...signOff?.data, ...(due.data as object) }),
    year: documentDate !== undefined ? Number(documentDate.slice(0, 4)) : localYear(due.recordedAt, config),
    evidence: [due],
  };
}

function incomingDue(stream: readonly AnyEnvelope[], config: ArchiveAuditConfig): DueItem | undefined {
  const completed = stream.find((event): event is Envelope<IncomingDocumentCompleted> => ofType<IncomingDocumentCompleted>(event, 'IncomingDocumentCompleted'));
  const handOff = stream.find((event): event is Envelope<IncomingDocumentHandedOffForFiling> => ofType<IncomingDocumentHandedOffForFiling>(event, 'IncomingDocumentHandedOffForFiling'));
  const due = completed ?? handOff;
  if (due === undefined) return undefined;
  const registration = stream.find((event): event is Envelope<IncomingDocumentRegistered> => ofType<IncomingDocumentRegistered>(event, 'IncomingDocumentRegistered'));
  const receipt = stream.find((event): event is Envelope<IncomingDocumentReceived> => ofType<IncomingDocumentReceived>(event, 'IncomingDocumentReceived'));
  const year = registration?.data.year ?? handOff?.data.year ?? localYear(completed?.data.completedAt ?? due.recordedAt, config);
  const documentId = due.data.documentId;
  return { service: 'documents', sourceId: documentId, kind: '公文', label: labelOf(documentId, { ...receipt?.data }), year, evidence: [due] };
}

function minutesDue(stream: readonly AnyEnvelope[], config: ArchiveAuditConfig): DueItem | undefined {
  const finalized = stream.find((event): event is Envelope<MinutesFinalized> => ofType<MinutesFinalized>(event, 'MinutesFinalized'));
  if (finalized === undefined) return undefined;
  const { meetingId, scheduledEnd, finalizedAt } = finalized.data;
  return { service: 'meetings', sourceId: meetingId, kind: '会议纪要', label: `会议 ${meetingId}`, year: localYear(scheduledEnd ?? finalizedAt, config), evidence: [finalized] };
}

/** AUD-9 every item due for filing, seen from its own service's events (a hand-off to the archives is not needed). */
function dueItems(events: readonly AnyEnvelope[], config: ArchiveAuditConfig): DueItem[] {
  const due = (streamType: string, of: (stream: readonly AnyEnvelope[], config: ArchiveAuditConfig) => DueItem | undefined) =>
    [...byStream(events, streamType).values()].map((stream) => of(stream, config)).filter((item): item is DueItem => item !== undefined);
  return [...due(STREAM_TYPES.outgoingDocument, outgoingDue), ...due(STREAM_TYPES.incomingDocument, incomingDue), ...due(STREAM_TYPES.minutes, minutesDue)];
}

function filingFindings(events: readonly AnyEnvelope[], now: string, config: ArchiveAuditConfig): AuditFinding[] {
  const filed = new Map<string, Envelope<ArchiveItemFiled>>();
  for (const stream of byStream(events, STREAM_TYPES.archiveItem).values()) {
    const candidate = stream.find((event): event is Envelope<FilingCandidateRegistered> => ofType<FilingCandidateRegistered>(event, 'FilingCandidateRegistered'));
    const filing = stream.find((event): event is Envelope<ArchiveItemFiled> => ofType<ArchiveItemFiled>(event, 'ArchiveItemFiled'));
    if (candidate === undefined || filing === undefined) continue;
    filed.set(`${candidate.data.source.service}:${candidate.data.source.sourceId}`, filing);
  }
  const monthDay = config.filingDeadlineMonthDay ?? '06-30';
  const findings: AuditFinding[] = [];
  for (const item of dueItems(events, config)) {
    const lastDay = `${item.year + 1}-${monthDay}`;
    const deadline = endOfLocalDate(lastDay, config.utcOffsetMinutes);
    const filing = filed.get(`${item.service}:${item.sourceId}`);
    if (filing === undefined) {
      if (millis(now) >= millis(deadline)) {
        findings.push(finding('AUD-9', 'medium', `${item.kind}逾期未归档`, `${item.year} 年${item.kind} ${item.label} 应于 ${lastDay} 前归档，至 ${now} 仍未归档。`, item.evidence));
      }
    } else if (millis(filing.data.filedAt) >= millis(deadline)) {
      findings.push(
        finding('AUD-9', 'low', `${item.kind}逾期归档`, `${item.year} 年${item.kind} ${item.label} 应于 ${lastDay} 前归档，实际于 ${filing.data.filedAt} 归档（${filing.data.archivalCode}）。`, [
          ...item.evidence,
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
