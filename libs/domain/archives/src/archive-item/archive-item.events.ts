import type { PostReliedOn } from '@oa/core';
import type { DomainEvent, SecrecyLevel } from '@oa/core';
import type { FilingStamp } from '../archival-code';
import type { ArchiveComponent, ArchiveItemMetadata, FilingSource, ReceivedCopy, Retention } from '../archives.vocabulary';
import type { DestructionWitness } from './archive-item.commands';
import type { FourPropertiesReport } from './four-properties';

/** Every archive event is at schema version 1; a new shape gets a new version and an upcaster. */
type ArchiveEventOf<Type extends string, Data extends object> = DomainEvent<Type, Data> & { readonly schemaVersion: 1 };

export type FilingCandidateRegistered = ArchiveEventOf<
  'FilingCandidateRegistered',
  {
    readonly itemId: string;
    readonly source: FilingSource;
    readonly title: string;
    readonly date: string;
    readonly secrecyLevel: SecrecyLevel;
    readonly responsibleParty: string;
    readonly components: readonly ArchiveComponent[];
    readonly registeredAt: string;
  }
>;

export type ArchiveItemFiled = ArchiveEventOf<
  'ArchiveItemFiled',
  {
    readonly itemId: string;
    readonly archivalCode: string;
    readonly metadata: ArchiveItemMetadata;
    readonly filingStamp: FilingStamp;
    /** ARC-4 四性检测 report; always passed, or the filing was refused. */
    readonly fourPropertiesReport: FourPropertiesReport;
    /** ARC-3 filed after the deadline (AUD-9 reads this). */
    readonly late: boolean;
    readonly filingDeadline: string;
    /** ARC-6 last year of retention; absent for Y (永久). */
    readonly retentionEndsYear?: number;
    readonly filedById: string;
    readonly filedByName: string;
    readonly filedAt: string;
  }
>;

export type ArchiveItemLoanRequested = ArchiveEventOf<
  'ArchiveItemLoanRequested',
  {
    readonly itemId: string;
    readonly loanId: string;
    readonly borrowerId: string;
    readonly borrowerName: string;
    readonly borrowerClearance: SecrecyLevel;
    readonly purpose: string;
    readonly dueAt: string;
    readonly requestedAt: string;
  }
>;

export type ArchiveItemLoanApproved = ArchiveEventOf<
  'ArchiveItemLoanApproved',
  {
    readonly itemId: string;
    readonly loanId: string;
    readonly approverId: string;
    readonly approverName: string;
    /** DIR-5: for a classified item, the office director post (办公室主任) the approval relied on, as the directory held it. */
    readonly approvedUnder?: PostReliedOn;
    readonly comment?: string;
    readonly approvedAt: string;
  }
>;

export type ArchiveItemLoanRejected = ArchiveEventOf<
  'ArchiveItemLoanRejected',
  { readonly itemId: string; readonly loanId: string; readonly rejectedById: string; readonly reason: string; readonly rejectedAt: string }
>;

export type ArchiveItemReturned = ArchiveEventOf<
  'ArchiveItemReturned',
  {
    readonly itemId: string;
    readonly loanId: string;
    readonly receivedById: string;
    readonly receivedByName: string;
    /** Returned after the due date (AUD-12 reads this). */
    readonly late: boolean;
    readonly remarks?: string;
    readonly returnedAt: string;
  }
>;

export type ArchiveItemLoanMarkedOverdue = ArchiveEventOf<
  'ArchiveItemLoanMarkedOverdue',
  { readonly itemId: string; readonly loanId: string; readonly borrowerId: string; readonly dueAt: string; readonly markedAt: string }
>;

export type ArchiveItemAppraised = ArchiveEventOf<
  'ArchiveItemAppraised',
  {
    readonly itemId: string;
    readonly appraisalId: string;
    readonly decision: 'destroy' | 'extend';
    readonly reason: string;
    readonly retention: Retention;
    /** With `extend`: the new last year of retention. */
    readonly retentionEndsYear?: number;
    readonly appraisedById: string;
    readonly appraisedByName: string;
    readonly appraisedAt: string;
  }
>;

export type ArchiveItemDestructionApproved = ArchiveEventOf<
  'ArchiveItemDestructionApproved',
  {
    readonly itemId: string;
    readonly appraisalId: string;
    readonly approverId: string;
    readonly approverName: string;
    readonly comment?: string;
    readonly approvedAt: string;
  }
>;

export type ArchiveItemDestructionRejected = ArchiveEventOf<
  'ArchiveItemDestructionRejected',
  { readonly itemId: string; readonly appraisalId: string; readonly rejectedById: string; readonly reason: string; readonly rejectedAt: string }
>;

/** 销毁清册条目 (ARC-6): kept permanently, with the item's metadata. */
export interface DestructionListEntry {
  readonly destructionListId: string;
  readonly archivalCode: string;
  readonly metadata: ArchiveItemMetadata;
  readonly componentHashes: ReadonlyArray<{ readonly componentId: string; readonly hashAlgorithm: string; readonly hash: string }>;
  readonly appraisalId: string;
  readonly appraisalReason: string;
  readonly approverId: string;
  readonly approverName: string;
  readonly witnesses: readonly DestructionWitness[];
  readonly method: string;
  readonly destroyedById: string;
  readonly destroyedAt: string;
}

export type ArchiveItemDestroyed = ArchiveEventOf<
  'ArchiveItemDestroyed',
  { readonly itemId: string; readonly destructionListEntry: DestructionListEntry; readonly destroyedAt: string }
>;

export type ArchiveItemTransferred = ArchiveEventOf<
  'ArchiveItemTransferred',
  {
    readonly itemId: string;
    readonly transferId: string;
    readonly recipient: string;
    readonly archivalCode: string;
    readonly transferredById: string;
    readonly transferredAt: string;
  }
>;

/** FILE-4 the archives side of a transfer: the bytes stored here, with the digests computed here. */
export type ArchiveComponentReceived = ArchiveEventOf<'ArchiveComponentReceived', { readonly itemId: string; readonly copy: ReceivedCopy; readonly receivedById: string }>;

/** ARC-4 a 四性检测 of a filed item, with every digest, passed or not. */
export type ArchiveItemFourPropertiesChecked = ArchiveEventOf<
  'ArchiveItemFourPropertiesChecked',
  { readonly itemId: string; readonly report: FourPropertiesReport; readonly checkedById: string; readonly checkedAt: string }
>;

export type ArchiveItemEvent =
  | ArchiveComponentReceived
  | ArchiveItemFourPropertiesChecked
  | FilingCandidateRegistered
  | ArchiveItemFiled
  | ArchiveItemLoanRequested
  | ArchiveItemLoanApproved
  | ArchiveItemLoanRejected
  | ArchiveItemReturned
  | ArchiveItemLoanMarkedOverdue
  | ArchiveItemAppraised
  | ArchiveItemDestructionApproved
  | ArchiveItemDestructionRejected
  | ArchiveItemDestroyed
  | ArchiveItemTransferred;

export type ArchiveItemEventType = ArchiveItemEvent['type'];

export const archiveItemEventTypes: readonly ArchiveItemEventType[] = [
  'FilingCandidateRegistered',
  'ArchiveItemFiled',
  'ArchiveItemLoanRequested',
  'ArchiveItemLoanApproved',
  'ArchiveItemLoanRejected',
  'ArchiveItemReturned',
  'ArchiveItemLoanMarkedOverdue',
  'ArchiveItemAppraised',
  'ArchiveItemDestructionApproved',
  'ArchiveItemDestructionRejected',
  'ArchiveItemDestroyed',
  'ArchiveItemTransferred',
];

export function archiveEvent<E extends ArchiveItemEvent>(type: E['type'], data: E['data']): E {
  return { type, data, schemaVersion: 1 } as E;
}
