import { Instant, OneOf } from '@oa/platform';

export class AsOfQuery {
  @Instant('查询时点')
  asOf?: string;
}

export class UsageRegisterQuery {
  @Instant('起始时间（含）')
  from?: string;

  @Instant('截止时间（不含）')
  to?: string;

  @OneOf('导出格式', ['json', 'csv'], true)
  format?: 'json' | 'csv';
}
