import { isIsoDate } from '@oa/core';
import { invalidInput } from './documents.rules';

// The calendar itself (Beijing-time dates, working days) is core's; these are the documents' own refusals and DOC-6's form.

export function assertInstant(instant: unknown, what = '时间'): string {
  if (typeof instant !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(instant) || Number.isNaN(Date.parse(instant))) {
    throw invalidInput(`${what}须为 ISO-8601 时刻`);
  }
  return instant;
}

/** DOC-6 成文日期 in full Arabic numerals without leading zeros (GB/T 9704 7.3.5.1): `2024年7月1日`. */
export function chineseDate(date: string): string {
  if (!isIsoDate(date)) throw invalidInput(`日期 ${date} 不是有效的 YYYY-MM-DD 日期`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
