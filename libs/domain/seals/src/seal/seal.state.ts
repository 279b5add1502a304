import type { SealKind } from './seal.kinds';

export type SealStatus = 'registered' | 'active' | 'suspended' | 'disabled' | 'surrendered';

export interface SealHandover {
  readonly handoverId: string;
  readonly outgoingKeeperId: string;
  readonly outgoingKeeperName: string;
  readonly incomingKeeperId: string;
  readonly incomingKeeperName: string;
  readonly witnessId: string;
  readonly witnessName: string;
  readonly initiatedAt: string;
  readonly outgoingConfirmedAt?: string;
  readonly incomingConfirmedAt?: string;
}

interface SealCheckoutRequest {
  readonly checkoutId: string;
  readonly reason: string;
  readonly destination: string;
  readonly carrierId: string;
  readonly carrierName: string;
  readonly expectedReturnAt: string;
  readonly requestedById: string;
  readonly requestedAt: string;
}

/** A checkout is first requested, then out (外借中) once approved, until returned. */
export type SealCheckout =
  | (SealCheckoutRequest & { readonly phase: 'requested' })
  | (SealCheckoutRequest & {
      readonly phase: 'out';
      readonly approverId: string;
      readonly approvedAt: string;
      readonly markedOverdueAt?: string;
    });

export interface SealRecord {
  readonly sealId: string;
  readonly kind: SealKind;
  readonly name: string;
  readonly owningUnit: string;
  readonly engravingApprovalReference: string;
  readonly impressionImageHash: string;
  readonly registeredAt: string;
  /** SEAL-2: at most one keeper, replaced only by a completed handover. */
  readonly keeperId?: string;
  readonly keeperName?: string;
  readonly handover?: SealHandover;
  readonly checkout?: SealCheckout;
}

export type SealState =
  | { readonly status: 'unregistered' }
  | (SealRecord & { readonly status: 'registered' | 'active' | 'suspended' | 'disabled' })
  | (SealRecord & {
      readonly status: 'surrendered';
      readonly surrenderedAt: string;
      readonly surrenderWitnessId: string;
    });

export type RegisteredSealState = Exclude<SealState, { readonly status: 'unregistered' }>;

export const initialSealState = (): SealState => ({ status: 'unregistered' });

/**
 * What other aggregates need to know about a seal (usage approval and recording). The
 * application layer reads it from the seal's stream or read model before building the
 * command, so the usage application's decide stays pure.
 */
export interface SealFacts {
  readonly sealId: string;
  readonly status: SealStatus;
  readonly kind: SealKind;
  /** Absent while no keeper has been assigned. */
  readonly keeperId?: string;
  /** Out on an approved checkout (外借中). */
  readonly checkedOut: boolean;
}

/** The facts of a registered seal, for building usage-application commands. */
export function sealFactsOf(state: SealState): SealFacts | undefined {
  if (state.status === 'unregistered') return undefined;
  return {
    sealId: state.sealId,
    status: state.status,
    kind: state.kind,
    ...(state.keeperId !== undefined ? { keeperId: state.keeperId } : {}),
    checkedOut: state.checkout?.phase === 'out',
  };
}
