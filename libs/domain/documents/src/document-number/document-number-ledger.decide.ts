import type { Decider } from '@oa/core';
import { assertInstant } from '../document-dates';
import { documentEvent, unhandledCommand } from '../document-event';
import { refuse } from '../documents.rules';
import { formatDocumentNumber } from './document-number';
import type { DocumentNumberLedgerCommand } from './document-number-ledger.commands';
import type { DocumentNumberLedgerEvent } from './document-number-ledger.events';
import { type DocumentNumberLedgerState, evolveDocumentNumberLedger, initialDocumentNumberLedgerState, numberHeldBy } from './document-number-ledger.state';

export function decideDocumentNumberLedger(command: DocumentNumberLedgerCommand, state: DocumentNumberLedgerState): readonly DocumentNumberLedgerEvent[] {
  const now = assertInstant(command.metadata.now);
  switch (command.type) {
    case 'AllocateDocumentNumber': {
      const { issuerCode, year, documentId } = command.data;
      if (typeof documentId !== 'string' || documentId.trim() === '') throw refuse('DOC-4', 'invalid', '分配文号须指明公文');
      if (state.status === 'open' && (state.issuerCode !== issuerCode || state.year !== year)) {
        throw refuse('DOC-4', 'invalid', `此编号簿属于${state.issuerCode}〔${state.year}〕，不能分配${issuerCode}〔${year}〕的文号`);
      }
      // Idempotent for a retried request: a document holds at most one live number.
      if (numberHeldBy(state, documentId)) return [];
      // DOC-4 per issuer code and year, from 1, last + 1: voided numbers still count, so none is reused.
      const sequence = (state.status === 'open' ? state.lastSequence : 0) + 1;
      const documentNumber = formatDocumentNumber({ issuerCode, year, sequence });
      return [documentEvent('DocumentNumberAllocated', { issuerCode, year, sequence, documentNumber, documentId, allocatedAt: now })];
    }
    case 'VoidDocumentNumber': {
      if (state.status === 'empty') throw refuse('DOC-4', 'invalid', '编号簿尚未分配任何文号');
      const { sequence } = command.data;
      const reason = command.data.reason?.trim();
      if (!reason) throw refuse('DOC-4', 'invalid', '作废文号须说明理由');
      const entry = state.entries.find((candidate) => candidate.sequence === sequence);
      if (!entry) throw refuse('DOC-4', 'invalid', `${state.issuerCode}〔${state.year}〕${sequence}号尚未分配，不能作废`);
      if (entry.voidReason !== undefined) throw refuse('DOC-4', 'conflict', `${entry.documentNumber}已作废`);
      return [
        documentEvent('DocumentNumberVoided', {
          issuerCode: state.issuerCode,
          year: state.year,
          sequence,
          documentNumber: entry.documentNumber,
          documentId: entry.documentId,
          reason,
          voidedAt: now,
        }),
      ];
    }
    default:
      return unhandledCommand(command);
  }
}

/** 发文字号编号簿: the gapless number ledger of one issuer code and year (DOC-4). */
export const documentNumberLedgerDecider: Decider<DocumentNumberLedgerCommand, DocumentNumberLedgerEvent, DocumentNumberLedgerState> = {
  streamType: 'documentNumberLedger',
  initialState: initialDocumentNumberLedgerState,
  decide: decideDocumentNumberLedger,
  evolve: evolveDocumentNumberLedger,
};
