/**
 * The event data this library reads, as structural mirrors of the published event types of
 * @oa/domain-seals, -documents, -meetings and -archives (only the fields read; the streams
 * carry more). The Nx rule `type:domain → type:core only` refuses even type imports of the
 * other domain libraries from here (see README), so the shapes are restated; each names its
 * source. Stream types are those of the deciders.
 */

export const STREAM_TYPES = {
  seal: 'seal',
  sealUsageApplication: 'sealUsageApplication',
  meeting: 'meeting',
  minutes: 'minutes',
  outgoingDocument: 'outgoingDocument',
  incomingDocument: 'incomingDocument',
  archiveItem: 'archiveItem',
  securityLog: 'securityLog',
} as const;

// --- @oa/domain-seals: seal.events.ts -------------------------------------------------------
export interface SealKeeperAssignedData { readonly sealId: string; readonly keeperId: string; readonly assignedAt: string }
export interface SealHandedOverData { readonly sealId: string; readonly incomingKeeperId: string; readonly handedOverAt: string }
export interface SealCheckoutRequestedData {
  readonly sealId: string;
  readonly checkoutId: string;
  readonly expectedReturnAt: string;
  readonly requestedById: string;
  readonly requestedAt: string;
}
export interface SealCheckoutApprovedData { readonly sealId: string; readonly checkoutId: string; readonly approverId: string; readonly approvedAt: string }
export interface SealReturnedData { readonly sealId: string; readonly checkoutId: string; readonly returnedAt: string; readonly late: boolean }

// --- @oa/domain-seals: seal-usage-application.events.ts -------------------------------------
export interface SealUsageApplicationSubmittedData {
  readonly applicationId: string;
  readonly sealId: string;
  readonly impressions: number;
  readonly applicantId: string;
  readonly submittedAt: string;
}
export interface SealUsageApplicationApprovedData {
  readonly applicationId: string;
  readonly sealId: string;
  readonly basis: 'approval' | 'documentSignOff';
  readonly approverId: string;
  readonly approvedImpressions: number;
  readonly approvedAt: string;
  readonly expiresAt: string;
}
export interface SealUsageRecordedData {
  readonly applicationId: string;
  readonly usageId: string;
  readonly sealId: string;
  readonly impressions: number;
  readonly keeperId: string;
  readonly usedAt: string;
}

// --- @oa/domain-meetings: meeting.events.ts, minutes.events.ts ------------------------------
export type MajorMatterCategory = 'majorDecision' | 'importantCadreAppointment' | 'majorProject' | 'largeFundUse';
export type QuorumReading = 'inclusive' | 'strict';
export interface MeetingScheduledData {
  readonly meetingId: string;
  readonly kind: string;
  readonly chairId: string;
  readonly expectedMembers: readonly { readonly memberId: string }[];
}
export interface AgendaItemSubmittedData { readonly meetingId: string; readonly itemId: string; readonly majorMatter?: MajorMatterCategory; readonly cadreAppointment: boolean }
export interface AttendanceRecordedData { readonly meetingId: string; readonly present: readonly string[]; readonly expectedCount: number; readonly presentCount: number }
export interface MemberLeftMeetingData { readonly meetingId: string; readonly memberId: string }
export interface SpeechRecordedData { readonly meetingId: string; readonly itemId: string; readonly speakerId: string; readonly sequence: number }
export interface VoteRecordedData {
  readonly meetingId: string;
  readonly itemId: string;
  readonly ballots?: readonly { readonly memberId: string; readonly choice: 'for' | 'against' | 'abstain' }[];
  readonly counts: { readonly for: number; readonly against: number; readonly abstain: number };
  readonly expectedCount: number;
  readonly passed: boolean;
}
export interface DecisionRecordedData {
  readonly meetingId: string;
  readonly itemId: string;
  readonly title: string;
  readonly outcome: 'adopted' | 'rejected' | 'deferred';
  readonly meetingKind: string;
  readonly majorMatter?: MajorMatterCategory;
  readonly cadreAppointment: boolean;
  readonly expectedCount: number;
  readonly presentCount: number;
  readonly quorumReading: QuorumReading;
  readonly voted: boolean;
  readonly decidedAt: string;
}
export interface MinutesDraftedData { readonly meetingId: string; readonly title: string; readonly scheduledEnd: string }
export interface MinutesFinalizedData { readonly meetingId: string; readonly title: string; readonly finalizedAt: string; readonly scheduledEnd: string }
export interface MinutesAmendedData { readonly meetingId: string; readonly version: number; readonly reason: string; readonly amendedAt: string }

// --- @oa/domain-documents: outgoing-document.events.ts, incoming-document.events.ts ---------
export interface OutgoingDocumentRevisionData { readonly documentId: string; readonly revision: number }
export interface OutgoingDocumentSignedOffData {
  readonly documentId: string;
  readonly title: string;
  readonly signerId: string;
  readonly signerName: string;
  readonly revision: number;
  readonly signedOffAt: string;
}
export interface OutgoingDocumentHandedOffForFilingData {
  readonly documentId: string;
  readonly title: string;
  /** YYYY-MM-DD 成文日期: the document's year. */
  readonly documentDate: string;
  readonly handedOffAt: string;
}
export interface IncomingDocumentHandlingAssignedData {
  readonly documentId: string;
  readonly leadUnit: string;
  readonly handlerId: string;
  /** YYYY-MM-DD, the last day of handling (local time). */
  readonly deadline: string;
}
export interface IncomingDocumentHandedOffForFilingData {
  readonly documentId: string;
  readonly year: number;
  readonly title: string;
  readonly handedOffAt: string;
}

// --- @oa/domain-archives: archive-item.events.ts -------------------------------------------
export interface FilingCandidateRegisteredData {
  readonly itemId: string;
  readonly source: { readonly service: string; readonly sourceId: string };
  readonly title: string;
}
export interface ArchiveItemFiledData { readonly itemId: string; readonly archivalCode: string; readonly filedAt: string }
export interface ArchiveItemLoanRequestedData { readonly itemId: string; readonly loanId: string; readonly borrowerId: string; readonly borrowerName: string; readonly dueAt: string }
export interface ArchiveItemLoanApprovedData { readonly itemId: string; readonly loanId: string; readonly approvedAt: string }
export interface ArchiveItemReturnedData { readonly itemId: string; readonly loanId: string; readonly late: boolean; readonly returnedAt: string }

// --- apps' security log (AUD-11) -------------------------------------------------------------
export interface AccessDeniedData { readonly method: string; readonly path: string; readonly reason: string; readonly status: number }
