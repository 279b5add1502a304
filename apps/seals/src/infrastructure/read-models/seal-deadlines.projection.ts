import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import { sealStreamType, sealUsageApplicationStreamType, type SealEvent, type SealUsageApplicationEvent } from '@oa/domain-seals';

/** Checkout deadlines on the seals list, for the overdue job (SEAL-8). */
export const sealCheckoutProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== sealStreamType) continue;
    const event = { type: envelope.type, data: envelope.data } as SealEvent;
    switch (event.type) {
      case 'SealCheckoutRequested':
        await manager.query(`UPDATE "seals".seals SET checkout_id = $2, checkout_expected_return = $3, checked_out = false, checkout_overdue = false WHERE id = $1`, [
          envelope.streamId,
          event.data.checkoutId,
          event.data.expectedReturnAt,
        ]);
        break;
      case 'SealCheckoutApproved':
        await manager.query(`UPDATE "seals".seals SET checked_out = true WHERE id = $1 AND checkout_id = $2`, [envelope.streamId, event.data.checkoutId]);
        break;
      case 'SealCheckoutMarkedOverdue':
        await manager.query(`UPDATE "seals".seals SET checkout_overdue = true WHERE id = $1`, [envelope.streamId]);
        break;
      case 'SealReturned':
      case 'SealCheckoutRejected':
        await manager.query(`UPDATE "seals".seals SET checkout_id = NULL, checkout_expected_return = NULL, checked_out = false, checkout_overdue = false WHERE id = $1`, [envelope.streamId]);
        break;
      default:
        break;
    }
  }
};

const STATUS_AFTER: Partial<Record<SealUsageApplicationEvent['type'], string>> = {
  SealUsageApplicationSubmitted: 'submitted',
  SealUsageApplicationApproved: 'approved',
  SealUsageApplicationRejected: 'rejected',
  SealUsageApplicationCancelled: 'cancelled',
  SealUsageApplicationExpired: 'expired',
};

/** Each application's status and expiry, for the expiry job (SEAL-3: valid 7 days by default). */
export const sealUsageApplicationProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== sealUsageApplicationStreamType) continue;
    const event = { type: envelope.type, data: envelope.data } as SealUsageApplicationEvent;
    if (event.type === 'SealUsageApplicationSubmitted') {
      await manager.query(`INSERT INTO "seals".seal_usage_applications (id, seal_id, status, version) VALUES ($1, $2, 'submitted', $3) ON CONFLICT (id) DO NOTHING`, [
        envelope.streamId,
        event.data.sealId,
        envelope.streamVersion,
      ]);
      continue;
    }
    const status = event.type === 'SealUsageRecorded' && event.data.remainingImpressions === 0 ? 'fullyUsed' : STATUS_AFTER[event.type];
    const expiresAt = event.type === 'SealUsageApplicationApproved' ? event.data.expiresAt : null;
    await manager.query(
      `UPDATE "seals".seal_usage_applications SET status = COALESCE($2, status), expires_at = COALESCE($3, expires_at), version = $4 WHERE id = $1`,
      [envelope.streamId, status ?? null, expiresAt, envelope.streamVersion],
    );
  }
};
