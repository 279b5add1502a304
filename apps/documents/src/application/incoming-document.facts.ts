import type { FactsContext, Requested } from '@oa/platform';
import { type IncomingDocumentCommand, type IncomingDocumentState } from '@oa/domain-documents';
import { localDateOf, yearOf } from '@oa/core';
import { allocateDocumentNumber, INCOMING_SERIES } from './document-number.allocator';

export type IncomingDocumentRequest = Requested<IncomingDocumentCommand, 'year' | 'sequence'>;

/** The facts of a 收文 command: the incoming number a registration takes (DOC-8). */
export async function incomingDocumentFacts(request: IncomingDocumentRequest, state: IncomingDocumentState, context: FactsContext): Promise<IncomingDocumentCommand> {
  if (request.type !== 'RegisterIncomingDocument') return request as IncomingDocumentCommand;
  const year = yearOf(localDateOf(request.metadata.now));
  // DOC-8 only a received document takes a number: any other is refused by the decider without spending one
  if (state.status !== 'received') return { ...request, data: { year, sequence: 1 } };
  const { sequence } = await allocateDocumentNumber(context.commands, INCOMING_SERIES, year, state.documentId, request.metadata);
  return { ...request, data: { year, sequence } };
}
