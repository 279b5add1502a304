import { DUTY_LOG_KINDS, type DutyLogKind } from '@oa/domain-affairs';
import { IsoDate, Nested, NestedList, OneOf, OptionalText, RequiredInstant, RequiredText, TextList } from '@oa/platform';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A person as the directory names them. */
export class NamedPersonRequest {
  @RequiredText('人员编号', 'huang.xiaodong', 100)
  id!: string;

  @RequiredText('姓名', '黄晓东', 100)
  name!: string;
}

/** SUP-1 what every task states besides its source. */
export class TaskTermsRequest {
  @RequiredText('责任单位', '县委办综合科', 200)
  ownerUnit!: string;

  @Nested('责任人', () => NamedPersonRequest)
  responsiblePerson!: NamedPersonRequest;

  @RequiredText('工作要求', '11月底前报送调研报告', 2000)
  requirement!: string;

  @IsoDate('办结时限')
  deadline!: string;
}

export class ProgressRequest {
  @RequiredText('进展情况', '已完成实地调研', 2000)
  summary!: string;

  @ApiPropertyOptional({ description: '完成比例（0–100）', minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt({ message: '完成比例须为整数' })
  @Min(0, { message: '完成比例不能小于 0' })
  @Max(100, { message: '完成比例不能大于 100' })
  percentComplete?: number;
}

export class EvidenceRequest {
  @RequiredText('材料名称', '调研报告.pdf', 200)
  name!: string;

  @RequiredText('SHA-256 摘要（64 位十六进制）', 'a'.repeat(64), 64)
  hash!: string;
}

export class ClosingRequest {
  @RequiredText('办结情况', '报告已报送', 2000)
  summary!: string;

  @NestedList('佐证材料', () => EvidenceRequest)
  evidence!: EvidenceRequest[];
}

export class OpinionRequest {
  @RequiredText('验收意见', '同意销号', 1000)
  opinion!: string;
}

export class ReasonRequest {
  @RequiredText('理由', '缺少佐证材料', 1000)
  reason!: string;
}

/** DUTY-1 a day's roster. */
export class ScheduleDutyRequest {
  @Nested('带班领导', () => NamedPersonRequest)
  leaderOnDuty!: NamedPersonRequest;

  @NestedList('值班员（按班次先后）', () => NamedPersonRequest, { min: 1 })
  officers!: NamedPersonRequest[];

  @OptionalText('变更理由（变更已排的值班表时必填）', '陈卫东出差', 500)
  reason?: string;
}

export class HandOverRequest {
  @Nested('接班值班员', () => NamedPersonRequest)
  incomingOfficer!: NamedPersonRequest;

  @TextList('未办结事项', '某镇道路塌方续报待县应急局回复')
  openItems?: string[];
}

export class DutyLogRequest {
  @RequiredInstant('来电或事件的时间')
  occurredAt!: string;

  @OneOf('类别', DUTY_LOG_KINDS)
  kind!: DutyLogKind;

  @RequiredText('事项', '县应急局来电：某镇道路塌方，无人员伤亡', 4000)
  summary!: string;
}

export class AmendDutyLogRequest {
  @RequiredText('补正内容', '来电单位为县交通运输局', 4000)
  correction!: string;

  @RequiredText('补正理由', '来电单位记录有误', 500)
  reason!: string;
}

/** INFO-1 首报. */
export class FirstReportRequest {
  @RequiredInstant('知悉事件的时间')
  learntAt!: string;

  @RequiredText('事件', '道路塌方，无人员伤亡', 2000)
  what!: string;

  @RequiredText('地点', '某镇某村村道', 500)
  where!: string;

  @RequiredText('发生时间', '12月12日9时许', 200)
  when!: string;

  @TextList('报送对象', '市委办公室')
  recipients!: string[];
}

export class ContinuedReportRequest {
  @RequiredText('事件进展', '已封闭道路，抢修中', 4000)
  situation!: string;

  @TextList('报送对象', '市委办公室')
  recipients!: string[];
}

export class FinalReportRequest {
  @RequiredText('原因', '连日降雨致边坡失稳', 4000)
  cause!: string;

  @RequiredText('处置结果', '道路已抢通', 4000)
  outcome!: string;

  @TextList('报送对象', '市委办公室')
  recipients!: string[];
}

export class SubmitInformationRequest {
  @RequiredText('报送单位', 'unit-township-a', 100)
  unitId!: string;

  @RequiredText('标题', '某镇冬季安全生产检查情况', 500)
  title!: string;

  @RequiredText('正文 SHA-256 摘要（64 位十六进制）', 'a'.repeat(64), 64)
  contentHash!: string;
}

export class PeriodQuery {
  @RequiredText('期间（2026-12 或 2026-Q4）', '2026-12', 7)
  period!: string;
}

export class TaskListQuery {
  @OptionalText('责任单位', '县委办综合科', 200)
  ownerUnit?: string;

  @OneOf('状态', ['open', 'awaitingAcceptance', 'closed'], true)
  status?: string;
}

export class DecisionListQuery {
  @OptionalText('会议编号', '0f8e4c1a-6f3b-4a52-9d0e-2b7c5a1e9f34', 100)
  meetingId?: string;
}

export class MonthQuery {
  @ApiProperty({ description: '月份（年-月）', example: '2026-12' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份须写作 年-月，如 2026-12' })
  month!: string;
}

export class DayRangeQuery {
  @IsoDate('起始日期（含）')
  from!: string;

  @IsoDate('截止日期（含，至多 366 天）')
  to!: string;
}
