import type { Command } from '@oa/core';
import type { SealKind } from './seal.kinds';

/** 刻制备案: the seal is registered with its engraving approval and impression image hash. */
export type RegisterSeal = Command<
  'RegisterSeal',
  {
    readonly sealId: string;
    readonly kind: SealKind;
    readonly name: string;
    readonly owningUnit: string;
    /** 刻制审批文号: the reference of the approval to engrave it. */
    readonly engravingApprovalReference: string;
    /** Hash of the impression image (印模) kept on file. */
    readonly impressionImageHash: string;
  }
>;

/** 启用 */
export type ActivateSeal = Command<'ActivateSeal', { readonly sealId: string }>;
/** 暂停使用 */
export type SuspendSeal = Command<'SuspendSeal', { readonly sealId: string; readonly reason: string }>;
/** 恢复使用 */
export type ResumeSeal = Command<'ResumeSeal', { readonly sealId: string }>;
/** 停用 */
export type DisableSeal = Command<'DisableSeal', { readonly sealId: string; readonly reason: string }>;
/** 缴销, with a witness (监销人). */
export type SurrenderSeal = Command<
  'SurrenderSeal',
  {
    readonly sealId: string;
    readonly witnessId: string;
    readonly witnessName: string;
    readonly reason?: string;
  }
>;

/** The first keeper (保管人); later changes go through a handover (SEAL-2). */
export type AssignSealKeeper = Command<
  'AssignSealKeeper',
  { readonly sealId: string; readonly keeperId: string; readonly keeperName: string }
>;

/** 交接: the outgoing keeper is the current one; a witness (监交人) is named. */
export type InitiateSealHandover = Command<
  'InitiateSealHandover',
  {
    readonly sealId: string;
    readonly handoverId: string;
    readonly incomingKeeperId: string;
    readonly incomingKeeperName: string;
    readonly witnessId: string;
    readonly witnessName: string;
  }
>;

/** Issued by the outgoing or the incoming keeper; the actor says which. */
export type ConfirmSealHandover = Command<'ConfirmSealHandover', { readonly sealId: string; readonly handoverId: string }>;

export type CancelSealHandover = Command<
  'CancelSealHandover',
  { readonly sealId: string; readonly handoverId: string; readonly reason: string }
>;

/** 外借 / 携印外出 */
export type RequestSealCheckout = Command<
  'RequestSealCheckout',
  {
    readonly sealId: string;
    readonly checkoutId: string;
    readonly reason: string;
    readonly destination: string;
    /** The person carrying the seal (携印人). */
    readonly carrierId: string;
    readonly carrierName: string;
    /** ISO instant. */
    readonly expectedReturnAt: string;
  }
>;

/** By the principal leader (configurable); the seal is out from this moment. */
export type ApproveSealCheckout = Command<
  'ApproveSealCheckout',
  { readonly sealId: string; readonly checkoutId: string; readonly comment?: string }
>;

export type RejectSealCheckout = Command<
  'RejectSealCheckout',
  { readonly sealId: string; readonly checkoutId: string; readonly reason: string }
>;

/** 归还, recorded by the keeper. */
export type ReturnSeal = Command<'ReturnSeal', { readonly sealId: string; readonly checkoutId: string; readonly remarks?: string }>;

/** For the scheduled job: marks the checkout overdue at `metadata.now`, at most once. */
export type MarkSealCheckoutOverdue = Command<'MarkSealCheckoutOverdue', { readonly sealId: string }>;

export type SealCommand =
  | RegisterSeal
  | ActivateSeal
  | SuspendSeal
  | ResumeSeal
  | DisableSeal
  | SurrenderSeal
  | AssignSealKeeper
  | InitiateSealHandover
  | ConfirmSealHandover
  | CancelSealHandover
  | RequestSealCheckout
  | ApproveSealCheckout
  | RejectSealCheckout
  | ReturnSeal
  | MarkSealCheckoutOverdue;

export type SealCommandType = SealCommand['type'];
