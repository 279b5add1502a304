import type { Upcaster } from '@oa/core';
import type { OutgoingDocumentDrafted, OutgoingDocumentDraftRevised, OutgoingDocumentHandedOffForFiling, OutgoingDocumentRegistered, OutgoingDocumentSignedOff } from './outgoing-document/outgoing-document.events';
import type { IncomingDocumentHandedOffForFiling, IncomingDocumentReceived } from './incoming-document/incoming-document.events';
import { liftTitle } from './document-title';

type WithoutReaders<E extends { readonly data: object }> = Omit<E['data'], 'readers'>;
/** COMMON-3 the shape before the title became a digest from 秘密 up: the title in clear whatever the level. */
type WithClearTitle<E extends { readonly data: object }> = Omit<E['data'], 'title' | 'titleDigest'> & { readonly title: string };

/**
 * The documents events whose shape changed, lifted to the current one on every read. COMMON-3:
 * a draft of version 1 named its extra readers outside the events, so it reads as naming none.
 */
export const documentsUpcasters: readonly Upcaster[] = [
  { type: 'OutgoingDocumentDrafted', fromVersion: 1, upcast: (data: WithoutReaders<OutgoingDocumentDrafted>): OutgoingDocumentDrafted['data'] => ({ ...data, readers: [] }) },
  { type: 'OutgoingDocumentDraftRevised', fromVersion: 1, upcast: (data: WithoutReaders<OutgoingDocumentDraftRevised>): OutgoingDocumentDraftRevised['data'] => ({ ...data, readers: [] }) },
  // COMMON-3 a title recorded in clear at 秘密 or above reads as its digest, like the events written since
  { type: 'OutgoingDocumentDrafted', fromVersion: 2, upcast: (data: WithClearTitle<OutgoingDocumentDrafted>): OutgoingDocumentDrafted['data'] => liftTitle(data) },
  { type: 'OutgoingDocumentDraftRevised', fromVersion: 2, upcast: (data: WithClearTitle<OutgoingDocumentDraftRevised>): OutgoingDocumentDraftRevised['data'] => liftTitle(data) },
  { type: 'OutgoingDocumentSignedOff', fromVersion: 1, upcast: (data: WithClearTitle<OutgoingDocumentSignedOff>): OutgoingDocumentSignedOff['data'] => liftTitle(data) },
  { type: 'OutgoingDocumentHandedOffForFiling', fromVersion: 1, upcast: (data: WithClearTitle<OutgoingDocumentHandedOffForFiling>): OutgoingDocumentHandedOffForFiling['data'] => liftTitle(data) },
  { type: 'IncomingDocumentReceived', fromVersion: 1, upcast: (data: WithClearTitle<IncomingDocumentReceived>): IncomingDocumentReceived['data'] => liftTitle(data) },
  { type: 'IncomingDocumentHandedOffForFiling', fromVersion: 1, upcast: (data: WithClearTitle<IncomingDocumentHandedOffForFiling>): IncomingDocumentHandedOffForFiling['data'] => liftTitle(data) },
  // SEAL-7 a registration of version 1 fixed no impressions per copy: one on each copy.
  { type: 'OutgoingDocumentRegistered', fromVersion: 1, upcast: (data: Omit<OutgoingDocumentRegistered['data'], 'impressionsPerCopy'>): OutgoingDocumentRegistered['data'] => ({ ...data, impressionsPerCopy: 1 }) },
];
