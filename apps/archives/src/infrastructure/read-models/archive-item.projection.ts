import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import { archiveItemStreamType, type ArchiveItemEvent } from '@oa/domain-archives';

/**
 * Keeps the catalogue and the open loans in the append's transaction. A recorded event is a
 * fact: an event that does not fit (no row yet) changes nothing, it is never thrown on.
 */
export const archiveItemProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const envelope of events) {
    if (envelope.streamType !== archiveItemStreamType) continue;
    const event = { type: envelope.type, data: envelope.data } as ArchiveItemEvent;
    const id = envelope.streamId;
    const version = envelope.streamVersion;
    switch (event.type) {
      case 'FilingCandidateRegistered': {
        const { source, title, date, secrecyLevel, registeredAt } = event.data;
        await manager.query(
          `INSERT INTO "archives".archive_items (id, status, source_service, source_id, title, date, secrecy_level, version, registered_at)
           VALUES ($1, 'candidate', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
          [id, source.service, source.sourceId, title, date, secrecyLevel, version, registeredAt],
        );
        continue;
      }
      case 'ArchiveItemFiled': {
        const { archivalCode, metadata, late, filedAt } = event.data;
        await manager.query(
          `UPDATE "archives".archive_items SET status = 'filed', archival_code = $2, year = $3, retention = $4, organisation_code = $5, late = $6, filed_at = $7, version = $8 WHERE id = $1`,
          [id, archivalCode, metadata.year, metadata.retention, metadata.organisationCode, late, filedAt, version],
        );
        continue;
      }
      case 'ArchiveItemLoanRequested':
        await manager.query(`INSERT INTO "archives".archive_loans (item_id, loan_id, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [id, event.data.loanId, event.data.dueAt]);
        break;
      case 'ArchiveItemLoanApproved':
        await manager.query(`UPDATE "archives".archive_loans SET out = true WHERE item_id = $1 AND loan_id = $2`, [id, event.data.loanId]);
        break;
      case 'ArchiveItemLoanMarkedOverdue':
        await manager.query(`UPDATE "archives".archive_loans SET overdue = true WHERE item_id = $1 AND loan_id = $2`, [id, event.data.loanId]);
        break;
      case 'ArchiveItemLoanRejected':
      case 'ArchiveItemReturned':
        await manager.query(`DELETE FROM "archives".archive_loans WHERE item_id = $1 AND loan_id = $2`, [id, event.data.loanId]);
        break;
      case 'ArchiveItemDestroyed':
        await manager.query(`UPDATE "archives".archive_items SET status = 'destroyed' WHERE id = $1`, [id]);
        break;
      case 'ArchiveItemTransferred':
        await manager.query(`UPDATE "archives".archive_items SET status = 'transferred', transfer_id = $2 WHERE id = $1`, [id, event.data.transferId]);
        break;
      default:
        break;
    }
    await manager.query(`UPDATE "archives".archive_items SET version = $2 WHERE id = $1`, [id, version]);
  }
};
