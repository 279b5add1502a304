import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/**
 * A person's id is the subject their token names (an identity provider's user id, 工号): letters,
 * digits and `._-`, up to 64. `directory` is the bootstrap stream's.
 */
export const PERSON_ID = /^(?!directory$)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const PersonIdPipe: PipeTransform<string, string> = {
  transform(value: string) {
    if (typeof value !== 'string' || !PERSON_ID.test(value)) {
      throw new BadRequestException({ code: 'COMMON.INVALID_ID', title: '请求不合法', detail: '人员编号须为 1–64 个字母、数字或 ._- 字符（即令牌的 sub）' });
    }
    return value;
  },
};

/** A person's id in a request body. */
export const PersonId = (label: string, example: string) =>
  applyDecorators(
    ApiProperty({ description: `${label}（令牌的 sub）`, example, pattern: PERSON_ID.source, maxLength: 64 }),
    IsString({ message: `${label}须为文本` }),
    Matches(PERSON_ID, { message: `${label}须为 1–64 个字母、数字或 ._- 字符` }),
  );
