import type { FactsContext, Requested } from '@oa/platform';
import { outgoingDocumentDecider, type IncomingDocumentCommand, type IncomingDocumentState, type ReplyDocumentFact } from '@oa/domain-documents';
import { localDateOf, yearOf } from '@oa/core';
import { allocateDocumentNumber, INCOMING_SERIES } from './document-number.allocator';

export type IncomingDocumentRequest = Requested<IncomingDocumentCommand, 'year' | 'sequence' | 'replyDocument'>;

/** DOC-12 the outgoing document a reply names, as this service's stream of it holds it (no status: none here). */
async function replyDocumentOf(outgoingDocumentId: unknown, context: FactsContext): Promise<ReplyDocumentFact | undefined> {
  if (typeof outgoingDocumentId !== 'string' || !outgoingDocumentId.trim()) return undefined;
  const id = outgoingDocumentId.trim();
  const { state } = await context.fact(outgoingDocumentDecider, id);
  if (state.status === 'empty') return { outgoingDocumentId: id };
  return { outgoingDocumentId: id, status: state.status, ...('registration' in state && state.registration && { documentNumber: state.registration.documentNumber }) };
}

/** The facts of a 收文 command: the incoming number a registration takes (DOC-8), the outgoing document a reply names (DOC-12). */
export async function incomingDocumentFacts(request: IncomingDocumentRequest, state: IncomingDocumentState, context: FactsContext): Promise<IncomingDocumentCommand> {
  if (request.type === 'CompleteIncomingDocument') {
    const replyDocument = request.data.reply === undefined ? undefined : await replyDocumentOf(request.data.reply.outgoingDocumentId, context);
    return { ...request, data: { ...request.data, ...(replyDocument !== undefined && { replyDocument }) } };
  }
  if (request.type !== 'RegisterIncomingDocument') return request as IncomingDocumentCommand;
  const year = yearOf(localDateOf(request.metadata.now));
  // DOC-8 only a received document takes a number: any other is refused by the decider without spending one
  if (state.status !== 'received') return { ...request, data: { year, sequence: 1 } };
  const { sequence } = await allocateDocumentNumber(context.commands, INCOMING_SERIES, year, state.documentId, request.metadata);
  return { ...request, data: { year, sequence } };
}
