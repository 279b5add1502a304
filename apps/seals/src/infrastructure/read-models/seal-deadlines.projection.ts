import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection, StatementProjection } from '@oa/platform';
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

/**
 * Each application's status and expiry, for the expiry job (SEAL-3: valid 7 days by default), and
 * for SEAL-7 the document it references with the impressions it requested, was approved and has
 * used, so the facts loader sums them over the document's other applications. A statement
 * projection: it rides in the append's own statement, so submitting or deciding an application
 * is one round trip. The events of one application fold into one statement.
 */
export const sealUsageApplicationProjection: StatementProjection = (events: readonly EventEnvelope[]) => {
  interface Row {
    sealId?: string;
    documentId?: string;
    impressions?: number;
    status?: string;
    expiresAt?: string;
    approvedImpressions?: number;
    remainingImpressions?: number;
    version: number;
  }
  const byApplication = new Map<string, Row>();
  for (const envelope of events) {
    if (envelope.streamType !== sealUsageApplicationStreamType) continue;
    const event = { type: envelope.type, data: envelope.data } as SealUsageApplicationEvent;
    const row = byApplication.get(envelope.streamId) ?? { version: envelope.streamVersion };
    const status = event.type === 'SealUsageRecorded' && event.data.remainingImpressions === 0 ? 'fullyUsed' : STATUS_AFTER[event.type];
    byApplication.set(envelope.streamId, {
      ...row,
      ...(event.type === 'SealUsageApplicationSubmitted' && { sealId: event.data.sealId, documentId: event.data.documentId, impressions: event.data.impressions }),
      ...(status !== undefined && { status }),
      ...(event.type === 'SealUsageApplicationApproved' && { expiresAt: event.data.expiresAt, approvedImpressions: event.data.approvedImpressions }),
      ...(event.type === 'SealUsageRecorded' && { remainingImpressions: event.data.remainingImpressions }),
      version: envelope.streamVersion,
    });
  }
  return [...byApplication].map(([id, row]) =>
    row.sealId !== undefined
      ? {
          sql: `INSERT INTO "seals".seal_usage_applications (id, seal_id, status, expires_at, version, document_id, impressions, approved_impressions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, expires_at = COALESCE(EXCLUDED.expires_at, seal_usage_applications.expires_at), version = EXCLUDED.version,
                  document_id = EXCLUDED.document_id, impressions = EXCLUDED.impressions, approved_impressions = EXCLUDED.approved_impressions`,
          parameters: [id, row.sealId, row.status ?? 'submitted', row.expiresAt ?? null, row.version, row.documentId ?? null, row.impressions ?? 0, row.approvedImpressions ?? 0],
        }
      : {
          // used = approved − remaining after the last usage: absolute, so a replay lands on the same count
          sql: `UPDATE "seals".seal_usage_applications SET status = COALESCE($2, status), expires_at = COALESCE($3, expires_at), version = $4,
                  approved_impressions = COALESCE($5::integer, approved_impressions),
                  used_impressions = CASE WHEN $6::integer IS NULL THEN used_impressions ELSE COALESCE($5::integer, approved_impressions) - $6::integer END
                WHERE id = $1`,
          parameters: [id, row.status ?? null, row.expiresAt ?? null, row.version, row.approvedImpressions ?? null, row.remainingImpressions ?? null],
        },
  );
};
