import type { SealKind } from '../seal/seal.kinds';
import type { SealUsageApplicationEvent, SealUsageApprovalBasis } from './seal-usage-application.events';

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
  /** SEAL-7 the document's sign-off the approval relied on (basis `documentSignOff`). */
  readonly signedOffAt?: string;
}

/** SEAL-6: what has been consumed of the approval so far. */
export interface SealUsageProgress {
  readonly usedImpressions: number;
  readonly usedCopies: number;
  readonly usageIds: readonly string[];
}

export type SealUsageApplicationStatus =
  | 'empty'
  | 'submitted'
  | 'approved'
  | 'fullyUsed'
  | 'expired'
  | 'rejected'
  | 'cancelled';

type Approved = SealUsageApplicationDetails & SealUsageProgress & { readonly approval: SealUsageApproval };

export type SealUsageApplicationState =
  | { readonly status: 'empty' }
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

export type SubmittedSealUsageApplicationState = Exclude<SealUsageApplicationState, { readonly status: 'empty' }>;

export const initialSealUsageApplicationState = (): SealUsageApplicationState => ({ status: 'empty' });

export function remainingImpressions(state: SealUsageApplicationState): number {
  return state.status === 'approved' ? state.approval.approvedImpressions - state.usedImpressions : 0;
}

/** Total: an event that does not fit the state leaves it unchanged (a recorded event is a fact). */
export function evolveSealUsageApplication(
  state: SealUsageApplicationState,
  event: SealUsageApplicationEvent,
): SealUsageApplicationState {
  switch (event.type) {
    case 'SealUsageApplicationSubmitted': {
      const { applicantUnit: _unit, ...details } = event.data;
      return { ...details, status: 'submitted' };
    }
    case 'SealUsageApplicationApproved': {
      if (state.status !== 'submitted') return state;
      const { basis, approverId, approverName, approvedImpressions, approvedAt, expiresAt, signedOffAt } = event.data;
      return {
        ...state,
        status: 'approved',
        approval: { basis, approverId, approverName, approvedImpressions, approvedAt, expiresAt, ...(signedOffAt !== undefined && { signedOffAt }) },
        usedImpressions: 0,
        usedCopies: 0,
        usageIds: [],
      };
    }
    case 'SealUsageApplicationRejected':
      if (state.status !== 'submitted') return state;
      return {
        ...state,
        status: 'rejected',
        rejectedById: event.data.rejectedById,
        rejectionReason: event.data.reason,
        rejectedAt: event.data.rejectedAt,
      };
    case 'SealUsageApplicationCancelled':
      if (state.status === 'submitted') {
        return { ...state, status: 'cancelled', usedImpressions: 0, usedCopies: 0, usageIds: [], cancelledAt: event.data.cancelledAt };
      }
      if (state.status === 'approved') return { ...state, status: 'cancelled', cancelledAt: event.data.cancelledAt };
      return state;
    case 'SealUsageApplicationExpired':
      if (state.status !== 'approved') return state;
      return { ...state, status: 'expired', expiredAt: event.data.expiredAt };
    case 'SealUsageRecorded': {
      if (state.status !== 'approved') return state;
      const usedImpressions = state.usedImpressions + event.data.impressions;
      return {
        ...state,
        status: usedImpressions >= state.approval.approvedImpressions ? 'fullyUsed' : 'approved',
        usedImpressions,
        usedCopies: state.usedCopies + event.data.copies,
        usageIds: [...state.usageIds, event.data.usageId],
      };
    }
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}
