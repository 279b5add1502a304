import type { EventEnvelope } from '@oa/core';
import { documentsUpcasters } from './upcasters';
import { drafted, registered, revised } from './outgoing-document/outgoing-document.fixtures';

const byStep = (type: string, fromVersion: number) => documentsUpcasters.find((upcaster) => upcaster.type === type && upcaster.fromVersion === fromVersion)!;

describe('documents upcasters', () => {
  it('COMMON-3 reads a version-1 draft or revision as naming no extra readers', () => {
    for (const { type, data } of [drafted(), revised({})]) {
      const { readers: _none, ...v1 } = data;
      expect(byStep(type, 1).upcast(v1 as never, { type, schemaVersion: 1, data: v1 } as EventEnvelope)).toEqual(data);
    }
  });

  it('SEAL-7 reads a version-1 registration as one impression of the seal on each copy', () => {
    const { impressionsPerCopy: _one, ...v1 } = registered(1, 30).data;
    expect(byStep('OutgoingDocumentRegistered', 1).upcast(v1 as never, { type: 'OutgoingDocumentRegistered', schemaVersion: 1, data: v1 } as EventEnvelope)).toEqual(registered(1, 30).data);
  });
});
