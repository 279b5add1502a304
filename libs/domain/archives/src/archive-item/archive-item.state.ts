import type { SecrecyLevel } from '@oa/core';
import type { FilingStamp } from '../archival-code';
import type { ArchiveComponent, ArchiveItemMetadata, FilingSource, ReceivedCopy } from '../archives.vocabulary';
import type { ArchiveItemEvent } from './archive-item.events';
import type { DestructionListEntry } from './archive-item.events';
import type { FourPropertiesReport } from './four-properties';

export type ArchiveItemStatus = 'candidate' | 'filed' | 'destroyed' | 'transferred';

export interface FilingCandidate {
  readonly itemId: string;
  readonly source: FilingSource;
  readonly title: string;
  readonly date: string;
  readonly secrecyLevel: SecrecyLevel;
  readonly responsibleParty: string;
  readonly components: readonly ArchiveComponent[];
  readonly registeredAt: string;
  /** FILE-4 the copies stored here, the latest per component. */
  readonly copies: readonly ReceivedCopy[];
}

interface LoanRequest {
  readonly loanId: string;
  readonly borrowerId: string;
  readonly borrowerClearance: SecrecyLevel;
  readonly purpose: string;
  readonly dueAt: string;
  readonly requestedAt: string;
}

/** An open loan: requested, then out once approved, until returned (ARC-5). */
export type ArchiveItemLoan =
  | (LoanRequest & { readonly phase: 'requested' })
  | (LoanRequest & { readonly phase: 'out'; readonly approverId: string; readonly approvedAt: string; readonly markedOverdueAt?: string });

/** An appraisal that decided to destroy, waiting for the leader's approval and the destruction (ARC-6). */
export interface PendingDestruction {
  readonly appraisalId: string;
  readonly reason: string;
  readonly appraisedAt: string;
  readonly approverId?: string;
  readonly approverName?: string;
  readonly approvedAt?: string;
}

export interface FiledArchiveItem extends FilingCandidate {
  readonly archivalCode: string;
  readonly metadata: ArchiveItemMetadata;
  readonly filingStamp: FilingStamp;
  readonly fourPropertiesReport: FourPropertiesReport;
  readonly late: boolean;
  readonly filedAt: string;
  /** ARC-6 last year of retention (moved by an extension); absent for Y. */
  readonly retentionEndsYear?: number;
  readonly loans: readonly ArchiveItemLoan[];
  readonly pendingDestruction?: PendingDestruction;
  /** ARC-4 the latest 四性检测 after filing, if any. */
  readonly lastFourPropertiesCheck?: FourPropertiesReport;
}

export type ArchiveItemState =
  | { readonly status: 'empty' }
  | (FilingCandidate & { readonly status: 'candidate' })
  | (FiledArchiveItem & { readonly status: 'filed' })
  /** ARC-6: the metadata stays after destruction, with the destruction list entry. */
  | (FiledArchiveItem & { readonly status: 'destroyed'; readonly destruction: DestructionListEntry })
  /** ARC-7: read-only from here. */
  | (FiledArchiveItem & { readonly status: 'transferred'; readonly transferId: string; readonly recipient: string; readonly transferredAt: string });

export type FiledArchiveItemState = Extract<ArchiveItemState, { readonly status: 'filed' | 'destroyed' | 'transferred' }>;

export const initialArchiveItemState = (): ArchiveItemState => ({ status: 'empty' });

/** Total: an event that does not fit the state leaves it unchanged (a recorded event is a fact). */
export function evolveArchiveItem(state: ArchiveItemState, event: ArchiveItemEvent): ArchiveItemState {
  if (event.type === 'FilingCandidateRegistered') {
    if (state.status !== 'empty') return state;
    return { status: 'candidate', ...event.data, copies: [] };
  }
  if (event.type === 'ArchiveComponentReceived') {
    if (state.status !== 'candidate') return state;
    const { copy } = event.data;
    return { ...state, copies: [...state.copies.filter((held) => held.componentId !== copy.componentId), copy] };
  }
  if (event.type === 'ArchiveItemFiled') {
    if (state.status !== 'candidate') return state;
    const { itemId: _itemId, filedById: _by, filedByName: _name, filingDeadline: _deadline, ...filing } = event.data;
    return { ...state, ...filing, status: 'filed', loans: [] };
  }
  if (state.status !== 'filed') return state;
  switch (event.type) {
    case 'ArchiveItemFourPropertiesChecked':
      return { ...state, lastFourPropertiesCheck: event.data.report };
    case 'ArchiveItemLoanRequested': {
      const { itemId: _itemId, borrowerName: _name, ...request } = event.data;
      return { ...state, loans: [...state.loans, { ...request, phase: 'requested' }] };
    }
    case 'ArchiveItemLoanApproved':
      return {
        ...state,
        loans: state.loans.map((loan) =>
          loan.loanId === event.data.loanId ? { ...loan, phase: 'out', approverId: event.data.approverId, approvedAt: event.data.approvedAt } : loan,
        ),
      };
    case 'ArchiveItemLoanRejected':
    case 'ArchiveItemReturned':
      return { ...state, loans: state.loans.filter((loan) => loan.loanId !== event.data.loanId) };
    case 'ArchiveItemLoanMarkedOverdue':
      return {
        ...state,
        loans: state.loans.map((loan) => (loan.loanId === event.data.loanId && loan.phase === 'out' ? { ...loan, markedOverdueAt: event.data.markedAt } : loan)),
      };
    case 'ArchiveItemAppraised':
      if (event.data.decision === 'extend') {
        return event.data.retentionEndsYear === undefined ? state : { ...state, retentionEndsYear: event.data.retentionEndsYear };
      }
      return { ...state, pendingDestruction: { appraisalId: event.data.appraisalId, reason: event.data.reason, appraisedAt: event.data.appraisedAt } };
    case 'ArchiveItemDestructionApproved':
      if (state.pendingDestruction?.appraisalId !== event.data.appraisalId) return state;
      return {
        ...state,
        pendingDestruction: { ...state.pendingDestruction, approverId: event.data.approverId, approverName: event.data.approverName, approvedAt: event.data.approvedAt },
      };
    case 'ArchiveItemDestructionRejected': {
      if (state.pendingDestruction?.appraisalId !== event.data.appraisalId) return state;
      const { pendingDestruction: _rejected, ...rest } = state;
      return rest;
    }
    case 'ArchiveItemDestroyed': {
      const { pendingDestruction: _done, ...rest } = state;
      return { ...rest, status: 'destroyed', destruction: event.data.destructionListEntry };
    }
    case 'ArchiveItemTransferred':
      return { ...state, status: 'transferred', transferId: event.data.transferId, recipient: event.data.recipient, transferredAt: event.data.transferredAt };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}
