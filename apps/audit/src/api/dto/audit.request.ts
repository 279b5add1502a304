import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Instant, OneOf, OptionalText } from '@oa/platform';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

/** A whole number in a query string (tree sizes, checkpoint ids, limits). */
const WholeNumber = (label: string, minimum: number, optional: boolean, maximum = MAX_SIZE) =>
  applyDecorators(
    optional ? ApiPropertyOptional({ description: label, minimum, type: Number }) : ApiProperty({ description: label, minimum, type: Number }),
    ...(optional ? [IsOptional()] : []),
    Type(() => Number),
    IsInt({ message: `${label}须为整数` }),
    Min(minimum, { message: `${label}至少为 ${minimum}` }),
    Max(maximum, { message: `${label}过大` }),
  );

export const AUDITED_SERVICES = ['documents', 'meetings', 'archives', 'seals'] as const;
export const FINDING_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

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
