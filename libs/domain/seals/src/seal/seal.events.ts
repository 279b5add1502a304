import type { DomainEvent, PostReliedOn } from '@oa/core';
import type { SealKind } from './seal.kinds';

/** Every seal event is at schema version 1; a new shape gets a new version and an upcaster. */
type SealEventOf<Type extends string, Data extends object> = DomainEvent<Type, Data> & { readonly schemaVersion: 1 };

export type SealRegistered = SealEventOf<
  'SealRegistered',
  {
    readonly sealId: string;
    readonly kind: SealKind;
    readonly name: string;
    readonly owningUnit: string;
    readonly engravingApprovalReference: string;
    readonly impressionImageHash: string;
    readonly registeredAt: string;
  }
>;

export type SealActivated = SealEventOf<'SealActivated', { readonly sealId: string; readonly activatedAt: string }>;
export type SealSuspended = SealEventOf<
  'SealSuspended',
  { readonly sealId: string; readonly reason: string; readonly suspendedAt: string }
>;
export type SealResumed = SealEventOf<'SealResumed', { readonly sealId: string; readonly resumedAt: string }>;
export type SealDisabled = SealEventOf<
  'SealDisabled',
  { readonly sealId: string; readonly reason: string; readonly disabledAt: string }
>;
export type SealSurrendered = SealEventOf<
  'SealSurrendered',
  {
    readonly sealId: string;
    /** The keeper who handed it in, when there was one. */
    readonly keeperId?: string;
    readonly witnessId: string;
    readonly witnessName: string;
    readonly reason?: string;
    readonly surrenderedAt: string;
  }
>;

export type SealKeeperAssigned = SealEventOf<
  'SealKeeperAssigned',
  { readonly sealId: string; readonly keeperId: string; readonly keeperName: string; readonly assignedAt: string }
>;

export type SealHandoverInitiated = SealEventOf<
  'SealHandoverInitiated',
  {
    readonly sealId: string;
    readonly handoverId: string;
    readonly outgoingKeeperId: string;
    readonly outgoingKeeperName: string;
    readonly incomingKeeperId: string;
    readonly incomingKeeperName: string;
    readonly witnessId: string;
    readonly witnessName: string;
    readonly initiatedAt: string;
  }
>;

export type SealHandoverParty = 'outgoing' | 'incoming';

export type SealHandoverConfirmed = SealEventOf<
  'SealHandoverConfirmed',
  {
    readonly sealId: string;
    readonly handoverId: string;
    readonly party: SealHandoverParty;
    readonly confirmedById: string;
    readonly confirmedAt: string;
  }
>;

/** The keeper changes here and only here after the first assignment (SEAL-2). */
export type SealHandedOver = SealEventOf<
  'SealHandedOver',
  {
    readonly sealId: string;
    readonly handoverId: string;
    readonly outgoingKeeperId: string;
    readonly incomingKeeperId: string;
    readonly incomingKeeperName: string;
    readonly witnessId: string;
    readonly witnessName: string;
    readonly handedOverAt: string;
  }
>;

export type SealHandoverCancelled = SealEventOf<
  'SealHandoverCancelled',
  { readonly sealId: string; readonly handoverId: string; readonly reason: string; readonly cancelledAt: string }
>;

export type SealCheckoutRequested = SealEventOf<
  'SealCheckoutRequested',
  {
    readonly sealId: string;
    readonly checkoutId: string;
    readonly reason: string;
    readonly destination: string;
    readonly carrierId: string;
    readonly carrierName: string;
    readonly expectedReturnAt: string;
    readonly requestedById: string;
    readonly requestedByName: string;
    readonly requestedAt: string;
  }
>;

/** The seal is out from here until SealReturned. */
export type SealCheckoutApproved = SealEventOf<
  'SealCheckoutApproved',
  {
    readonly sealId: string;
    readonly checkoutId: string;
    readonly approverId: string;
    readonly approverName: string;
    /** DIR-5: the principal leader post (主要负责人) the approval relied on, as the directory held it (its PostAssigned event). */
    readonly approvedUnder?: PostReliedOn;
    readonly comment?: string;
    readonly approvedAt: string;
  }
>;

export type SealCheckoutRejected = SealEventOf<
  'SealCheckoutRejected',
  {
    readonly sealId: string;
    readonly checkoutId: string;
    readonly rejectedById: string;
    readonly rejectedByName: string;
    readonly reason: string;
    readonly rejectedAt: string;
  }
>;

export type SealReturned = SealEventOf<
  'SealReturned',
  {
    readonly sealId: string;
    readonly checkoutId: string;
    /** The keeper who took it back. */
    readonly receivedById: string;
    readonly receivedByName: string;
    readonly returnedAt: string;
    /** Returned after the expected return (AUD-2 reads this). */
    readonly late: boolean;
    readonly remarks?: string;
  }
>;

export type SealCheckoutMarkedOverdue = SealEventOf<
  'SealCheckoutMarkedOverdue',
  { readonly sealId: string; readonly checkoutId: string; readonly expectedReturnAt: string; readonly markedAt: string }
>;

export type SealEvent =
  | SealRegistered
  | SealActivated
  | SealSuspended
  | SealResumed
  | SealDisabled
  | SealSurrendered
  | SealKeeperAssigned
  | SealHandoverInitiated
  | SealHandoverConfirmed
  | SealHandedOver
  | SealHandoverCancelled
  | SealCheckoutRequested
  | SealCheckoutApproved
  | SealCheckoutRejected
  | SealReturned
  | SealCheckoutMarkedOverdue;

export type SealEventType = SealEvent['type'];

export const sealEventTypes: readonly SealEventType[] = [
  'SealRegistered',
  'SealActivated',
  'SealSuspended',
  'SealResumed',
  'SealDisabled',
  'SealSurrendered',
  'SealKeeperAssigned',
  'SealHandoverInitiated',
  'SealHandoverConfirmed',
  'SealHandedOver',
  'SealHandoverCancelled',
  'SealCheckoutRequested',
  'SealCheckoutApproved',
  'SealCheckoutRejected',
  'SealReturned',
  'SealCheckoutMarkedOverdue',
];
