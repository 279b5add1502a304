import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsoDate, NestedList, OneOf, OptionalText, RequiredText, Uuid } from '@oa/platform';
import { MaterialRequest } from './common.request';

/** 督办立项：来自会议通过的决定 (MTG-7) */
export class CreateSupervisionTaskRequest {
  @Uuid('会议编号')
  meetingId!: string;

  @Uuid('议题编号')
  itemId!: string;

  @RequiredText('督办事项', '按决定落实项目资金拨付', 2000)
  description!: string;

  @RequiredText('责任单位', '财务处', 100)
  ownerUnit!: string;

  @OptionalText('责任人编号', 'u-handler', 100)
  ownerPersonId?: string;

  @IsoDate('办结时限')
  deadline!: string;
}

export class ReportSupervisionProgressRequest {
  @RequiredText('进展情况', '已完成第一笔拨付', 2000)
  summary!: string;

  @ApiPropertyOptional({ description: '完成比例', minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt({ message: '完成比例须为整数' })
  @Min(0, { message: '完成比例不能为负数' })
  @Max(100, { message: '完成比例不能超过 100' })
  percentComplete?: number;
}

export class CloseSupervisionTaskRequest {
  @RequiredText('办结情况', '资金已全部拨付到位', 2000)
  summary!: string;

  @NestedList('佐证材料', () => MaterialRequest)
  evidence!: MaterialRequest[];
}

export class ListSupervisionTasksQuery {
  @OptionalText('责任单位', '财务处', 100)
  ownerUnit?: string;

  @OneOf('只看未办结（true）', ['true', 'false'], true)
  open?: 'true' | 'false';
}
