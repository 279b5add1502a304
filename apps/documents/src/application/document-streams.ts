import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type CurrentState, type FoldedStream, type ReadOptions } from '@oa/platform';
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

  /** A ledger grows all year: its fold continues from the last one (EventStore.currentState). */
  ledger(ledgerId: string): Promise<CurrentState<DocumentNumberLedgerState>> {
    return this.store.currentState(documentNumberLedgerDecider, ledgerId);
  }
}
