import type { Command } from '@oa/core';
import type { DocumentFile } from '../document-files';
import type { Attachment, DocumentType, Recipient, SecrecyLevel, SecrecyPeriod, Urgency } from '../document.vocabulary';

/**
 * What the drafter writes (拟稿). The text itself is stored by the service; the stream carries
 * only its hash (COMMON-4), for every secrecy level alike.
 */
export interface OutgoingDocumentDraftInput {
  readonly type: DocumentType;
  readonly title: string;
  /** 机关代字 of the (lead) issuer, e.g. `国发`. */
  readonly issuerCode: string;
  readonly mainRecipients?: readonly Recipient[];
  readonly copyRecipients?: readonly Recipient[];
  readonly secrecyLevel: SecrecyLevel;
  readonly secrecyPeriod?: SecrecyPeriod;
  readonly urgency: Urgency;
  readonly contentHash: string;
  readonly attachments?: readonly Attachment[];
  /** 会签部门 (DOC-3), by organisation unit code. */
  readonly countersignDepartments?: readonly string[];
  /** 联合发文机关 other than the lead issuer (DOC-3). */
  readonly coIssuers?: readonly string[];
  /** 上行文 (to a superior organ): signed by the principal leader, names its signer (DOC-2, DOC-5). */
  readonly upward?: boolean;
  /** 重要公文: signed by the principal leader (DOC-2). */
  readonly important?: boolean;
  /** 签发人 printed in the header of an upward document (GB/T 9704 7.2.6). */
  readonly signerName?: string;
  /** 一文一事 (DOC-5): how many matters a 请示 asks about, as the drafter declares and the reviewer checks. */
  readonly matterCount?: number;
  /** DOC-5: whether a 报告 contains 请示事项 (it may not). */
  readonly includesRequestItems?: boolean;
  /** COMMON-3 知悉范围: user ids who may read it besides the people its events name. */
  readonly readers?: readonly string[];
}

export type DraftOutgoingDocument = Command<'DraftOutgoingDocument', { readonly documentId: string } & OutgoingDocumentDraftInput>;

/** Replaces the draft as a whole; a change after the last review blocks sign-off until it is reviewed again (DOC-2). */
export type ReviseOutgoingDocumentDraft = Command<'ReviseOutgoingDocumentDraft', OutgoingDocumentDraftInput>;

export type SubmitOutgoingDocumentForReview = Command<'SubmitOutgoingDocumentForReview', Record<string, never>>;

/** DOC-1 核稿: approve, or return to the drafter with comments. */
export type ReviewOutgoingDocument = Command<
  'ReviewOutgoingDocument',
  { readonly decision: 'approve' | 'return'; readonly comments?: string }
>;

/**
 * DOC-3 会签: a named department (the actor belongs to it), or the leader of a co-issuer of a
 * joint document (recorded with the name the leader signed with).
 */
export type CountersignOutgoingDocument = Command<
  'CountersignOutgoingDocument',
  {
    readonly party: 'department' | 'coIssuer';
    readonly code: string;
    readonly opinion: string;
  }
>;

/**
 * DOC-2 签发. The name and date come from the actor and `metadata.now`.
 * `signerIsPrincipalLeader` is a fact the application layer looks up (主要负责人) before building the command.
 */
export type SignOffOutgoingDocument = Command<
  'SignOffOutgoingDocument',
  { readonly opinion: string; readonly signerIsPrincipalLeader: boolean }
>;

/**
 * DOC-2 复核 after sign-off. A non-substantive correction (format, typos) may bring a new
 * content hash; a substantive change voids the sign-off and returns the document to its signer.
 */
export type RecheckOutgoingDocument = Command<
  'RecheckOutgoingDocument',
  { readonly substantiveChange: boolean; readonly contentHash?: string; readonly notes?: string }
>;

/**
 * DOC-4 登记: fixes the number (allocated by the number ledger and passed in), the copies printed
 * and the impressions of the seal on each copy (default 1): SEAL-7 caps all applications for the
 * document at copies × impressions per copy.
 */
export type RegisterOutgoingDocument = Command<
  'RegisterOutgoingDocument',
  { readonly documentNumber: string; readonly copies: number; readonly impressionsPerCopy?: number }
>;

/** DOC-7 the seals service recorded a usage on this document (a reaction to its event). */
export type MarkOutgoingDocumentSealed = Command<'MarkOutgoingDocumentSealed', { readonly sealUsageId: string; readonly sealId: string }>;

/** One recipient's copies; classified documents name each copy by its 6-digit copy number (DOC-6). */
export interface Delivery {
  readonly recipient: string;
  readonly copies: number;
  readonly copyNumbers?: readonly string[];
}

/** 核发. */
export type DistributeOutgoingDocument = Command<'DistributeOutgoingDocument', { readonly deliveries: readonly Delivery[] }>;

export type HandOffOutgoingDocumentForFiling = Command<'HandOffOutgoingDocumentForFiling', Record<string, never>>;

/** 撤回: the drafter takes back a document not yet signed off. */
export type WithdrawOutgoingDocument = Command<'WithdrawOutgoingDocument', { readonly reason: string }>;

/** 作废: a signed-off document that will not be issued; its number, if any, is voided on the ledger (DOC-4). */
export type VoidOutgoingDocument = Command<'VoidOutgoingDocument', { readonly reason: string }>;

/** FILE-1 a file uploaded to the document: 正文 and 附件 while it is prepared (a change of the draft), the 签发稿 once signed off. */
export type AttachOutgoingDocumentFile = Command<'AttachOutgoingDocumentFile', DocumentFile>;

/** FILE-2 the archives copy a file of the handed-off document over the internal API; the copy is on record here too. */
export type ReleaseOutgoingDocumentFilingCopy = Command<'ReleaseOutgoingDocumentFilingCopy', { readonly sha256: string }>;

export type OutgoingDocumentCommand =
  | AttachOutgoingDocumentFile
  | ReleaseOutgoingDocumentFilingCopy
  | DraftOutgoingDocument
  | ReviseOutgoingDocumentDraft
  | SubmitOutgoingDocumentForReview
  | ReviewOutgoingDocument
  | CountersignOutgoingDocument
  | SignOffOutgoingDocument
  | RecheckOutgoingDocument
  | RegisterOutgoingDocument
  | MarkOutgoingDocumentSealed
  | DistributeOutgoingDocument
  | HandOffOutgoingDocumentForFiling
  | WithdrawOutgoingDocument
  | VoidOutgoingDocument;
