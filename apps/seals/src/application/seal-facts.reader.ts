import { Inject, Injectable } from '@nestjs/common';
import { fold, type EventEnvelope } from '@oa/core';
import { EventStore, type ReadOptions } from '@oa/platform';
import {
  sealDecider,
  sealFactsOf,
  sealStreamType,
  sealUsageApplicationDecider,
  sealUsageApplicationStreamType,
  sealViolation,
  type SealEvent,
  type SealFacts,
  type SealState,
  type SealUsageApplicationEvent,
  type SealUsageApplicationState,
} from '@oa/domain-seals';

export interface Folded<S> {
  readonly state: S;
  readonly version: number;
  readonly events: readonly EventEnvelope[];
}

const asEvent = <E>(envelope: EventEnvelope): E => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as E;

/** Loads and folds the seals service's streams: for reads, and for facts before a command. */
@Injectable()
export class SealStreams {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async seal(sealId: string, options: ReadOptions = {}): Promise<Folded<SealState>> {
    const events = (await this.store.readStream(sealId, options)).filter((event) => event.streamType === sealStreamType);
    return { state: fold(sealDecider, events.map(asEvent<SealEvent>)), version: events.at(-1)?.streamVersion ?? 0, events };
  }

  async application(applicationId: string, options: ReadOptions = {}): Promise<Folded<SealUsageApplicationState>> {
    const events = (await this.store.readStream(applicationId, options)).filter((event) => event.streamType === sealUsageApplicationStreamType);
    return {
      state: fold(sealUsageApplicationDecider, events.map(asEvent<SealUsageApplicationEvent>)),
      version: events.at(-1)?.streamVersion ?? 0,
      events,
    };
  }

  /** The seal as its stream says now, for usage-application commands (decide stays pure). */
  async sealFacts(sealId: string): Promise<SealFacts> {
    const facts = sealFactsOf((await this.seal(sealId)).state);
    if (!facts) throw sealViolation('SEAL.NOT_FOUND', 'notFound', `印章 ${sealId} 不存在`);
    return facts;
  }

  /** The seal an application is for, or 404 for an application that does not exist. */
  async sealIdOfApplication(applicationId: string): Promise<string> {
    const { state } = await this.application(applicationId);
    if (state.status === 'none') throw sealViolation('SEAL_USAGE_APPLICATION.NOT_FOUND', 'notFound', `用印申请 ${applicationId} 不存在`);
    return state.sealId;
  }
}
