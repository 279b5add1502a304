import type { EventEnvelope } from '@oa/core';
import { documentsUpcasters } from './upcasters';
import { titleDigestOf } from './document-title';
import { drafted, registered, revised } from './outgoing-document/outgoing-document.fixtures';

const byStep = (type: string, fromVersion: number) => documentsUpcasters.find((upcaster) => upcaster.type === type && upcaster.fromVersion === fromVersion)!;

describe('documents upcasters', () => {
  it('COMMON-3 reads a version-1 draft or revision as naming no extra readers', () => {
    for (const { type, data } of [drafted(), revised({})]) {
      const { readers: _none, ...v1 } = data;
      expect(byStep(type, 1).upcast(v1 as never, { type, schemaVersion: 1, data: v1 } as EventEnvelope)).toEqual(data);
    }
  });

  it('COMMON-3 reads a title an earlier version recorded in clear at 秘密 or above as its digest, and one below 秘密 as it was', () => {
    const title = '关于做好防汛工作的通知';
    const lifted = (type: string, fromVersion: number, data: object) => byStep(type, fromVersion).upcast(data as never, { type, schemaVersion: fromVersion, data } as EventEnvelope);
    for (const [type, fromVersion] of [['OutgoingDocumentDrafted', 2], ['OutgoingDocumentDraftRevised', 2], ['OutgoingDocumentSignedOff', 1], ['OutgoingDocumentHandedOffForFiling', 1], ['IncomingDocumentReceived', 1], ['IncomingDocumentHandedOffForFiling', 1]] as const) {
      const old = { documentId: 'doc-1', title, secrecyLevel: 'jimi', copies: 2 };
      expect(lifted(type, fromVersion, old)).toEqual({ documentId: 'doc-1', titleDigest: titleDigestOf('doc-1', title), secrecyLevel: 'jimi', copies: 2 });
      expect(lifted(type, fromVersion, { ...old, secrecyLevel: 'internal' })).toEqual({ ...old, secrecyLevel: 'internal' });
    }
  });

  it('SEAL-7 reads a version-1 registration as one impression of the seal on each copy', () => {
    const { impressionsPerCopy: _one, ...v1 } = registered(1, 30).data;
    expect(byStep('OutgoingDocumentRegistered', 1).upcast(v1 as never, { type: 'OutgoingDocumentRegistered', schemaVersion: 1, data: v1 } as EventEnvelope)).toEqual(registered(1, 30).data);
  });
});
