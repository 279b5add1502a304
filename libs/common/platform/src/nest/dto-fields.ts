import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** A required text field, with its Chinese name in the messages and the OpenAPI document. */
export const RequiredText = (label: string, example: string, maxLength = 500) =>
  applyDecorators(
    ApiProperty({ description: label, example, maxLength }),
    IsString({ message: `${label}须为文本` }),
    IsNotEmpty({ message: `${label}不能为空` }),
    MaxLength(maxLength, { message: `${label}不能超过 ${maxLength} 个字符` }),
  );

export const OptionalText = (label: string, example: string, maxLength = 500) =>
  applyDecorators(
    ApiPropertyOptional({ description: label, example, maxLength }),
    IsOptional(),
    IsString({ message: `${label}须为文本` }),
    MaxLength(maxLength, { message: `${label}不能超过 ${maxLength} 个字符` }),
  );

export const PositiveCount = (label: string, example: number) =>
  applyDecorators(
    ApiProperty({ description: label, example, minimum: 1, maximum: 10000 }),
    IsInt({ message: `${label}须为整数` }),
    Min(1, { message: `${label}至少为 1` }),
    Max(10000, { message: `${label}不能超过 10000` }),
  );

export const OneOf = (label: string, values: readonly string[], optional = false) =>
  applyDecorators(
    optional ? ApiPropertyOptional({ description: label, enum: values }) : ApiProperty({ description: label, enum: values }),
    ...(optional ? [IsOptional()] : []),
    IsIn([...values], { message: `${label}须为以下之一：${values.join('、')}` }),
  );

export const Uuid = (label: string, optional = false) =>
  applyDecorators(
    optional ? ApiPropertyOptional({ description: label, format: 'uuid' }) : ApiProperty({ description: label, format: 'uuid' }),
    ...(optional ? [IsOptional()] : []),
    IsUUID('all', { message: `${label}须为 UUID` }),
  );

export const Instant = (label: string) =>
  applyDecorators(
    ApiPropertyOptional({ description: `${label}（ISO 8601 时间）`, example: '2026-11-24T08:00:00Z' }),
    IsOptional(),
    IsISO8601({ strict: true }, { message: `${label}须为 ISO 8601 时间` }),
  );

export const RequiredInstant = (label: string) =>
  applyDecorators(
    ApiProperty({ description: `${label}（ISO 8601 时间）`, example: '2026-11-24T17:00:00+08:00' }),
    IsISO8601({ strict: true }, { message: `${label}须为 ISO 8601 时间` }),
  );

/** A local calendar date, YYYY-MM-DD. */
export const IsoDate = (label: string, example = '2026-11-24', optional = false) =>
  applyDecorators(
    optional ? ApiPropertyOptional({ description: `${label}（YYYY-MM-DD）`, example }) : ApiProperty({ description: `${label}（YYYY-MM-DD）`, example }),
    ...(optional ? [IsOptional()] : []),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${label}须为 YYYY-MM-DD 格式的日期` }),
  );

/** A list of nested objects, each validated as `type`. */
export const NestedList = (label: string, type: () => new () => object, options: { readonly optional?: boolean; readonly min?: number } = {}) =>
  applyDecorators(
    options.optional ? ApiPropertyOptional({ description: label, type: () => [type()] }) : ApiProperty({ description: label, type: () => [type()] }),
    ...(options.optional ? [IsOptional()] : []),
    IsArray({ message: `${label}须为列表` }),
    ...(options.min !== undefined ? [ArrayMinSize(options.min, { message: `${label}至少 ${options.min} 项` })] : []),
    ArrayMaxSize(500, { message: `${label}不能超过 500 项` }),
    ValidateNested({ each: true }),
    Type(type),
  );

/** One nested object validated as `type`. */
export const Nested = (label: string, type: () => new () => object, optional = false) =>
  applyDecorators(
    optional ? ApiPropertyOptional({ description: label, type: () => type() }) : ApiProperty({ description: label, type: () => type() }),
    ...(optional ? [IsOptional()] : []),
    IsObject({ message: `${label}须为对象` }),
    ValidateNested(),
    Type(type),
  );

export const Count = (label: string) =>
  applyDecorators(
    ApiProperty({ description: label, minimum: 0, maximum: 10000 }),
    IsInt({ message: `${label}须为整数` }),
    Min(0, { message: `${label}不能为负数` }),
    Max(10000, { message: `${label}不能超过 10000` }),
  );

export const Flag = (label: string, optional = true) =>
  applyDecorators(
    optional ? ApiPropertyOptional({ description: label, type: Boolean }) : ApiProperty({ description: label, type: Boolean }),
    ...(optional ? [IsOptional()] : []),
    IsBoolean({ message: `${label}须为 true 或 false` }),
  );

/** An optional list of short texts (department names, copy numbers). */
export const TextList = (label: string, example: string) =>
  applyDecorators(
    ApiPropertyOptional({ description: label, type: [String], example: [example] }),
    IsOptional(),
    IsArray({ message: `${label}须为列表` }),
    ArrayMaxSize(200, { message: `${label}不能超过 200 项` }),
    IsString({ each: true, message: `${label}的每一项须为文本` }),
    IsNotEmpty({ each: true, message: `${label}的每一项不能为空` }),
  );

/** A list of ids. */
export const StringList = (label: string) =>
  applyDecorators(
    ApiProperty({ description: label, type: [String] }),
    IsArray({ message: `${label}须为列表` }),
    ArrayMaxSize(500, { message: `${label}不能超过 500 项` }),
    IsString({ each: true, message: `${label}须为文本` }),
    IsNotEmpty({ each: true, message: `${label}不能为空` }),
  );
