import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { NestedList, OneOf, OptionalText, RequiredText } from '@oa/platform';
import { MaterialRequest } from './common.request';

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
