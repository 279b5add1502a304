import type { FactsContext, Requested } from '@oa/platform';
import { formatDocumentNumber, outgoingDocumentDecider, type OutgoingDocumentCommand, type OutgoingDocumentState, type RegisterOutgoingDocument } from '@oa/domain-documents';
import { localDateOf, yearOf } from '@oa/core';
import { documentsSettingsOf } from '../infrastructure/documents-settings';
import { allocateDocumentNumber } from './document-number.allocator';

export type OutgoingDocumentRequest = Requested<OutgoingDocumentCommand, 'documentNumber' | 'signerIsPrincipalLeader'>;

/** The facts of a 发文 command: whether the signer is a principal leader (DOC-2), the number a registration takes (DOC-4). */
export async function outgoingDocumentFacts(request: OutgoingDocumentRequest, state: OutgoingDocumentState, context: FactsContext): Promise<OutgoingDocumentCommand> {
  switch (request.type) {
    case 'SignOffOutgoingDocument':
      // DOC-2 主要负责人 are named in the service's configuration
      return { ...request, data: { ...request.data, signerIsPrincipalLeader: documentsSettingsOf(context.settings).principalLeaderIds.includes(request.metadata.actor.id) } };
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
