import { Instant, OneOf, Uuid } from '@oa/platform';

export class AsOfQuery {
  @Instant('查询时点')
  asOf?: string;
}

export class AuthorityAtQuery {
  @Instant('查询时点（缺省为现在）')
  at?: string;
}

export class ListUnitsQuery {
  @Uuid('上级机构', true)
  parent?: string;

  @OneOf('状态', ['active', 'dissolved'], true)
  status?: 'active' | 'dissolved';
}

export class ListPeopleQuery {
  @Uuid('所在机构（含兼职）', true)
  unit?: string;

  @OneOf('状态', ['active', 'departed'], true)
  status?: 'active' | 'departed';
}
