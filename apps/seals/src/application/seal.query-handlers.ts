import { Inject } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StreamStateQuery } from '@oa/platform';
import { sealUsageRegister, type SealUsageApplicationEvent, type SealUsageRegisterRow } from '@oa/domain-seals';
import { SealReadStore, type SealListFilter } from '../infrastructure/read-models/seal-read-store';
import { sealStream } from '../seals.service-definition';

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

/** 印章台账: the seals by unit, kind and status, from the read model. */
export class SealListQuery extends Query<SealListItem[]> {
  constructor(readonly filter: SealListFilter) {
    super();
  }
}

/** SEAL-9 用印登记簿 of one seal in [from, to). */
export class SealUsageRegisterQuery extends Query<SealUsageRegisterRow[]> {
  constructor(
    readonly sealId: string,
    readonly period: { readonly from?: string; readonly to?: string },
  ) {
    super();
  }
}

@QueryHandler(SealListQuery)
export class SealListQueryHandler implements IQueryHandler<SealListQuery> {
  constructor(@Inject(SealReadStore) private readonly readStore: SealReadStore) {}

  async execute({ filter }: SealListQuery): Promise<SealListItem[]> {
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
}

@QueryHandler(SealUsageRegisterQuery)
export class SealUsageRegisterQueryHandler implements IQueryHandler<SealUsageRegisterQuery> {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(SealReadStore) private readonly readStore: SealReadStore,
  ) {}

  async execute({ sealId, period }: SealUsageRegisterQuery): Promise<SealUsageRegisterRow[]> {
    // an unknown seal is a 404, not an empty register
    await this.queries.execute(new StreamStateQuery(sealStream, sealId));
    const events = (await this.readStore.usageApplicationEventsOf(sealId)).map(
      (envelope) => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as SealUsageApplicationEvent,
    );
    return sealUsageRegister(events, { sealId, ...(period.from !== undefined && { from: period.from }), ...(period.to !== undefined && { to: period.to }) });
  }
}
