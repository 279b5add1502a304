import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SecrecyLevel } from '@oa/core';
import { authorityAt, personStreamType, postsOf, refuse, type Authority, type DirectoryRole, type HeldPost } from '@oa/domain-directory';
import { DirectoryReadStore } from '../infrastructure/read-models/directory-read-store';

export interface UnitListItem {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly parentUnitId?: string;
  readonly status: string;
  readonly posts: ReadonlyArray<{ readonly postId: string; readonly kind: string; readonly title: string; readonly capacity: string; readonly abolished: boolean }>;
  readonly version: number;
}

export interface PersonListItem {
  readonly id: string;
  readonly name: string;
  readonly homeUnitId: string;
  readonly status: string;
  readonly units: readonly string[];
  readonly roles: readonly DirectoryRole[];
  readonly posts: readonly HeldPost[];
  readonly clearance: SecrecyLevel;
  readonly version: number;
}

/** 机构名录: by parent unit and status, from the read model. */
export class UnitListQuery extends Query<UnitListItem[]> {
  constructor(readonly filter: { readonly parent?: string; readonly status?: string }) {
    super();
  }
}

/** 人员名录: the people serving in a unit (any identity there), by status. */
export class PersonListQuery extends Query<PersonListItem[]> {
  constructor(readonly filter: { readonly unit?: string; readonly status?: string }) {
    super();
  }
}

/** DIR-4: a person's roles, posts, clearance and delegations in force at an instant (`authorityAt`). */
export class PersonAuthorityQuery extends Query<Authority> {
  constructor(
    readonly personId: string,
    readonly at: string,
  ) {
    super();
  }
}

@QueryHandler(UnitListQuery)
export class UnitListQueryHandler implements IQueryHandler<UnitListQuery> {
  constructor(@Inject(DirectoryReadStore) private readonly readStore: DirectoryReadStore) {}

  async execute({ filter }: UnitListQuery): Promise<UnitListItem[]> {
    return (await this.readStore.units(filter)).map(({ unit_id, status, state, version }) => ({
      id: unit_id,
      code: state.code,
      name: state.name,
      ...(state.parentUnitId !== undefined && { parentUnitId: state.parentUnitId }),
      status,
      posts: state.posts,
      version,
    }));
  }
}

@QueryHandler(PersonListQuery)
export class PersonListQueryHandler implements IQueryHandler<PersonListQuery> {
  constructor(@Inject(DirectoryReadStore) private readonly readStore: DirectoryReadStore) {}

  async execute({ filter }: PersonListQuery): Promise<PersonListItem[]> {
    return (await this.readStore.people(filter)).map(({ person_id, status, state, version }) => ({
      id: person_id,
      name: state.name,
      homeUnitId: state.homeUnitId,
      status,
      units: state.status === 'active' ? state.identities.map((identity) => identity.unitId) : [],
      roles: state.status === 'active' ? state.roles.map((holding) => holding.role) : [],
      posts: postsOf(state),
      clearance: state.status === 'active' ? (state.clearance?.level ?? 'none') : 'none',
      version,
    }));
  }
}

@QueryHandler(PersonAuthorityQuery)
export class PersonAuthorityQueryHandler implements IQueryHandler<PersonAuthorityQuery> {
  constructor(@Inject(DirectoryReadStore) private readonly readStore: DirectoryReadStore) {}

  async execute({ personId, at }: PersonAuthorityQuery): Promise<Authority> {
    const records = await this.readStore.authorityRecords(personId);
    if (!records.some((record) => record.streamType === personStreamType && record.streamId === personId)) throw refuse('PERSON.NOT_FOUND', 'notFound', `人员 ${personId} 不存在`);
    return authorityAt(records, personId, at);
  }
}
