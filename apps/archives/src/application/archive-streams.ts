import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type CurrentState, type FoldedStream, type ReadOptions } from '@oa/platform';
import {
  archivalCodeSequenceDecider,
  archiveItemDecider,
  type ArchivalCodeSequenceState,
  type ArchiveItemState,
} from '@oa/domain-archives';

export type Folded<S> = FoldedStream<S>;

/** Loads and folds the archives service's streams: for reads, and for facts before a command. */
@Injectable()
export class ArchiveStreams {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  item(itemId: string, options: ReadOptions = {}): Promise<Folded<ArchiveItemState>> {
    return this.store.foldStream(archiveItemDecider, itemId, options);
  }

  /** A sequence grows all year: its fold continues from the last one (EventStore.currentState). */
  sequence(sequenceId: string): Promise<CurrentState<ArchivalCodeSequenceState>> {
    return this.store.currentState(archivalCodeSequenceDecider, sequenceId);
  }
}
