import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type FoldedStream, type ReadOptions } from '@oa/platform';
import {
  documentNumberLedgerDecider,
  incomingDocumentDecider,
  outgoingDocumentDecider,
  type DocumentNumberLedgerState,
  type IncomingDocumentState,
  type OutgoingDocumentState,
} from '@oa/domain-documents';

export type Folded<S> = FoldedStream<S>;

/** Loads and folds the documents service's streams: for reads, and for facts before a command. */
@Injectable()
export class DocumentStreams {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  outgoing(documentId: string, options: ReadOptions = {}): Promise<Folded<OutgoingDocumentState>> {
    return this.store.foldStream(outgoingDocumentDecider, documentId, options);
  }

  incoming(documentId: string, options: ReadOptions = {}): Promise<Folded<IncomingDocumentState>> {
    return this.store.foldStream(incomingDocumentDecider, documentId, options);
  }

  ledger(ledgerId: string): Promise<Folded<DocumentNumberLedgerState>> {
    return this.store.foldStream(documentNumberLedgerDecider, ledgerId);
  }
}
