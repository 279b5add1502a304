import { Inject, Injectable } from '@nestjs/common';
import { fold, type EventEnvelope } from '@oa/core';
import { EventStore, type ReadOptions } from '@oa/platform';
import {
  documentNumberLedgerDecider,
  incomingDocumentDecider,
  outgoingDocumentDecider,
  type DocumentNumberLedgerEvent,
  type DocumentNumberLedgerState,
  type IncomingDocumentEvent,
  type IncomingDocumentState,
  type OutgoingDocumentEvent,
  type OutgoingDocumentState,
} from '@oa/domain-documents';

export interface Folded<S> {
  readonly state: S;
  readonly version: number;
  readonly events: readonly EventEnvelope[];
}

const asEvent = <E>(envelope: EventEnvelope): E => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as E;

/** Loads and folds the documents service's streams: for reads, and for facts before a command. */
@Injectable()
export class DocumentStreams {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async outgoing(documentId: string, options: ReadOptions = {}): Promise<Folded<OutgoingDocumentState>> {
    const events = (await this.store.readStream(documentId, options)).filter((event) => event.streamType === outgoingDocumentDecider.streamType);
    return { state: fold(outgoingDocumentDecider, events.map(asEvent<OutgoingDocumentEvent>)), version: events.at(-1)?.streamVersion ?? 0, events };
  }

  async incoming(documentId: string, options: ReadOptions = {}): Promise<Folded<IncomingDocumentState>> {
    const events = (await this.store.readStream(documentId, options)).filter((event) => event.streamType === incomingDocumentDecider.streamType);
    return { state: fold(incomingDocumentDecider, events.map(asEvent<IncomingDocumentEvent>)), version: events.at(-1)?.streamVersion ?? 0, events };
  }

  async ledger(ledgerId: string): Promise<Folded<DocumentNumberLedgerState>> {
    const events = (await this.store.readStream(ledgerId)).filter((event) => event.streamType === documentNumberLedgerDecider.streamType);
    return { state: fold(documentNumberLedgerDecider, events.map(asEvent<DocumentNumberLedgerEvent>)), version: events.at(-1)?.streamVersion ?? 0, events };
  }
}
