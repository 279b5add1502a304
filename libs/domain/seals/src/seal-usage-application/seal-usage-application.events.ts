import type { DomainEvent } from '@oa/core';
import type { SealKind } from '../seal/seal.kinds';

type SealUsageEventOf<Type extends string, Data extends object> = DomainEvent<Type, Data> & { readonly schemaVersion: 1 };

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
  }
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
    readonly keeperId: string;
    readonly keeperName: string;
    readonly witnessId: string;
    readonly witnessName: string;
    readonly remarks?: string;
    readonly usedAt: string;
  }
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
