import type { DomainEvent } from '@oa/core';
import type { SealKind } from '../seal/seal.kinds';

type SealUsageEventOf<Type extends string, Data extends object, Version extends number = 1> = DomainEvent<Type, Data> & { readonly schemaVersion: Version };

/**
 * SEAL-7 what a decision on an application for an official document relied on, as the seals
 * service knew the document then (from the documents topic) and its other applications (from
 * the applications' read model). Approvals carry it from version 2, usages from version 2.
 */
export interface SealUsageDocumentFacts {
  readonly documentId: string;
  /** The sign-off that stood (凭签发稿用印). */
  readonly signedOffAt: string;
  /** DOC-4 the registration; absent while the document was not yet registered (an application may precede it, a usage may not). */
  readonly documentNumber?: string;
  readonly registeredCopies?: number;
  readonly impressionsPerCopy?: number;
  /** copies × impressions per copy: what all applications for the document may stamp together. */
  readonly registeredImpressions?: number;
  /** At application: the impressions the document's other applications held. */
  readonly impressionsApprovedElsewhere?: number;
  /** At usage: the impressions already stamped under the document's other applications. */
  readonly impressionsUsedElsewhere?: number;
}

export type SealUsageApplicationSubmitted = SealUsageEventOf<
  'SealUsageApplicationSubmitted',
  {
    readonly applicationId: string;
    readonly sealId: string;
    readonly sealKind: SealKind;
    readonly purpose: string;
    readonly documentTitle: string;
    readonly documentId?: string;
    readonly copies: number;
    readonly impressions: number;
    readonly applicantId: string;
    readonly applicantName: string;
    readonly applicantUnit?: string;
    readonly submittedAt: string;
  }
>;

/**
 * `approval`: decided by a seal approver (SEAL-4); `documentSignOff`: the referenced
 * document's sign-off is the approval and its signer the approver of record (SEAL-7).
 */
export type SealUsageApprovalBasis = 'approval' | 'documentSignOff';

export type SealUsageApplicationApproved = SealUsageEventOf<
  'SealUsageApplicationApproved',
  {
    readonly applicationId: string;
    readonly sealId: string;
    readonly basis: SealUsageApprovalBasis;
    readonly approverId: string;
    readonly approverName: string;
    readonly comment?: string;
    readonly documentId?: string;
    readonly signedOffAt?: string;
    readonly approvedImpressions: number;
    readonly approvedAt: string;
    /** SEAL-3: no usage at or after this instant. */
    readonly expiresAt: string;
    /** SEAL-7 (basis `documentSignOff`, from version 2): the document facts the approval relied on. */
    readonly document?: SealUsageDocumentFacts;
  },
  2
>;

export type SealUsageApplicationRejected = SealUsageEventOf<
  'SealUsageApplicationRejected',
  {
    readonly applicationId: string;
    readonly sealId: string;
    readonly rejectedById: string;
    readonly rejectedByName: string;
    readonly reason: string;
    readonly rejectedAt: string;
  }
>;

export type SealUsageApplicationCancelled = SealUsageEventOf<
  'SealUsageApplicationCancelled',
  { readonly applicationId: string; readonly sealId: string; readonly reason?: string; readonly cancelledAt: string }
>;

export type SealUsageApplicationExpired = SealUsageEventOf<
  'SealUsageApplicationExpired',
  {
    readonly applicationId: string;
    readonly sealId: string;
    readonly expiresAt: string;
    readonly approvedImpressions: number;
    readonly usedImpressions: number;
    readonly expiredAt: string;
  }
>;

/** 用印登记: one stamping session against the approval. */
export type SealUsageRecorded = SealUsageEventOf<
  'SealUsageRecorded',
  {
    readonly applicationId: string;
    readonly usageId: string;
    readonly sealId: string;
    readonly copies: number;
    readonly impressions: number;
    /** Impressions still allowed on the approval after this usage; 0 means fully used. */
    readonly remainingImpressions: number;
    /** Who stamped: the keeper of record, or their deputy. */
    readonly keeperId: string;
    readonly keeperName: string;
    /** DIR-6: stamped by the keeper's deputy under the delegation (its DutyDelegated event) of the keeper named here. */
    readonly deputyFor?: { readonly keeperId: string; readonly keeperName: string; readonly delegationGrantId: string };
    readonly witnessId: string;
    readonly witnessName: string;
    readonly remarks?: string;
    readonly usedAt: string;
    /** SEAL-7 (an application for a document, from version 2): the sign-off and registration checked again at the usage. */
    readonly document?: SealUsageDocumentFacts;
  },
  2
>;

export type SealUsageApplicationEvent =
  | SealUsageApplicationSubmitted
  | SealUsageApplicationApproved
  | SealUsageApplicationRejected
  | SealUsageApplicationCancelled
  | SealUsageApplicationExpired
  | SealUsageRecorded;

export type SealUsageApplicationEventType = SealUsageApplicationEvent['type'];

export const sealUsageApplicationEventTypes: readonly SealUsageApplicationEventType[] = [
  'SealUsageApplicationSubmitted',
  'SealUsageApplicationApproved',
  'SealUsageApplicationRejected',
  'SealUsageApplicationCancelled',
  'SealUsageApplicationExpired',
  'SealUsageRecorded',
];

/** The current schemaVersion of each event type (a new shape gets a new version and an upcaster, upcasters.ts). */
export const sealUsageApplicationEventVersions: Readonly<Record<SealUsageApplicationEventType, number>> = {
  SealUsageApplicationSubmitted: 1,
  SealUsageApplicationApproved: 2,
  SealUsageApplicationRejected: 1,
  SealUsageApplicationCancelled: 1,
  SealUsageApplicationExpired: 1,
  SealUsageRecorded: 2,
};

/** An event of the application stream at its current schemaVersion. */
export const sealUsageApplicationEvent = <T extends SealUsageApplicationEventType>(
  type: T,
  data: Extract<SealUsageApplicationEvent, { readonly type: T }>['data'],
): Extract<SealUsageApplicationEvent, { readonly type: T }> =>
  ({ type, data, schemaVersion: sealUsageApplicationEventVersions[type] }) as unknown as Extract<SealUsageApplicationEvent, { readonly type: T }>;
