import type { FactsContext, Requested } from '@oa/platform';
import { formatDocumentNumber, outgoingDocumentDecider, type OutgoingDocumentCommand, type OutgoingDocumentState, type RegisterOutgoingDocument } from '@oa/domain-documents';
import { localDateOf, yearOf, type Actor } from '@oa/core';
import { isPrincipalPost } from '@oa/domain-directory';
import { documentsSettingsOf } from '../infrastructure/documents-settings';
import { allocateDocumentNumber } from './document-number.allocator';

export type OutgoingDocumentRequest = Requested<OutgoingDocumentCommand, 'documentNumber' | 'signerIsPrincipalLeader'>;

function isPrincipalLeader(actor: Actor, context: FactsContext): boolean {
  if (actor.authority !== undefined) return actor.authority.posts.some((post) => isPrincipalPost(post.postKind));
  return documentsSettingsOf(context.settings).principalLeaderIds.includes(actor.id);
}

/** The facts of a 发文 command: whether the signer is a principal leader (DOC-2), the number a registration takes (DOC-4). */
export async function outgoingDocumentFacts(request: OutgoingDocumentRequest, state: OutgoingDocumentState, context: FactsContext): Promise<OutgoingDocumentCommand> {
  switch (request.type) {
    case 'SignOffOutgoingDocument':
      // DOC-2 / DIR-5 主要负责人: the directory's post once it is in force (the actor's authority, recorded with the event), else the service's configuration
      return { ...request, data: { ...request.data, signerIsPrincipalLeader: isPrincipalLeader(request.metadata.actor, context) } };
    case 'RegisterOutgoingDocument': {
      const year = yearOf(localDateOf(request.metadata.now));
      const numbered = (documentNumber: string): RegisterOutgoingDocument => ({ ...request, data: { ...request.data, documentNumber } });
      // a missing document is refused before its number is read: any well-formed one will do
      const probe = numbered(formatDocumentNumber({ issuerCode: 'content' in state ? state.content.issuerCode : '发', year, sequence: 1 }));
      if (state.status !== 'rechecked') return probe;
      // DOC-4 decided first with a well-formed number: a refused registration spends no number
      outgoingDocumentDecider.decide(probe, state);
      return numbered((await allocateDocumentNumber(context.commands, state.content.issuerCode, year, state.documentId, request.metadata)).documentNumber);
    }
    default:
      return request as OutgoingDocumentCommand;
  }
}
