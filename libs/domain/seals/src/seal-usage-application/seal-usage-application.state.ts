import type { SealKind } from '../seal/seal.kinds';
import type { SealUsageApprovalBasis } from './seal-usage-application.events';

export interface SealUsageApplicationDetails {
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
  readonly submittedAt: string;
}

export interface SealUsageApproval {
  readonly basis: SealUsageApprovalBasis;
  readonly approverId: string;
  readonly approverName: string;
  readonly approvedImpressions: number;
  readonly approvedAt: string;
  readonly expiresAt: string;
}

/** SEAL-6: what has been consumed of the approval so far. */
export interface SealUsageProgress {
  readonly usedImpressions: number;
  readonly usedCopies: number;
  readonly usageIds: readonly string[];
}

export type SealUsageApplicationStatus =
  | 'none'
  | 'submitted'
  | 'approved'
  | 'fullyUsed'
  | 'expired'
  | 'rejected'
  | 'cancelled';

type Approved = SealUsageApplicationDetails & SealUsageProgress & { readonly approval: SealUsageApproval };

export type SealUsageApplicationState =
  | { readonly status: 'none' }
  | (SealUsageApplicationDetails & { readonly status: 'submitted' })
  | (SealUsageApplicationDetails & {
      readonly status: 'rejected';
      readonly rejectedById: string;
      readonly rejectionReason: string;
      readonly rejectedAt: string;
    })
  | (Approved & { readonly status: 'approved' })
  | (Approved & { readonly status: 'fullyUsed' })
  | (Approved & { readonly status: 'expired'; readonly expiredAt: string })
  | (SealUsageApplicationDetails &
      SealUsageProgress & {
        readonly status: 'cancelled';
        readonly approval?: SealUsageApproval;
        readonly cancelledAt: string;
      });

export type SubmittedSealUsageApplicationState = Exclude<SealUsageApplicationState, { readonly status: 'none' }>;

export const initialSealUsageApplicationState = (): SealUsageApplicationState => ({ status: 'none' });

export function remainingImpressions(state: SealUsageApplicationState): number {
  return state.status === 'approved' ? state.approval.approvedImpressions - state.usedImpressions : 0;
}
