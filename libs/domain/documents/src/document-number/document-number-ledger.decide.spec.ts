import { DeciderSpecification, fold, type Actor } from '@oa/core';
import { documentEvent } from '../document-event';
import type { DocumentNumberLedgerCommand } from './document-number-ledger.commands';
import { documentNumberLedgerDecider } from './document-number-ledger.decide';
import type { DocumentNumberAllocated, DocumentNumberVoided } from './document-number-ledger.events';
import { numberHeldBy } from './document-number-ledger.state';

const spec = DeciderSpecification.for(documentNumberLedgerDecider);
const NOW = '2024-07-01T02:00:00.000Z';
const registrar: Actor = { id: 'u-registrar', name: '刘收发', roles: ['registrar'] };

const allocate = (documentId: string, issuerCode = '县政发', year = 2024): DocumentNumberLedgerCommand => ({
  type: 'AllocateDocumentNumber',
  data: { issuerCode, year, documentId },
  metadata: { actor: registrar, now: NOW },
});
const voidNumber = (sequence: number, reason = '印制错误，文件未发出'): DocumentNumberLedgerCommand => ({
  type: 'VoidDocumentNumber',
  data: { sequence, reason },
  metadata: { actor: registrar, now: NOW },
});
const allocated = (sequence: number, documentId: string): DocumentNumberAllocated =>
  documentEvent('DocumentNumberAllocated', { issuerCode: '县政发', year: 2024, sequence, documentNumber: `县政发〔2024〕${sequence}号`, documentId, allocatedAt: NOW });
const voided = (sequence: number, documentId: string, reason = '印制错误，文件未发出'): DocumentNumberVoided =>
  documentEvent('DocumentNumberVoided', { issuerCode: '县政发', year: 2024, sequence, documentNumber: `县政发〔2024〕${sequence}号`, documentId, reason, voidedAt: NOW });

describe('DocumentNumberLedger: when empty', () => {
  it('DOC-4 allocates number 1 first', () => {
    spec.given([]).when(allocate('doc-a')).then([allocated(1, 'doc-a')]);
  });

  it('DOC-4 refuses to void a number never allocated', () => {
    spec.given([]).when(voidNumber(1)).thenThrows('DOC-4');
  });

  it('DOC-4 refuses an issuer code that cannot be written in a number', () => {
    spec.given([]).when(allocate('doc-a', '县政(发)')).thenThrows('DOC-4');
  });
});

describe('DocumentNumberLedger: when numbers were allocated', () => {
  const two = () => [allocated(1, 'doc-a'), allocated(2, 'doc-b')];

  it('DOC-4 allocates the last number + 1, without gaps', () => {
    spec.given(two()).when(allocate('doc-c')).then([allocated(3, 'doc-c')]);
  });

  it('DOC-4 allocates nothing new for a document that already holds a number (a retried request)', () => {
    spec.given(two()).when(allocate('doc-b')).thenNothingHappens();
    expect(numberHeldBy(fold(documentNumberLedgerDecider, two()), 'doc-b')?.documentNumber).toBe('县政发〔2024〕2号');
  });

  it('DOC-4 refuses a number of another issuer code or year on this ledger', () => {
    spec.given(two()).when(allocate('doc-c', '县政办发')).thenThrows('DOC-4');
    spec.given(two()).when(allocate('doc-c', '县政发', 2025)).thenThrows('DOC-4');
  });

  it('DOC-4 voids a number with its reason', () => {
    spec.given(two()).when(voidNumber(2)).then([voided(2, 'doc-b')]);
  });

  it('DOC-4 refuses to void a number without a reason, or twice', () => {
    spec.given(two()).when(voidNumber(2, ' ')).thenThrows('DOC-4');
    spec.given([...two(), voided(2, 'doc-b')]).when(voidNumber(2)).thenThrows('DOC-4');
  });

  it('DOC-4 never reuses a voided number: it stays on the ledger and the next is still last + 1', () => {
    const stream = [...two(), voided(2, 'doc-b')];
    spec.given(stream).when(allocate('doc-b')).then([allocated(3, 'doc-b')]);
    const state = fold(documentNumberLedgerDecider, stream);
    expect(state.status === 'open' && state.entries.map((e) => [e.documentNumber, e.voidReason ?? null])).toEqual([
      ['县政发〔2024〕1号', null],
      ['县政发〔2024〕2号', '印制错误，文件未发出'],
    ]);
  });
});
