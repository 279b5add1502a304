import type { DocumentFile, FilingCopyReleased } from '../document-files';
import type { PostReliedOn } from '@oa/core';
import type { DocumentEvent } from '../document-event';
import type { Attachment, DocumentType, Recipient, SecrecyLevel, SecrecyPeriod, Urgency } from '../document.vocabulary';
import type { Delivery } from './outgoing-document.commands';
import type { RecordedTitle } from '../document-title';

/**
 * The draft as recorded: every list and flag present, optional keys left out when absent; the
 * title in clear below 秘密, its digest from 秘密 up (COMMON-3, from version 3).
 */
export interface OutgoingDocumentContent extends RecordedTitle {
  readonly type: DocumentType;
  readonly issuerCode: string;
  readonly mainRecipients: readonly Recipient[];
  readonly copyRecipients: readonly Recipient[];
  readonly secrecyLevel: SecrecyLevel;
  readonly secrecyPeriod?: SecrecyPeriod;
  readonly urgency: Urgency;
  /** COMMON-4: the hash of the text, never the text. */
  readonly contentHash: string;
  readonly attachments: readonly Attachment[];
  readonly countersignDepartments: readonly string[];
  readonly coIssuers: readonly string[];
  readonly upward: boolean;
  readonly important: boolean;
  readonly signerName?: string;
  readonly matterCount?: number;
  readonly includesRequestItems?: boolean;
}

/** COMMON-3 the readers named with a draft (user ids, none when empty): from version 2 on, so the need-to-know list is rebuilt from the events. */
export interface NamedReaders {
  readonly readers: readonly string[];
}

export type OutgoingDocumentDrafted = DocumentEvent<
  'OutgoingDocumentDrafted',
  OutgoingDocumentContent &
    NamedReaders & {
      readonly documentId: string;
      readonly revision: 1;
      readonly drafterId: string;
      readonly drafterName: string;
      readonly draftedAt: string;
    },
  3
>;

export type OutgoingDocumentDraftRevised = DocumentEvent<
  'OutgoingDocumentDraftRevised',
  OutgoingDocumentContent &
    NamedReaders & {
      readonly documentId: string;
      readonly revision: number;
      readonly revisedById: string;
      readonly revisedAt: string;
    },
  3
>;

export type OutgoingDocumentSubmittedForReview = DocumentEvent<
  'OutgoingDocumentSubmittedForReview',
  { readonly documentId: string; readonly revision: number; readonly submittedAt: string }
>;

export type OutgoingDocumentReviewApproved = DocumentEvent<
  'OutgoingDocumentReviewApproved',
  {
    readonly documentId: string;
    readonly revision: number;
    readonly reviewerId: string;
    readonly reviewerName: string;
    readonly comments?: string;
    readonly reviewedAt: string;
  }
>;

export type OutgoingDocumentReturnedToDrafter = DocumentEvent<
  'OutgoingDocumentReturnedToDrafter',
  {
    readonly documentId: string;
    readonly revision: number;
    readonly reviewerId: string;
    readonly reviewerName: string;
    readonly comments: string;
    readonly returnedAt: string;
  }
>;

export type OutgoingDocumentCountersigned = DocumentEvent<
  'OutgoingDocumentCountersigned',
  {
    readonly documentId: string;
    readonly party: 'department' | 'coIssuer';
    readonly code: string;
    readonly signerId: string;
    readonly signerName: string;
    /** DOC-3 / DIR-5: the co-issuer's leader post the countersign was made under, as the directory held it (its PostAssigned event). */
    readonly signedUnder?: PostReliedOn;
    readonly opinion: string;
    readonly countersignedAt: string;
    /** The calendar date (UTC+8): a co-issuer leader's date counts for the document date (DOC-6). */
    readonly countersignedOn: string;
  }
>;

/**
 * DOC-2 签发, and DOC-7: the seals service consumes this event to allow 用印 on the document
 * (先签发后用印, SEAL-7 — the signer is the approver of record), so it carries all it needs.
 * From version 2 the title is in clear below 秘密 only, its digest from 秘密 up (COMMON-3).
 */
export type OutgoingDocumentSignedOff = DocumentEvent<
  'OutgoingDocumentSignedOff',
  RecordedTitle & {
    readonly documentId: string;
    readonly type: DocumentType;
    readonly issuerCode: string;
    readonly coIssuers: readonly string[];
    readonly secrecyLevel: SecrecyLevel;
    readonly urgency: Urgency;
    readonly upward: boolean;
    readonly important: boolean;
    readonly signerId: string;
    readonly signerName: string;
    readonly signerIsPrincipalLeader: boolean;
    readonly opinion: string;
    readonly signedOffAt: string;
    /** The sign-off's calendar date (UTC+8). */
    readonly signedOffOn: string;
    /** DOC-6 成文日期 as `YYYY-MM-DD`: the sign-off date, for a joint document the last signer's. */
    readonly documentDate: string;
    readonly contentHash: string;
    readonly revision: number;
    /**
     * Reserved: the number is fixed at registration, after sign-off and recheck (DOC-4), so today
     * it is never present here; consumers take it from `OutgoingDocumentRegistered`.
     */
    readonly documentNumber?: string;
  },
  2
>;

export type OutgoingDocumentRechecked = DocumentEvent<
  'OutgoingDocumentRechecked',
  {
    readonly documentId: string;
    readonly checkerId: string;
    readonly checkerName: string;
    /** The final text's hash, possibly corrected in form (not in substance). */
    readonly contentHash: string;
    readonly notes?: string;
    readonly recheckedAt: string;
  }
>;

/** DOC-2 a substantive change found at recheck: the sign-off is void and the document goes back to its signer. */
export type OutgoingDocumentSignOffVoided = DocumentEvent<
  'OutgoingDocumentSignOffVoided',
  {
    readonly documentId: string;
    readonly checkerId: string;
    readonly checkerName: string;
    readonly reason: string;
    readonly contentHash: string;
    readonly revision: number;
    readonly returnedToSignerId: string;
    readonly returnedToSignerName: string;
    readonly voidedAt: string;
  }
>;

/**
 * DOC-4 登记. From version 2 it fixes the impressions of the seal on each printed copy (version 1
 * reads as 1): the seals service caps the document's applications at copies × impressionsPerCopy (SEAL-7).
 */
export type OutgoingDocumentRegistered = DocumentEvent<
  'OutgoingDocumentRegistered',
  {
    readonly documentId: string;
    readonly documentNumber: string;
    readonly issuerCode: string;
    readonly year: number;
    readonly sequence: number;
    readonly copies: number;
    readonly impressionsPerCopy: number;
    readonly registeredAt: string;
  },
  2
>;

export type OutgoingDocumentSealed = DocumentEvent<
  'OutgoingDocumentSealed',
  {
    readonly documentId: string;
    readonly documentNumber: string;
    readonly sealUsageId: string;
    readonly sealId: string;
    readonly sealedAt: string;
  }
>;

export type OutgoingDocumentDistributed = DocumentEvent<
  'OutgoingDocumentDistributed',
  {
    readonly documentId: string;
    readonly documentNumber: string;
    readonly deliveries: readonly Delivery[];
    readonly distributedAt: string;
  }
>;

/**
 * What the archives service needs to take the document as a filing candidate (ARC-1). From
 * version 2 the title is in clear below 秘密 only, its digest from 秘密 up (COMMON-3).
 */
export type OutgoingDocumentHandedOffForFiling = DocumentEvent<
  'OutgoingDocumentHandedOffForFiling',
  RecordedTitle & {
    readonly documentId: string;
    readonly documentNumber: string;
    readonly type: DocumentType;
    readonly issuerCode: string;
    readonly coIssuers: readonly string[];
    readonly secrecyLevel: SecrecyLevel;
    readonly secrecyPeriod?: SecrecyPeriod;
    readonly documentDate: string;
    readonly contentHash: string;
    readonly attachments: readonly Attachment[];
    /** FILE-4 the files the archives copy as the item's components (absent before files were kept). */
    readonly files?: readonly DocumentFile[];
    readonly handedOffAt: string;
  },
  2
>;

export type OutgoingDocumentWithdrawn = DocumentEvent<
  'OutgoingDocumentWithdrawn',
  { readonly documentId: string; readonly reason: string; readonly withdrawnAt: string }
>;

/** DOC-4 when `documentNumber` is present the service voids it on the number ledger with the same reason. */
export type OutgoingDocumentVoided = DocumentEvent<
  'OutgoingDocumentVoided',
  { readonly documentId: string; readonly reason: string; readonly documentNumber?: string; readonly voidedAt: string }
>;

/** FILE-1 a file attached; `revision` when it changed the draft (正文, 附件), so a review must see it (DOC-2). */
export type OutgoingDocumentFileAttached = DocumentEvent<
  'OutgoingDocumentFileAttached',
  DocumentFile & { readonly documentId: string; readonly revision?: number; readonly attachedById: string; readonly attachedAt: string }
>;

export type OutgoingDocumentFilingCopyReleased = DocumentEvent<'OutgoingDocumentFilingCopyReleased', FilingCopyReleased>;

export type OutgoingDocumentEvent =
  | OutgoingDocumentFileAttached
  | OutgoingDocumentFilingCopyReleased
  | OutgoingDocumentDrafted
  | OutgoingDocumentDraftRevised
  | OutgoingDocumentSubmittedForReview
  | OutgoingDocumentReviewApproved
  | OutgoingDocumentReturnedToDrafter
  | OutgoingDocumentCountersigned
  | OutgoingDocumentSignedOff
  | OutgoingDocumentRechecked
  | OutgoingDocumentSignOffVoided
  | OutgoingDocumentRegistered
  | OutgoingDocumentSealed
  | OutgoingDocumentDistributed
  | OutgoingDocumentHandedOffForFiling
  | OutgoingDocumentWithdrawn
  | OutgoingDocumentVoided;
