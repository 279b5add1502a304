import type { Upcaster } from '@oa/core';
import type { OutgoingDocumentDrafted, OutgoingDocumentDraftRevised } from './outgoing-document/outgoing-document.events';

type WithoutReaders<E extends { readonly data: object }> = Omit<E['data'], 'readers'>;

/**
 * The documents events whose shape changed, lifted to the current one on every read. COMMON-3:
 * a draft of version 1 named its extra readers outside the events, so it reads as naming none.
 */
export const documentsUpcasters: readonly Upcaster[] = [
  { type: 'OutgoingDocumentDrafted', fromVersion: 1, upcast: (data: WithoutReaders<OutgoingDocumentDrafted>): OutgoingDocumentDrafted['data'] => ({ ...data, readers: [] }) },
  { type: 'OutgoingDocumentDraftRevised', fromVersion: 1, upcast: (data: WithoutReaders<OutgoingDocumentDraftRevised>): OutgoingDocumentDraftRevised['data'] => ({ ...data, readers: [] }) },
];
