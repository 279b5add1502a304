import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import { ReactionConsumer, SERVICE_RUNTIME, causedBy, commandOn, type ServiceRuntime } from '@oa/platform';
import type {
  OutgoingDocumentRegistered,
  OutgoingDocumentSignedOff,
  OutgoingDocumentSignOffVoided,
  OutgoingDocumentVoided,
  OutgoingDocumentWithdrawn,
} from '@oa/domain-documents';
import { sealUsageApplicationStream } from '../../seals.service-definition';
import { DOCUMENTS_REACTION_ACTOR } from '../../application/documents-reaction.actor';

/** Events after which a document no longer stands signed off (its sign-off voided, or it is gone). */
const SIGN_OFF_ENDS = new Set(['OutgoingDocumentSignOffVoided', 'OutgoingDocumentVoided', 'OutgoingDocumentWithdrawn']);

type SignOffEnd = OutgoingDocumentSignOffVoided | OutgoingDocumentVoided | OutgoingDocumentWithdrawn;

/** Version 1 of the registration fixed no impressions per copy: one on each copy (the documents upcaster reads it so too). */
type Registration = Omit<OutgoingDocumentRegistered['data'], 'impressionsPerCopy'> & { readonly impressionsPerCopy?: number };

/** Why the open applications are cancelled, in the words of the register (SEAL-7). */
function cancellationReason(event: EventEnvelope): string {
  const data = event.data as SignOffEnd['data'];
  const why = 'reason' in data && typeof data.reason === 'string' ? `：${data.reason}` : '';
  switch (event.type) {
    case 'OutgoingDocumentSignOffVoided':
      return `公文签发已作废（复核发现实质性修改）${why}，用印申请随之撤销`;
    case 'OutgoingDocumentWithdrawn':
      return `公文已撤回${why}，用印申请随之撤销`;
    default:
      return `公文已作废${why}，用印申请随之撤销`;
  }
}

/**
 * Keeps the seals service's own view of official documents from `oa.documents.events` (DOC-7,
 * SEAL-7: 先签发后用印): the sign-off, the registration (number, copies, impressions per copy) and
 * the end of the sign-off. When the sign-off ends, every open application for the document is
 * cancelled through the command path, as events (a redelivery or a replay cancels nothing twice:
 * the decider leaves a closed application as it is). Only this projection crosses the boundary.
 */
@Injectable()
export class OnDocumentSignedOffReaction extends ReactionConsumer {
  protected readonly source = 'documents';

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  protected async react(manager: EntityManager, event: EventEnvelope): Promise<void> {
    if (event.type === 'OutgoingDocumentSignedOff') {
      const data = event.data as OutgoingDocumentSignedOff['data'];
      await manager.query(
        `INSERT INTO "seals".signed_off_documents (document_id, title, signer_id, signer_name, signed_off_at, signed_off, updated_at)
         VALUES ($1, $2, $3, $4, $5, true, $6)
         ON CONFLICT (document_id) DO UPDATE SET title = EXCLUDED.title, signer_id = EXCLUDED.signer_id, signer_name = EXCLUDED.signer_name,
           signed_off_at = EXCLUDED.signed_off_at, signed_off = true, updated_at = EXCLUDED.updated_at`,
        // COMMON-3 from 秘密 up the sign-off (version 2) carries the title's digest: the register shows 〔涉密标题〕 and its first 12 hex digits
        [data.documentId, data.title ?? `〔涉密标题〕${(data.titleDigest ?? '').slice(0, 12)}`, data.signerId, data.signerName, data.signedOffAt, event.recordedAt],
      );
    } else if (event.type === 'OutgoingDocumentRegistered') {
      // DOC-4 registration follows sign-off and recheck on the same stream (same partition), so the row exists
      const data = event.data as Registration;
      await manager.query(
        `UPDATE "seals".signed_off_documents SET document_number = $2, copies = $3, impressions_per_copy = $4, registered_at = $5, updated_at = $6 WHERE document_id = $1`,
        [data.documentId, data.documentNumber, data.copies, data.impressionsPerCopy ?? 1, data.registeredAt, event.recordedAt],
      );
    } else if (SIGN_OFF_ENDS.has(event.type)) {
      await manager.query(`UPDATE "seals".signed_off_documents SET signed_off = false, updated_at = $2 WHERE document_id = $1`, [event.streamId, event.recordedAt]);
      await this.cancelOpenApplications(manager, event);
    }
  }

  /** SEAL-7 voiding a sign-off cancels every open application for that document, each as its own event. */
  private async cancelOpenApplications(manager: EntityManager, event: EventEnvelope): Promise<void> {
    const open = (await manager.query(`SELECT id FROM "seals".seal_usage_applications WHERE document_id = $1 AND status IN ('submitted', 'approved') ORDER BY id`, [
      event.streamId,
    ])) as Array<{ id: string }>;
    const reason = cancellationReason(event);
    const metadata = causedBy(event, DOCUMENTS_REACTION_ACTOR);
    for (const { id } of open) {
      await this.commands.execute(commandOn(sealUsageApplicationStream, id, 'CancelSealUsageApplicationForDocument', { documentId: event.streamId, reason }, { metadata, options: {} }));
    }
  }
}
