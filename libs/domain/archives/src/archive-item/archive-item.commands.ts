import type { Command, SecrecyLevel } from '@oa/core';
import type { ArchiveComponent, CategoryCode, FilingSource, ReceivedCopy, Retention } from '../archives.vocabulary';
import type { RecomputedHash } from './four-properties';

/**
 * ARC-1: a completed or distributed document, or finalized minutes, arrives as a filing
 * candidate (the reaction to `oa.documents.events` / `oa.meetings.events`). The facts are
 * copied from the source event; content stays in its service (COMMON-4), only hashes travel.
 */
export type RegisterFilingCandidate = Command<
  'RegisterFilingCandidate',
  {
    readonly itemId: string;
    readonly source: FilingSource;
    readonly title: string;
    /** 成文日期 or meeting date, `YYYY-MM-DD`. */
    readonly date: string;
    readonly secrecyLevel: SecrecyLevel;
    readonly responsibleParty: string;
    readonly components: readonly ArchiveComponent[];
  }
>;

/** FILE-4 a component's bytes stored in the archives: copied from its source, or uploaded by an archivist. */
export type ReceiveArchiveComponent = Command<'ReceiveArchiveComponent', { readonly itemId: string; readonly copy: Omit<ReceivedCopy, 'receivedAt'> }>;

/**
 * ARC-4 四性检测 of a filed item, on demand: the service recomputes every digest and format from
 * the stored bytes; the report is an event whatever it finds (bytes changed after filing fail, visibly).
 */
export type CheckArchiveItemFourProperties = Command<'CheckArchiveItemFourProperties', { readonly itemId: string; readonly recomputedHashes: readonly RecomputedHash[] }>;

/**
 * ARC-1 归档: the archivist files the candidate as an item. `itemNumber` comes from the
 * archival code sequence of fonds, year, retention and organisation (ARC-2); the service
 * recomputes each component's hash and format from the bytes it stores and passes them in for the 四性检测 (ARC-4).
 */
export type FileArchiveItem = Command<
  'FileArchiveItem',
  {
    readonly itemId: string;
    readonly fondsCode: string;
    readonly categoryCode: CategoryCode;
    readonly year: number;
    readonly retention: Retention;
    readonly organisationCode: string;
    readonly itemNumber: number;
    readonly pages: number;
    readonly recomputedHashes: readonly RecomputedHash[];
  }
>;

/** ARC-5 借阅申请: the borrower is the actor; their clearance is a fact read from the security kernel. */
export type RequestArchiveItemLoan = Command<
  'RequestArchiveItemLoan',
  {
    readonly itemId: string;
    readonly loanId: string;
    readonly purpose: string;
    /** ISO instant. */
    readonly dueAt: string;
    readonly borrowerClearance: SecrecyLevel;
  }
>;

export type ApproveArchiveItemLoan = Command<'ApproveArchiveItemLoan', { readonly itemId: string; readonly loanId: string; readonly comment?: string }>;
export type RejectArchiveItemLoan = Command<'RejectArchiveItemLoan', { readonly itemId: string; readonly loanId: string; readonly reason: string }>;
/** 归还, recorded by an archivist. */
export type ReturnArchiveItemLoan = Command<'ReturnArchiveItemLoan', { readonly itemId: string; readonly loanId: string; readonly remarks?: string }>;
/** For the scheduled job: marks every approved loan past its due date overdue at `metadata.now`, each at most once. */
export type MarkArchiveItemLoansOverdue = Command<'MarkArchiveItemLoansOverdue', { readonly itemId: string }>;

/** ARC-6 鉴定: by the appraisal committee, after the retention period; destroy, or extend by some years. */
export type AppraiseArchiveItem = Command<
  'AppraiseArchiveItem',
  {
    readonly itemId: string;
    readonly appraisalId: string;
    readonly decision: 'destroy' | 'extend';
    readonly reason: string;
    /** With `extend`: years to keep it, counted from this year. */
    readonly extendYears?: number;
  }
>;

/** ARC-6 销毁须经领导批准. */
export type ApproveArchiveItemDestruction = Command<'ApproveArchiveItemDestruction', { readonly itemId: string; readonly appraisalId: string; readonly comment?: string }>;
export type RejectArchiveItemDestruction = Command<'RejectArchiveItemDestruction', { readonly itemId: string; readonly appraisalId: string; readonly reason: string }>;

export interface DestructionWitness {
  readonly id: string;
  readonly name: string;
}

/** ARC-6 销毁: with at least two witnesses (监销人); the metadata stays, a destruction list entry is recorded. */
export type DestroyArchiveItem = Command<
  'DestroyArchiveItem',
  {
    readonly itemId: string;
    readonly appraisalId: string;
    /** 销毁清册编号 */
    readonly destructionListId: string;
    readonly method: string;
    readonly witnesses: readonly DestructionWitness[];
  }
>;

/** ARC-7 移交 to the archives bureau (档案馆); read-only afterwards. */
export type TransferArchiveItem = Command<
  'TransferArchiveItem',
  { readonly itemId: string; readonly transferId: string; readonly recipient: string }
>;

export type ArchiveItemCommand =
  | ReceiveArchiveComponent
  | CheckArchiveItemFourProperties
  | RegisterFilingCandidate
  | FileArchiveItem
  | RequestArchiveItemLoan
  | ApproveArchiveItemLoan
  | RejectArchiveItemLoan
  | ReturnArchiveItemLoan
  | MarkArchiveItemLoansOverdue
  | AppraiseArchiveItem
  | ApproveArchiveItemDestruction
  | RejectArchiveItemDestruction
  | DestroyArchiveItem
  | TransferArchiveItem;

export type ArchiveItemCommandType = ArchiveItemCommand['type'];
