import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '@oa/platform';
import type { DirectoryRecord, PersonState, UnitState } from '@oa/domain-directory';
import { authorityRecords } from './directory-records';

export interface UnitRow {
  readonly unit_id: string;
  readonly status: string;
  readonly state: Exclude<UnitState, { status: 'empty' }>;
  readonly version: number;
}

export interface PersonRow {
  readonly person_id: string;
  readonly status: string;
  readonly state: Exclude<PersonState, { status: 'empty' }>;
  readonly version: number;
}

/** Reads of the directory schema that are not one stream: the lists, and the records a person's authority folds. */
@Injectable()
export class DirectoryReadStore {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  units(filter: { readonly parent?: string; readonly status?: string }): Promise<UnitRow[]> {
    return this.dataSource.query(
      `SELECT unit_id, status, state, version FROM "directory".units
        WHERE ($1::text IS NULL OR parent_unit_id = $1) AND ($2::text IS NULL OR status = $2)
        ORDER BY code, unit_id`,
      [filter.parent ?? null, filter.status ?? null],
    );
  }

  people(filter: { readonly unit?: string; readonly status?: string }): Promise<PersonRow[]> {
    return this.dataSource.query(
      `SELECT person_id, status, state, version FROM "directory".people
        WHERE ($1::text IS NULL OR $1 = ANY(unit_ids)) AND ($2::text IS NULL OR status = $2)
        ORDER BY name, person_id`,
      [filter.unit ?? null, filter.status ?? null],
    );
  }

  authorityRecords(personId: string): Promise<DirectoryRecord[]> {
    return authorityRecords(this.dataSource, this.store, personId);
  }
}
