import { endOfLocalDate } from '@oa/core';
import type { IncomingDocumentHandlingAssigned, OutgoingDocumentReviewApproved, OutgoingDocumentSignOffVoided, OutgoingDocumentSignedOff } from '@oa/domain-documents';
import { STREAM_TYPES } from './events';
import type { AnyEnvelope, AuditFinding, Envelope } from './finding';
import { byStream, finding, millis, ofType, upTo } from './finding';

export interface DocumentAuditConfig {
  /** The role a signer holds (metadata.actor.roles), `signer` by default (DOC-2). */
  readonly signerRole?: string;
  /** Offset of local time from UTC for date-only deadlines; UTC+8 by default. */
  readonly utcOffsetMinutes?: number;
}

/** Events that end the handling of an incoming document. */
const INCOMING_CLOSED = new Set(['IncomingDocumentCompleted', 'IncomingDocumentReturnedToSender', 'IncomingDocumentHandedOffForFiling']);

/**
 * AUD-7 over `outgoingDocument` streams and AUD-8 over `incomingDocument` streams.
 * - AUD-7: an OutgoingDocumentSignedOff with no review of its revision before it
 *   (OutgoingDocumentReviewApproved of that revision, or a recheck that voided an earlier
 *   sign-off: DOC-2's 复核), or whose recording actor (metadata.actor.roles) lacks the signer role.
 * - AUD-8: the last IncomingDocumentHandlingAssigned's deadline (a local date) has ended at
 *   `now` and no IncomingDocumentCompleted (or return to sender / hand-off) followed it.
 */
export function detectDocumentFindings(events: readonly AnyEnvelope[], now: string, config: DocumentAuditConfig = {}): AuditFinding[] {
  const trail = upTo(events, now);
  const findings: AuditFinding[] = [];
  for (const stream of byStream(trail, STREAM_TYPES.outgoingDocument).values()) findings.push(...signOffFindings(stream, config));
  for (const stream of byStream(trail, STREAM_TYPES.incomingDocument).values()) findings.push(...handlingFindings(stream, now, config));
  return findings;
}

/** A new revision is open for review: an earlier review no longer covers what is signed off. */
const REVISION_OPENED = new Set(['OutgoingDocumentDrafted', 'OutgoingDocumentDraftRevised', 'OutgoingDocumentReturnedToDrafter']);

function signOffFindings(stream: readonly AnyEnvelope[], config: DocumentAuditConfig): AuditFinding[] {
  const signerRole = config.signerRole ?? 'signer';
  const findings: AuditFinding[] = [];
  let review: Envelope<OutgoingDocumentReviewApproved | OutgoingDocumentSignOffVoided> | undefined;
  for (const event of stream) {
    if (ofType<OutgoingDocumentReviewApproved>(event, 'OutgoingDocumentReviewApproved') || ofType<OutgoingDocumentSignOffVoided>(event, 'OutgoingDocumentSignOffVoided')) {
      review = event;
    } else if (REVISION_OPENED.has(event.type)) review = undefined;
    if (!ofType<OutgoingDocumentSignedOff>(event, 'OutgoingDocumentSignedOff')) continue;
    const { documentId, title, signerId, signerName, revision } = event.data;
    const reviewedRevision = review?.data.revision;
    if (review === undefined || (review.type === 'OutgoingDocumentReviewApproved' && reviewedRevision !== revision)) {
      findings.push(finding('AUD-7', 'high', '公文未经审核即签发', `公文 ${documentId}（${title}）第 ${revision} 稿未经审核即由 ${signerName} 签发。`, [event]));
    }
    const actor = event.metadata.actor;
    if (!actor.roles.includes(signerRole)) {
      findings.push(
        finding('AUD-7', 'high', '非签发人签发公文', `公文 ${documentId}（${title}）由 ${actor.name}（${actor.id}）签发（记录的签发人 ${signerId}），其不具备签发人角色。`, [event]),
      );
    }
  }
  return findings;
}

function handlingFindings(stream: readonly AnyEnvelope[], now: string, config: DocumentAuditConfig): AuditFinding[] {
  let assigned: Envelope<IncomingDocumentHandlingAssigned> | undefined;
  let closed = false;
  for (const event of stream) {
    if (ofType<IncomingDocumentHandlingAssigned>(event, 'IncomingDocumentHandlingAssigned')) {
      assigned = event;
      closed = false;
    } else if (INCOMING_CLOSED.has(event.type)) closed = true;
  }
  if (assigned === undefined || closed) return [];
  const { documentId, deadline, leadUnit, handlerId } = assigned.data;
  if (millis(now) < millis(endOfLocalDate(deadline, config.utcOffsetMinutes))) return [];
  return [finding('AUD-8', 'medium', '公文办理逾期', `收文 ${documentId} 应于 ${deadline} 前办结（承办 ${leadUnit}，经办 ${handlerId}），至 ${now} 仍未办结。`, [assigned])];
}
