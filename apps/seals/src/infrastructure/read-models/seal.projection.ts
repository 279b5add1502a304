import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import { sealStreamType, type SealEvent } from '@oa/domain-seals';
import { SealReadModel } from './seal.entity';

/** The list's status after each lifecycle event; other events only move the version. */
const STATUS_AFTER: Partial<Record<SealEvent['type'], string>> = {
  SealActivated: 'active',
  SealSuspended: 'suspended',
  SealResumed: 'active',
  SealDisabled: 'disabled',
  SealSurrendered: 'surrendered',
};

/**
 * Keeps the seals list in the append's transaction. A recorded event is a fact: an event
 * that does not fit (no row yet, unknown type) is skipped, never thrown on.
 */
export const sealListProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  const repository = manager.getRepository(SealReadModel);
  for (const envelope of events) {
    if (envelope.streamType !== sealStreamType) continue;
    const event = { type: envelope.type, data: envelope.data } as SealEvent;
    const at = new Date(envelope.recordedAt);
    if (event.type === 'SealRegistered') {
      const { sealId, name, kind, owningUnit } = event.data;
      await repository.upsert(
        { id: sealId, name, kind, owningUnit, status: 'registered', keeperId: null, keeperName: null, version: envelope.streamVersion, registeredAt: at, updatedAt: at },
        ['id'],
      );
      continue;
    }
    const changes: Partial<SealReadModel> = { version: envelope.streamVersion, updatedAt: at };
    const status = STATUS_AFTER[event.type];
    if (status) changes.status = status;
    if (event.type === 'SealKeeperAssigned') Object.assign(changes, { keeperId: event.data.keeperId, keeperName: event.data.keeperName });
    if (event.type === 'SealHandedOver') Object.assign(changes, { keeperId: event.data.incomingKeeperId, keeperName: event.data.incomingKeeperName });
    await repository.update({ id: envelope.streamId }, changes);
  }
};
