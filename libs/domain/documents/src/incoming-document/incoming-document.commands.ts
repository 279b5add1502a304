import type { DocumentFile } from '../document-files';
import type { Command } from '@oa/core';
import type { DocumentType, SecrecyLevel, SecrecyPeriod, Urgency } from '../document.vocabulary';

/** DOC-8 签收: what the registrar records from the document received. */
export type ReceiveIncomingDocument = Command<
  'ReceiveIncomingDocument',
  {
    readonly documentId: string;
    /** 来文机关. */
    readonly sender: string;
    /** 来文字号, as printed on the document. */
    readonly senderDocumentNumber: string;
    readonly title: string;
    readonly type?: DocumentType;
    readonly secrecyLevel: SecrecyLevel;
    readonly secrecyPeriod?: SecrecyPeriod;
    /** 份数. */
    readonly copies: number;
    /** 份号 of the copies received, 6 digits each (DOC-6), when the document carries them. */
    readonly copyNumbers?: readonly string[];
    readonly urgency: Urgency;
    /** COMMON-4: the scanned text is stored by the service; the stream has its hash only. */
    readonly contentHash?: string;
    /** The sender asks for a reply (DOC-12). */
    readonly replyDue?: boolean;
  }
>;

/**
 * DOC-8 登记: the incoming number, the next of the year's gapless sequence. The service
 * allocates it (e.g. on the number ledger under the office's incoming series code) and passes it in.
 */
export type RegisterIncomingDocument = Command<'RegisterIncomingDocument', { readonly year: number; readonly sequence: number }>;

/**
 * DOC-9 初审. A return to the sender needs a reason and (configurable) the office director's
 * approval: the actor is the office director, or the approval is a fact the application layer checked.
 */
export type ReviewIncomingDocumentInitially = Command<
  'ReviewIncomingDocumentInitially',
  {
    readonly outcome: 'accept' | 'return';
    readonly reason?: string;
    readonly notes?: string;
    readonly officeDirectorApproval?: { readonly approverId: string; readonly approverName: string };
  }
>;

/** 拟办. */
export type ProposeIncomingDocumentHandling = Command<'ProposeIncomingDocumentHandling', { readonly proposal: string }>;

/** 批办, by a leader; several leaders may instruct in turn. */
export type InstructIncomingDocument = Command<'InstructIncomingDocument', { readonly instruction: string; readonly replyDue?: boolean }>;

/** DOC-10 one unit leads, the others assist. */
export interface HandlingUnit {
  readonly unit: string;
  readonly role: 'lead' | 'assist';
}

/** DOC-10 承办. Without an explicit `deadline` (YYYY-MM-DD) the configured default by urgency applies. */
export type AssignIncomingDocumentHandling = Command<
  'AssignIncomingDocumentHandling',
  {
    readonly units: readonly HandlingUnit[];
    readonly handlerId: string;
    readonly handlerName: string;
    readonly deadline?: string;
    /** 催办人: required for urgent documents (the Regulation art. 24). */
    readonly chaserId?: string;
    readonly chaserName?: string;
  }
>;

/** DOC-10 催办: sent by the scheduled job with `metadata.now`; a no-op until overdue, and once per deadline. */
export type RemindOverdueIncomingDocument = Command<'RemindOverdueIncomingDocument', Record<string, never>>;

/** DOC-11 a reader's clearance is a fact the application layer reads from the security admin's grants. */
export interface CirculationReaderInput {
  readonly readerId: string;
  readonly readerName: string;
  /** The directory's clearance of the reader at the command's time (DIR-2), looked up by the service, never typed in. */
  readonly clearance: SecrecyLevel;
  /** The directory's ClearanceGranted or ClearanceChanged event it comes from (none for 非密). */
  readonly clearanceGrantId?: string;
}

/** DOC-11 传阅. */
export type CirculateIncomingDocument = Command<'CirculateIncomingDocument', { readonly readers: readonly CirculationReaderInput[] }>;

/** DOC-11 the actor has read the document. */
export type MarkIncomingDocumentRead = Command<'MarkIncomingDocumentRead', Record<string, never>>;

/**
 * A reply document (复文) as recorded: its number (DOC-4 format) and the outgoing document of this
 * service that answers (DOC-12: always present in what this version decides; older events may lack it).
 */
export interface Reply {
  readonly documentNumber: string;
  readonly outgoingDocumentId?: string;
}

/** DOC-12 the reply as requested: the answering outgoing document, and its number when the handler writes it (checked against the registration). */
export interface ReplyInput {
  readonly outgoingDocumentId: string;
  readonly documentNumber?: string;
}

/**
 * DOC-12 a fact the service loads before deciding: the outgoing document the reply names, as its
 * stream holds it (`status` absent: no such outgoing document here; `documentNumber` once registered).
 */
export interface ReplyDocumentFact {
  readonly outgoingDocumentId: string;
  readonly status?: string;
  readonly documentNumber?: string;
}

/** DOC-12 办结: the result, and the reply when one is due, linked to the outgoing document that answers. */
export type CompleteIncomingDocument = Command<'CompleteIncomingDocument', { readonly result: string; readonly reply?: ReplyInput; readonly replyDocument?: ReplyDocumentFact }>;

export type HandOffIncomingDocumentForFiling = Command<'HandOffIncomingDocumentForFiling', Record<string, never>>;

/** FILE-1 the 收文's files: its electronic text or, received on paper, its scanned copy (正文), and its 附件, while it is open. */
export type AttachIncomingDocumentFile = Command<'AttachIncomingDocumentFile', DocumentFile>;

/** FILE-2 the archives copy a file of the handed-off document over the internal API; the copy is on record here too. */
export type ReleaseIncomingDocumentFilingCopy = Command<'ReleaseIncomingDocumentFilingCopy', { readonly sha256: string }>;

export type IncomingDocumentCommand =
  | AttachIncomingDocumentFile
  | ReleaseIncomingDocumentFilingCopy
  | ReceiveIncomingDocument
  | RegisterIncomingDocument
  | ReviewIncomingDocumentInitially
  | ProposeIncomingDocumentHandling
  | InstructIncomingDocument
  | AssignIncomingDocumentHandling
  | RemindOverdueIncomingDocument
  | CirculateIncomingDocument
  | MarkIncomingDocumentRead
  | CompleteIncomingDocument
  | HandOffIncomingDocumentForFiling;
