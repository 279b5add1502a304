import type { SealEvent } from './seal.events';
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
  | { readonly status: 'empty' }
  | (SealRecord & { readonly status: 'registered' | 'active' | 'suspended' | 'disabled' })
  | (SealRecord & {
      readonly status: 'surrendered';
      readonly surrenderedAt: string;
      readonly surrenderWitnessId: string;
    });

export type RegisteredSealState = Exclude<SealState, { readonly status: 'empty' }>;

export const initialSealState = (): SealState => ({ status: 'empty' });

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
  if (state.status === 'empty') return undefined;
  return {
    sealId: state.sealId,
    status: state.status,
    kind: state.kind,
    ...(state.keeperId !== undefined ? { keeperId: state.keeperId } : {}),
    checkedOut: state.checkout?.phase === 'out',
  };
}

/** Total: an event that does not fit the state leaves it unchanged (a recorded event is a fact). */
export function evolveSeal(state: SealState, event: SealEvent): SealState {
  if (event.type === 'SealRegistered') {
    const { sealId, kind, name, owningUnit, engravingApprovalReference, impressionImageHash, registeredAt } = event.data;
    return { status: 'registered', sealId, kind, name, owningUnit, engravingApprovalReference, impressionImageHash, registeredAt };
  }
  if (state.status === 'empty') return state;
  switch (event.type) {
    case 'SealActivated':
    case 'SealResumed':
      return { ...state, status: 'active' };
    case 'SealSuspended':
      return { ...state, status: 'suspended' };
    case 'SealDisabled':
      return { ...state, status: 'disabled' };
    case 'SealSurrendered':
      return {
        ...state,
        status: 'surrendered',
        surrenderedAt: event.data.surrenderedAt,
        surrenderWitnessId: event.data.witnessId,
      };
    case 'SealKeeperAssigned':
      return { ...state, keeperId: event.data.keeperId, keeperName: event.data.keeperName };
    case 'SealHandoverInitiated': {
      const { sealId: _sealId, ...handover } = event.data;
      return { ...state, handover };
    }
    case 'SealHandoverConfirmed': {
      if (!state.handover || state.handover.handoverId !== event.data.handoverId) return state;
      const key = event.data.party === 'outgoing' ? 'outgoingConfirmedAt' : 'incomingConfirmedAt';
      return { ...state, handover: { ...state.handover, [key]: event.data.confirmedAt } };
    }
    case 'SealHandedOver': {
      const { handover: _done, ...rest } = state;
      return { ...rest, keeperId: event.data.incomingKeeperId, keeperName: event.data.incomingKeeperName };
    }
    case 'SealHandoverCancelled': {
      const { handover: _cancelled, ...rest } = state;
      return rest;
    }
    case 'SealCheckoutRequested': {
      const { sealId: _sealId, requestedByName: _name, ...request } = event.data;
      return { ...state, checkout: { ...request, phase: 'requested' } };
    }
    case 'SealCheckoutApproved':
      if (state.checkout?.checkoutId !== event.data.checkoutId) return state;
      return {
        ...state,
        checkout: { ...state.checkout, phase: 'out', approverId: event.data.approverId, approvedAt: event.data.approvedAt },
      };
    case 'SealCheckoutRejected':
    case 'SealReturned': {
      if (state.checkout?.checkoutId !== event.data.checkoutId) return state;
      const { checkout: _closed, ...rest } = state;
      return rest;
    }
    case 'SealCheckoutMarkedOverdue':
      if (state.checkout?.phase !== 'out' || state.checkout.checkoutId !== event.data.checkoutId) return state;
      return { ...state, checkout: { ...state.checkout, markedOverdueAt: event.data.markedAt } };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}
