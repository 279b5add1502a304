import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Instant, OneOf, OptionalText } from '@oa/platform';
import { FOLDABLE_STREAM_TYPES } from '../../application/stream-state.query-handlers';
import { CATALOG_KINDS, type CatalogKind } from '../../application/catalog';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

/** A whole number in a query string (tree sizes, checkpoint ids, limits). */
const WholeNumber = (label: string, minimum: number, optional: boolean, maximum = MAX_SIZE) =>
  applyDecorators(
    // the contract states the maximum the validation enforces (a limit's, not Number.MAX_SAFE_INTEGER's)
    (optional ? ApiPropertyOptional : ApiProperty)({ description: label, minimum, ...(maximum !== MAX_SIZE && { maximum }), type: 'integer' }),
    ...(optional ? [IsOptional()] : []),
    Type(() => Number),
    IsInt({ message: `${label}须为整数` }),
    Min(minimum, { message: `${label}至少为 ${minimum}` }),
    Max(maximum, { message: `${label}不能大于 ${maximum}` }),
  );

/** The four areas and the audit service itself (its denied attempts and finding reviews). */
export const AUDITED_SERVICES = ['documents', 'meetings', 'archives', 'seals', 'audit', 'directory', 'affairs'] as const;
export const FINDING_STATUSES = ['open', 'acknowledged', 'disputed', 'resolved'] as const;
export const FINDING_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;

export class PeriodQuery {
  @Instant('起始时间（含）')
  from?: string;

  @Instant('截止时间（不含）')
  to?: string;

  @WholeNumber('最多返回条数', 1, true, 10000)
  limit?: number;
}

export class EntriesQuery extends PeriodQuery {
  @OneOf('来源服务', AUDITED_SERVICES, true)
  service?: (typeof AUDITED_SERVICES)[number];

  @OptionalText('事件类型', 'SealUsed', 200)
  type?: string;

  @OptionalText('只列出针对该对象（编号）被拒绝或越权的操作', '01a24421-80ed-76e8-a2d6-f9428bae04f1', 200)
  concerning?: string;
}

/** 查找: a list of one kind, narrowed by any of the fields an inspector knows. */
export class CatalogListQuery {
  @OneOf('类别', CATALOG_KINDS)
  kind!: CatalogKind;

  @OptionalText('名称、标题或文号中的文字', '印章', 200)
  q?: string;

  @OptionalText('单位（印章的所属单位、人员所在单位的编号、来文单位）', '办公室', 200)
  unit?: string;

  @OptionalText('状态', 'active', 50)
  status?: string;

  @OptionalText('会议所属的委员会编号', '3f1c…', 100)
  committeeId?: string;

  @Instant('日期起（含）：会议开始、公文成文或收文、印章登记')
  from?: string;

  @Instant('日期止（不含）')
  to?: string;

  @WholeNumber('最多返回条数', 1, true, 1000)
  limit?: number;
}

export class StreamHistoryQuery {
  @OptionalText('流类型（同一编号属于多类流时区分）', 'seal', 200)
  streamType?: string;
}

export class FindingsQuery {
  @OptionalText('规则编号', 'AUD-10', 20)
  rule?: string;

  @OneOf('处理状态', FINDING_STATUSES, true)
  status?: (typeof FINDING_STATUSES)[number];

  @OneOf('严重程度', FINDING_SEVERITIES, true)
  severity?: (typeof FINDING_SEVERITIES)[number];

  @OneOf('来源服务', AUDITED_SERVICES, true)
  service?: (typeof AUDITED_SERVICES)[number];

  @OptionalText('处室（证据事件操作人所在单位）', 'BGS', 100)
  unit?: string;

  @Instant('发生时间起（含）')
  from?: string;

  @Instant('发生时间止（不含）')
  to?: string;
}

export class ExportFindingsQuery extends FindingsQuery {
  @OneOf('导出格式', EXPORT_FORMATS)
  format!: (typeof EXPORT_FORMATS)[number];

  @WholeNumber('截至的检查点编号（缺省为此次导出新签署的检查点）', 1, true)
  checkpoint?: number;
}

export class ExportEntriesQuery {
  @OneOf('导出格式', EXPORT_FORMATS)
  format!: (typeof EXPORT_FORMATS)[number];

  @WholeNumber('截至的检查点编号（缺省为此次导出新签署的检查点）', 1, true)
  checkpoint?: number;

  @Instant('起始时间（含）')
  from?: string;

  @Instant('截止时间（不含）')
  to?: string;

  @OneOf('来源服务', AUDITED_SERVICES, true)
  service?: (typeof AUDITED_SERVICES)[number];

  @OptionalText('事件类型', 'SealUsed', 200)
  type?: string;

  @OptionalText('操作人编号', 'u-keeper', 200)
  actorId?: string;

  @OptionalText('流编号', 'a3c1…', 200)
  streamId?: string;
}

export class StreamStateQuery {
  @OneOf('流类型', FOLDABLE_STREAM_TYPES)
  streamType!: string;

  @Instant('回溯时点（缺省为现在）')
  asOf?: string;
}

export class FindingReviewRequest {
  @OptionalText('审计意见（办结时必填）', '已核实，补登用印申请', 2000)
  note?: string;
}

export class InclusionProofQuery {
  @WholeNumber('检查点编号（缺省为最新）', 1, true)
  checkpoint?: number;
}

export class ConsistencyProofQuery {
  @WholeNumber('起始日志大小（某个检查点中的大小）', 1, false)
  from!: number;

  @WholeNumber('结束日志大小（缺省为最新检查点中的大小）', 1, true)
  to?: number;
}
