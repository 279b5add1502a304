import { EventStore, historyOf, type HistoryEntry } from '@oa/platform';
import { Inject, Injectable } from '@nestjs/common';
import {
  sealDecider,
  sealUsageApplicationDecider,
  sealUsageRegister,
  sealViolation,
  type RegisteredSealState,
  type SealUsageApplicationEvent,
  type SealUsageRegisterRow,
  type SubmittedSealUsageApplicationState,
} from '@oa/domain-seals';
import { SealReadStore, type SealListFilter } from '../infrastructure/read-models/seal-read-store';

export interface Versioned<S> {
  readonly id: string;
  readonly version: number;
  readonly state: S;
}

export interface SealListItem {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly owningUnit: string;
  readonly status: string;
  readonly keeperId?: string;
  readonly keeperName?: string;
  readonly version: number;
}

/** The reads of the seals service: streams folded on demand, the list from its read model. */
@Injectable()
export class SealQueries {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SealReadStore) private readonly readStore: SealReadStore,
  ) {}

  /** The seal now, or as of an instant (only events recorded up to it are folded). */
  async seal(sealId: string, asOf?: string): Promise<Versioned<RegisteredSealState>> {
    const { state, version } = await this.store.foldStream(sealDecider, sealId, asOf !== undefined ? { asOf } : {});
    if (state.status === 'unregistered') {
      throw sealViolation('SEAL.NOT_FOUND', 'notFound', asOf !== undefined ? `印章 ${sealId} 在 ${asOf} 时尚未登记` : `印章 ${sealId} 不存在`);
    }
    return { id: sealId, version, state };
  }

  async sealHistory(sealId: string): Promise<HistoryEntry[]> {
    const { events } = await this.store.foldStream(sealDecider, sealId);
    if (events.length === 0) throw sealViolation('SEAL.NOT_FOUND', 'notFound', `印章 ${sealId} 不存在`);
    return historyOf(events);
  }

  async list(filter: SealListFilter): Promise<SealListItem[]> {
    return (await this.readStore.list(filter)).map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      owningUnit: row.owningUnit,
      status: row.status,
      ...(row.keeperId !== null && { keeperId: row.keeperId }),
      ...(row.keeperName !== null && { keeperName: row.keeperName }),
      version: row.version,
    }));
  }

  async application(applicationId: string, asOf?: string): Promise<Versioned<SubmittedSealUsageApplicationState>> {
    const { state, version } = await this.store.foldStream(sealUsageApplicationDecider, applicationId, asOf !== undefined ? { asOf } : {});
    if (state.status === 'none') throw sealViolation('SEAL_USAGE_APPLICATION.NOT_FOUND', 'notFound', `用印申请 ${applicationId} 不存在`);
    return { id: applicationId, version, state };
  }

  async applicationHistory(applicationId: string): Promise<HistoryEntry[]> {
    const { events } = await this.store.foldStream(sealUsageApplicationDecider, applicationId);
    if (events.length === 0) throw sealViolation('SEAL_USAGE_APPLICATION.NOT_FOUND', 'notFound', `用印申请 ${applicationId} 不存在`);
    return historyOf(events);
  }

  /** SEAL-9 用印登记簿 of one seal in [from, to). */
  async usageRegister(sealId: string, period: { readonly from?: string; readonly to?: string }): Promise<SealUsageRegisterRow[]> {
    await this.seal(sealId);
    const events = (await this.readStore.usageApplicationEventsOf(sealId)).map(
      (envelope) => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as SealUsageApplicationEvent,
    );
    return sealUsageRegister(events, { sealId, ...(period.from !== undefined && { from: period.from }), ...(period.to !== undefined && { to: period.to }) });
  }
}
