import type { Actor, Command } from '@oa/core';
import type { SealEvent } from './seal.events';

/** Test data for seal specs (not exported from the library's index). */

export const NOW = '2024-07-01T02:00:00.000Z';
export const SEAL_ID = 'seal-1';

export const people = {
  registrar: { id: 'u-director', name: '李主任', roles: ['officeDirector', 'sealApprover'] },
  keeper: { id: 'u-keeper', name: '王保管', roles: ['sealKeeper'] },
  nextKeeper: { id: 'u-keeper-2', name: '赵接管', roles: ['sealKeeper'] },
  witness: { id: 'u-witness', name: '周监印', roles: ['registrar'] },
  leader: { id: 'u-leader', name: '陈书记', roles: ['leader'] },
  clerk: { id: 'u-clerk', name: '刘科员', roles: ['handler'] },
  carrier: { id: 'u-carrier', name: '孙干事', roles: ['handler'] },
} as const satisfies Record<string, Actor>;

export function command<C extends Command>(type: C['type'], data: C['data'], actor: Actor, now: string = NOW): C {
  return { type, data, metadata: { actor, now } } as C;
}

/** A typed builder of the events of one stream: the type string picks the data shape. */
export function eventsOf<E extends { readonly type: string; readonly data: object }>() {
  return <T extends E['type']>(type: T, data: Extract<E, { readonly type: T }>['data']): Extract<E, { readonly type: T }> =>
    ({ type, data, schemaVersion: 1 }) as unknown as Extract<E, { readonly type: T }>;
}

export const sealEvent = eventsOf<SealEvent>();

export const sealRegistered = (at = '2024-06-01T01:00:00.000Z') =>
  sealEvent('SealRegistered', {
    sealId: SEAL_ID,
    kind: 'administrative',
    name: '某某县人民政府办公室',
    owningUnit: '县政府办公室',
    engravingApprovalReference: '县公安备〔2024〕12号',
    impressionImageHash: 'sha256:5f2b0c6e9a1d4b7c8e3f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d',
    registeredAt: at,
  });

export const keeperAssigned = (keeper: Actor = people.keeper) =>
  sealEvent('SealKeeperAssigned', { sealId: SEAL_ID, keeperId: keeper.id, keeperName: keeper.name, assignedAt: '2024-06-01T02:00:00.000Z' });

export const sealActivated = () => sealEvent('SealActivated', { sealId: SEAL_ID, activatedAt: '2024-06-01T03:00:00.000Z' });

/** A registered seal with its keeper, in use. */
export const activeSeal = (): SealEvent[] => [sealRegistered(), keeperAssigned(), sealActivated()];

export const checkoutRequested = (expectedReturnAt = '2024-07-03T10:00:00.000Z') =>
  sealEvent('SealCheckoutRequested', {
    sealId: SEAL_ID,
    checkoutId: 'co-1',
    reason: '赴市里签订合作协议',
    destination: '市政府',
    carrierId: people.carrier.id,
    carrierName: people.carrier.name,
    expectedReturnAt,
    requestedById: people.clerk.id,
    requestedByName: people.clerk.name,
    requestedAt: '2024-07-01T01:00:00.000Z',
  });

export const checkoutApproved = () =>
  sealEvent('SealCheckoutApproved', {
    sealId: SEAL_ID,
    checkoutId: 'co-1',
    approverId: people.leader.id,
    approverName: people.leader.name,
    approvedAt: '2024-07-01T01:30:00.000Z',
  });

export const handoverInitiated = () =>
  sealEvent('SealHandoverInitiated', {
    sealId: SEAL_ID,
    handoverId: 'ho-1',
    outgoingKeeperId: people.keeper.id,
    outgoingKeeperName: people.keeper.name,
    incomingKeeperId: people.nextKeeper.id,
    incomingKeeperName: people.nextKeeper.name,
    witnessId: people.witness.id,
    witnessName: people.witness.name,
    initiatedAt: '2024-07-01T01:00:00.000Z',
  });
