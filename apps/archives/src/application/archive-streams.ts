import { Inject, Injectable } from '@nestjs/common';
import { fold, type EventEnvelope } from '@oa/core';
import { EventStore, type ReadOptions } from '@oa/platform';
import {
  archivalCodeSequenceDecider,
  archivalCodeSequenceStreamType,
  archiveItemDecider,
  archiveItemStreamType,
  type ArchivalCodeSequenceEvent,
  type ArchivalCodeSequenceState,
  type ArchiveItemEvent,
  type ArchiveItemState,
} from '@oa/domain-archives';

export interface Folded<S> {
  readonly state: S;
  readonly version: number;
  readonly events: readonly EventEnvelope[];
}

const asEvent = <E>(envelope: EventEnvelope): E => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as E;

/** Loads and folds the archives service's streams: for reads, and for facts before a command. */
@Injectable()
export class ArchiveStreams {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async item(itemId: string, options: ReadOptions = {}): Promise<Folded<ArchiveItemState>> {
    const events = (await this.store.readStream(itemId, options)).filter((event) => event.streamType === archiveItemStreamType);
    return { state: fold(archiveItemDecider, events.map(asEvent<ArchiveItemEvent>)), version: events.at(-1)?.streamVersion ?? 0, events };
  }

  async sequence(sequenceId: string): Promise<Folded<ArchivalCodeSequenceState>> {
    const events = (await this.store.readStream(sequenceId)).filter((event) => event.streamType === archivalCodeSequenceStreamType);
    return {
      state: fold(archivalCodeSequenceDecider, events.map(asEvent<ArchivalCodeSequenceEvent>)),
      version: events.at(-1)?.streamVersion ?? 0,
      events,
    };
  }
}
