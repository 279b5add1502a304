import type { DocumentFile, FilingCopyReleased } from '../document-files';
import type { DocumentEvent } from '../document-event';
import type { DocumentType, SecrecyLevel, SecrecyPeriod, Urgency } from '../document.vocabulary';
import type { Reply } from './incoming-document.commands';
import type { RecordedTitle } from '../document-title';

/** DOC-8 收文. From version 2 the title is in clear below 秘密 only, its digest from 秘密 up (COMMON-3). */
export type IncomingDocumentReceived = DocumentEvent<
  'IncomingDocumentReceived',
  RecordedTitle & {
    readonly documentId: string;
    readonly sender: string;
    readonly senderDocumentNumber: string;
    readonly type?: DocumentType;
    readonly secrecyLevel: SecrecyLevel;
    readonly secrecyPeriod?: SecrecyPeriod;
    readonly copies: number;
    readonly copyNumbers?: readonly string[];
    readonly urgency: Urgency;
    readonly contentHash?: string;
    readonly replyDue: boolean;
    readonly receivedAt: string;
  },
  2
>;

export type IncomingDocumentRegistered = DocumentEvent<
  'IncomingDocumentRegistered',
  { readonly documentId: string; readonly year: number; readonly sequence: number; readonly registeredAt: string }
>;

export type IncomingDocumentInitiallyReviewed = DocumentEvent<
  'IncomingDocumentInitiallyReviewed',
  { readonly documentId: string; readonly reviewerId: string; readonly reviewerName: string; readonly notes?: string; readonly reviewedAt: string }
>;

export type IncomingDocumentReturnedToSender = DocumentEvent<
  'IncomingDocumentReturnedToSender',
  {
    readonly documentId: string;
    readonly sender: string;
    readonly senderDocumentNumber: string;
    readonly reason: string;
    readonly reviewerId: string;
    readonly reviewerName: string;
    /** DOC-9 present when the office requires the office director's approval. */
    readonly approvedById?: string;
    readonly approvedByName?: string;
    readonly returnedAt: string;
  }
>;

export type IncomingDocumentHandlingProposed = DocumentEvent<
  'IncomingDocumentHandlingProposed',
  { readonly documentId: string; readonly proposal: string; readonly proposedById: string; readonly proposedByName: string; readonly proposedAt: string }
>;

export type IncomingDocumentInstructed = DocumentEvent<
  'IncomingDocumentInstructed',
  {
    readonly documentId: string;
    readonly instruction: string;
    readonly leaderId: string;
    readonly leaderName: string;
    readonly replyDue?: boolean;
    readonly instructedAt: string;
  }
>;

export type IncomingDocumentHandlingAssigned = DocumentEvent<
  'IncomingDocumentHandlingAssigned',
  {
    readonly documentId: string;
    readonly leadUnit: string;
    readonly assistingUnits: readonly string[];
    readonly handlerId: string;
    readonly handlerName: string;
    /** YYYY-MM-DD, the last day of handling (UTC+8). */
    readonly deadline: string;
    /** true when the configured default by urgency applied (DOC-10). */
    readonly deadlineDefaulted: boolean;
    readonly chaserId?: string;
    readonly chaserName?: string;
    readonly assignedAt: string;
  }
>;

/** DOC-10 催办. */
export type IncomingDocumentReminderRaised = DocumentEvent<
  'IncomingDocumentReminderRaised',
  {
    readonly documentId: string;
    readonly deadline: string;
    readonly overdueWorkingDays: number;
    readonly leadUnit: string;
    readonly handlerId: string;
    readonly chaserId?: string;
    readonly remindedAt: string;
  }
>;

/** DOC-10 past the second threshold: to the office director (督办). */
export type IncomingDocumentEscalated = DocumentEvent<
  'IncomingDocumentEscalated',
  {
    readonly documentId: string;
    readonly deadline: string;
    readonly overdueWorkingDays: number;
    readonly escalatedTo: 'officeDirector';
    readonly leadUnit: string;
    readonly handlerId: string;
    readonly escalatedAt: string;
  }
>;

export type IncomingDocumentCirculated = DocumentEvent<
  'IncomingDocumentCirculated',
  {
    readonly documentId: string;
    /** The clearance each reader held when sent: the evidence for DOC-11. */
    readonly readers: readonly { readonly readerId: string; readonly readerName: string; readonly clearance: SecrecyLevel; readonly clearanceGrantId?: string }[];
    readonly sentAt: string;
  }
>;

export type IncomingDocumentRead = DocumentEvent<
  'IncomingDocumentRead',
  { readonly documentId: string; readonly readerId: string; readonly readerName: string; readonly readAt: string }
>;

export type IncomingDocumentCirculationCompleted = DocumentEvent<
  'IncomingDocumentCirculationCompleted',
  { readonly documentId: string; readonly readerCount: number; readonly completedAt: string }
>;

export type IncomingDocumentCompleted = DocumentEvent<
  'IncomingDocumentCompleted',
  { readonly documentId: string; readonly result: string; readonly reply?: Reply; readonly completedAt: string }
>;

/**
 * What the archives service needs to take the document as a filing candidate (ARC-1). From
 * version 2 the title is in clear below 秘密 only, its digest from 秘密 up (COMMON-3).
 */
export type IncomingDocumentHandedOffForFiling = DocumentEvent<
  'IncomingDocumentHandedOffForFiling',
  RecordedTitle & {
    readonly documentId: string;
    readonly year: number;
    readonly sequence: number;
    readonly sender: string;
    readonly senderDocumentNumber: string;
    readonly type?: DocumentType;
    readonly secrecyLevel: SecrecyLevel;
    readonly secrecyPeriod?: SecrecyPeriod;
    readonly contentHash?: string;
    readonly receivedAt: string;
    readonly result: string;
    readonly reply?: Reply;
    /** FILE-4 the files the archives copy as the item's components (absent before files were kept). */
    readonly files?: readonly DocumentFile[];
    readonly handedOffAt: string;
  },
  2
>;

export type IncomingDocumentFileAttached = DocumentEvent<
  'IncomingDocumentFileAttached',
  DocumentFile & { readonly documentId: string; readonly attachedById: string; readonly attachedAt: string }
>;

export type IncomingDocumentFilingCopyReleased = DocumentEvent<'IncomingDocumentFilingCopyReleased', FilingCopyReleased>;

export type IncomingDocumentEvent =
  | IncomingDocumentFileAttached
  | IncomingDocumentFilingCopyReleased
  | IncomingDocumentReceived
  | IncomingDocumentRegistered
  | IncomingDocumentInitiallyReviewed
  | IncomingDocumentReturnedToSender
  | IncomingDocumentHandlingProposed
  | IncomingDocumentInstructed
  | IncomingDocumentHandlingAssigned
  | IncomingDocumentReminderRaised
  | IncomingDocumentEscalated
  | IncomingDocumentCirculated
  | IncomingDocumentRead
  | IncomingDocumentCirculationCompleted
  | IncomingDocumentCompleted
  | IncomingDocumentHandedOffForFiling;
