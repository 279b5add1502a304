import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Instant, OptionalText, RequiredText } from '@oa/platform';

export class AsOfQuery {
  @Instant('查询时点')
  asOf?: string;
}

export class ListDocumentsQuery {
  @OptionalText('状态', 'registered', 50)
  status?: string;
}

export class DocumentNumbersQuery {
  @RequiredText('机关代字', '国发', 20)
  issuer!: string;

  @ApiProperty({ description: '年份', example: 2026 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: '年份须为整数' })
  @Min(1949, { message: '年份不能早于 1949' })
  @Max(9999, { message: '年份须为四位数' })
  year!: number;
}
