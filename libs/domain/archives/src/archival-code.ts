import { refuse } from './archives.rules';
import { isCategoryCode, isRetention, type CategoryCode, type Retention } from './archives.vocabulary';

/** 档号 as its parts (ARC-2, DA/T 22): 全宗号-门类代码·年度-保管期限-机构代码-件号. */
export interface ArchivalCode {
  readonly fondsCode: string;
  readonly categoryCode: CategoryCode;
  readonly year: number;
  readonly retention: Retention;
  readonly organisationCode: string;
  readonly itemNumber: number;
}

/** The middle dot (U+00B7) between category and year; never `.`, `-` or `・`. */
export const ARCHIVAL_CODE_DOT = '\u00B7';

export type ArchivalCodeParse = { readonly ok: true; readonly value: ArchivalCode } | { readonly ok: false; readonly reason: string };

/** 全宗号 and 机构代码: letters and digits only, so the separators stay unambiguous. */
const CODE_PART = /^[A-Za-z0-9]+$/;

export function fondsCodeProblem(fondsCode: unknown): string | undefined {
  if (typeof fondsCode !== 'string' || fondsCode === '') return '全宗号不能为空';
  if (!CODE_PART.test(fondsCode)) return `全宗号“${fondsCode}”只能由字母和数字组成`;
  return undefined;
}

export function organisationCodeProblem(organisationCode: unknown): string | undefined {
  if (typeof organisationCode !== 'string' || organisationCode === '') return '机构代码不能为空';
  if (!CODE_PART.test(organisationCode)) return `机构代码“${organisationCode}”只能由字母和数字组成`;
  return undefined;
}

/** The first problem with an archival code's parts, or undefined when it can be written. */
export function archivalCodeProblem(code: ArchivalCode): string | undefined {
  const { fondsCode, categoryCode, year, retention, organisationCode, itemNumber } = code;
  return (
    fondsCodeProblem(fondsCode) ??
    (isCategoryCode(categoryCode) ? undefined : `门类代码“${String(categoryCode)}”无效，文书档案为 WS`) ??
    (Number.isInteger(year) && year >= 1000 && year <= 9999 ? undefined : `年度须为四位整数，收到 ${String(year)}`) ??
    (isRetention(retention) ? undefined : `保管期限“${String(retention)}”无效，应为 Y、D30 或 D10`) ??
    organisationCodeProblem(organisationCode) ??
    (Number.isInteger(itemNumber) && itemNumber >= 1 && itemNumber <= 9999 ? undefined : `件号须为 1 至 9999 的整数，收到 ${String(itemNumber)}`)
  );
}

/** ARC-2: `Z109-WS·2024-Y-BGS-0001`, the item number in four digits with leading zeros. */
export function formatArchivalCode(code: ArchivalCode): string {
  const problem = archivalCodeProblem(code);
  if (problem) throw refuse('ARC-2', 'invalid', problem);
  const { fondsCode, categoryCode, year, retention, organisationCode, itemNumber } = code;
  return `${fondsCode}-${categoryCode}${ARCHIVAL_CODE_DOT}${year}-${retention}-${organisationCode}-${formatItemNumber(itemNumber)}`;
}

/** 件号 as written on the code and the filing stamp: four digits, leading zeros. */
export function formatItemNumber(itemNumber: number): string {
  return String(itemNumber).padStart(4, '0');
}

/** ARC-2, read back: every departure from the format gets its own reason. */
export function parseArchivalCode(text: string): ArchivalCodeParse {
  const fail = (reason: string): ArchivalCodeParse => ({ ok: false, reason });
  if (typeof text !== 'string' || text.trim() === '') return fail('档号不能为空');
  if (/\s/.test(text)) return fail(`档号“${text}”不能含空格`);
  const dots = text.split(ARCHIVAL_CODE_DOT).length - 1;
  if (dots === 0) return fail(`档号“${text}”的门类代码与年度之间须用间隔号“·”分隔`);
  if (dots > 1) return fail(`档号“${text}”只能有一个间隔号“·”`);
  const [head, tail] = text.split(ARCHIVAL_CODE_DOT) as [string, string];
  const headParts = head.split('-');
  if (headParts.length !== 2) return fail(`档号“${text}”的间隔号前应为“全宗号-门类代码”`);
  const tailParts = tail.split('-');
  if (tailParts.length !== 4) return fail(`档号“${text}”的间隔号后应为“年度-保管期限-机构代码-件号”`);
  const [fondsCode, categoryCode] = headParts as [string, string];
  const [year, retention, organisationCode, itemNumber] = tailParts as [string, string, string, string];
  if (!/^\d{4}$/.test(year)) return fail(`档号“${text}”的年度须为四位数字`);
  if (!/^\d{4}$/.test(itemNumber)) return fail(`档号“${text}”的件号须为四位数字（不足四位前补零）`);
  const value = {
    fondsCode,
    categoryCode: categoryCode as CategoryCode,
    year: Number(year),
    retention: retention as Retention,
    organisationCode,
    itemNumber: Number(itemNumber),
  };
  const problem = archivalCodeProblem(value);
  return problem ? fail(`档号“${text}”有误：${problem}`) : { ok: true, value };
}

/** Parses or refuses with ARC-2 (400). */
export function assertArchivalCode(text: string): ArchivalCode {
  const parsed = parseArchivalCode(text);
  if (!parsed.ok) throw refuse('ARC-2', 'invalid', parsed.reason);
  return parsed.value;
}

/**
 * 归档章 (ARC-3): fonds, year, retention, item number and pages; the organisation is
 * optional (the office configures whether its stamp shows it).
 */
export interface FilingStamp {
  readonly fondsCode: string;
  readonly year: number;
  readonly retention: Retention;
  readonly itemNumber: string;
  readonly pages: number;
  readonly organisationCode?: string;
}

export function filingStampOf(
  metadata: Pick<ArchivalCode, 'fondsCode' | 'year' | 'retention' | 'organisationCode' | 'itemNumber'> & { readonly pages: number },
  showOrganisation = true,
): FilingStamp {
  return {
    fondsCode: metadata.fondsCode,
    year: metadata.year,
    retention: metadata.retention,
    itemNumber: formatItemNumber(metadata.itemNumber),
    pages: metadata.pages,
    ...(showOrganisation ? { organisationCode: metadata.organisationCode } : {}),
  };
}
