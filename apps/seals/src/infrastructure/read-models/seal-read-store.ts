import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, STORED_EVENT_COLUMNS, rowToEnvelope } from '@oa/platform';
import type { EventEnvelope } from '@oa/core';
import { sealUsageApplicationStreamType } from '@oa/domain-seals';
import { SealReadModel } from './seal.entity';

export interface SealListFilter {
  readonly unit?: string;
  readonly kind?: string;
  readonly status?: string;
}

/** Reads of the seals schema that are not one stream: the list and a seal's applications. */
@Injectable()
export class SealReadStore {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  list(filter: SealListFilter): Promise<SealReadModel[]> {
    return this.dataSource.getRepository(SealReadModel).find({
      where: {
        ...(filter.unit !== undefined && { owningUnit: filter.unit }),
        ...(filter.kind !== undefined && { kind: filter.kind }),
        ...(filter.status !== undefined && { status: filter.status }),
      },
      order: { registeredAt: 'ASC', id: 'ASC' },
    });
  }

  /** Every event of the usage applications for one seal, in the order they were recorded. */
  async usageApplicationEventsOf(sealId: string): Promise<EventEnvelope[]> {
    const rows = await this.dataSource.query(
      `SELECT ${STORED_EVENT_COLUMNS} FROM "${this.store.schema}".events
        WHERE stream_type = $1 AND stream_id IN (
          SELECT stream_id FROM "${this.store.schema}".events
           WHERE stream_type = $1 AND type = 'SealUsageApplicationSubmitted' AND data->>'sealId' = $2)
        ORDER BY position`,
      [sealUsageApplicationStreamType, sealId],
    );
    return (rows as Parameters<typeof rowToEnvelope>[0][]).map((row) => this.store.upcasters.upcast(rowToEnvelope(row)));
  }
}
