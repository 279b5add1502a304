import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import { ReactionConsumer } from '@oa/platform';
import type { OutgoingDocumentSignedOff } from '@oa/domain-documents';

/** Events after which a document no longer stands signed off (its sign-off voided, or it is gone). */
const SIGN_OFF_ENDS = new Set(['OutgoingDocumentSignOffVoided', 'OutgoingDocumentVoided', 'OutgoingDocumentWithdrawn']);

/**
 * Keeps the seals service's own view of signed-off documents from `oa.documents.events`
 * (DOC-7, SEAL-7: 先签发后用印). Only this projection crosses the service boundary.
 */
@Injectable()
export class OnDocumentSignedOffReaction extends ReactionConsumer {
  protected readonly source = 'documents';

  protected async react(manager: EntityManager, event: EventEnvelope): Promise<void> {
    if (event.type === 'OutgoingDocumentSignedOff') {
      const data = event.data as OutgoingDocumentSignedOff['data'];
      await manager.query(
        `INSERT INTO "seals".signed_off_documents (document_id, title, signer_id, signer_name, signed_off_at, signed_off, updated_at)
         VALUES ($1, $2, $3, $4, $5, true, $6)
         ON CONFLICT (document_id) DO UPDATE SET title = EXCLUDED.title, signer_id = EXCLUDED.signer_id, signer_name = EXCLUDED.signer_name,
           signed_off_at = EXCLUDED.signed_off_at, signed_off = true, updated_at = EXCLUDED.updated_at`,
        [data.documentId, data.title, data.signerId, data.signerName, data.signedOffAt, event.recordedAt],
      );
    } else if (SIGN_OFF_ENDS.has(event.type)) {
      await manager.query(`UPDATE "seals".signed_off_documents SET signed_off = false, updated_at = $2 WHERE document_id = $1`, [event.streamId, event.recordedAt]);
    }
  }
}
