import type { Command } from '@oa/core';
import type { SealFacts } from '../seal/seal.state';

/**
 * SEAL-5: what the paper to be stamped is. Only `prepared` (a finished text) may be stamped;
 * blank paper (空白纸张) and blank letters of introduction (空白介绍信) are refused.
 */
export type PaperKind = 'prepared' | 'blankPaper' | 'blankIntroductionLetter';

/** DOC-4 登记 as the documents topic told it: the number and what the registration fixed for the seal. */
export interface DocumentRegistrationFacts {
  readonly documentNumber: string;
  /** 印制份数 */
  readonly copies: number;
  /** Impressions on each printed copy (1 unless the registration said otherwise). */
  readonly impressionsPerCopy: number;
  readonly registeredAt: string;
}

/**
 * The referenced official document as the seals service learnt it from the documents topic,
 * read by the facts loader before decide (SEAL-7 凭签发稿用印), at application and again at usage.
 */
export interface DocumentSignOffFacts {
  readonly documentId: string;
  /** Signed off, and the sign-off not voided since (nor the document withdrawn or voided). */
  readonly signedOff: boolean;
  /** The signer (签发人), the approver of record once signed off. */
  readonly signerId?: string;
  readonly signerName?: string;
  /** ISO instant of the sign-off that stands. */
  readonly signedOffAt?: string;
  /** Absent until the document is registered (numbered). */
  readonly registration?: DocumentRegistrationFacts;
  /**
   * SEAL-7 the document's other applications: the impressions they hold (requested while
   * pending, approved while open or used up, used once cancelled or expired) and those stamped.
   */
  readonly impressionsApprovedElsewhere: number;
  readonly impressionsUsedElsewhere: number;
}

/** 用印申请 (`POST /seal-usage-applications`); the actor is the applicant. */
export type ApplyForSealUsage = Command<
  'ApplyForSealUsage',
  {
    readonly applicationId: string;
    readonly sealId: string;
    readonly purpose: string;
    readonly documentTitle: string;
    /** The official document (公文) to be sealed, when there is one (SEAL-7). */
    readonly documentId?: string;
    readonly copies: number;
    readonly impressions: number;
    readonly paperKind: PaperKind;
    /** Fact: the seal as its stream says now. */
    readonly seal: SealFacts;
    /** Fact: required when `documentId` is given. */
    readonly document?: DocumentSignOffFacts;
  }
>;

/** The actor is the approver (SEAL-4). */
export type ApproveSealUsageApplication = Command<
  'ApproveSealUsageApplication',
  { readonly applicationId: string; readonly comment?: string; readonly seal: SealFacts }
>;

export type RejectSealUsageApplication = Command<
  'RejectSealUsageApplication',
  { readonly applicationId: string; readonly reason: string; readonly seal: SealFacts }
>;

/** By the applicant; what is not yet used lapses. */
export type CancelSealUsageApplication = Command<
  'CancelSealUsageApplication',
  { readonly applicationId: string; readonly reason?: string }
>;

/**
 * SEAL-7 the system's reaction when the document's sign-off is voided (or the document withdrawn
 * or voided): an open application for it is cancelled; one already closed is left as it is.
 */
export type CancelSealUsageApplicationForDocument = Command<
  'CancelSealUsageApplicationForDocument',
  { readonly applicationId: string; readonly documentId: string; readonly reason: string }
>;

/** For the scheduled job: expires an approval past its validity at `metadata.now`, at most once. */
export type ExpireSealUsageApplication = Command<'ExpireSealUsageApplication', { readonly applicationId: string }>;

/** 用印登记: the actor is the keeper who stamps. `usageId` makes a retry harmless. */
export type RecordSealUsage = Command<
  'RecordSealUsage',
  {
    readonly applicationId: string;
    readonly usageId: string;
    readonly copies: number;
    readonly impressions: number;
    /** 监印人 */
    readonly witnessId: string;
    readonly witnessName: string;
    readonly remarks?: string;
    /** Fact: the seal as its stream says now. */
    readonly seal: SealFacts;
    /** Fact: required when the application references a document (SEAL-7, checked again at usage). */
    readonly document?: DocumentSignOffFacts;
  }
>;

export type SealUsageApplicationCommand =
  | ApplyForSealUsage
  | ApproveSealUsageApplication
  | RejectSealUsageApplication
  | CancelSealUsageApplication
  | CancelSealUsageApplicationForDocument
  | ExpireSealUsageApplication
  | RecordSealUsage;

export type SealUsageApplicationCommandType = SealUsageApplicationCommand['type'];
