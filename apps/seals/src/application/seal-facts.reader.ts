import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type FoldedStream, type ReadOptions } from '@oa/platform';
import {
  sealDecider,
  sealFactsOf,
  sealUsageApplicationDecider,
  sealViolation,
  type SealFacts,
  type SealState,
  type SealUsageApplicationState,
} from '@oa/domain-seals';

export type Folded<S> = FoldedStream<S>;

/** Loads and folds the seals service's streams: for reads, and for facts before a command. */
@Injectable()
export class SealStreams {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  seal(sealId: string, options: ReadOptions = {}): Promise<Folded<SealState>> {
    return this.store.foldStream(sealDecider, sealId, options);
  }

  application(applicationId: string, options: ReadOptions = {}): Promise<Folded<SealUsageApplicationState>> {
    return this.store.foldStream(sealUsageApplicationDecider, applicationId, options);
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
