import { refuse } from '../documents.rules';

/** 发文字号 as its parts: 机关代字, the year and the sequence number (DOC-4, GB/T 9704 7.2.5). */
export interface DocumentNumber {
  readonly issuerCode: string;
  readonly year: number;
  readonly sequence: number;
}

export type DocumentNumberParse = { readonly ok: true; readonly value: DocumentNumber } | { readonly ok: false; readonly reason: string };

/** Brackets and marks that offices mistype for 〔〕, and characters that cannot be part of 机关代字. */
const NOT_IN_ISSUER_CODE = /[\s〔〕[\]()（）【】〖〗［］0-9０-９]/;

/** DOC-4 机关代字: e.g. `国发`, `国办发`, `京政发`; no blanks, brackets or digits. */
export function issuerCodeProblem(issuerCode: unknown): string | undefined {
  if (typeof issuerCode !== 'string' || issuerCode === '') return '机关代字不能为空';
  if (NOT_IN_ISSUER_CODE.test(issuerCode)) return `机关代字“${issuerCode}”不能含空白、括号或数字`;
  return undefined;
}

/**
 * DOC-4 GB/T 9704 7.2.5: 机关代字, the full year in 六角括号 〔〕, the sequence without leading
 * zeros (不编虚位) and without 第, then 号 — `国发〔2018〕1号`. Every departure gets its own reason.
 */
export function parseDocumentNumber(text: string): DocumentNumberParse {
  const fail = (reason: string): DocumentNumberParse => ({ ok: false, reason });
  if (typeof text !== 'string' || text.trim() === '') return fail('发文字号不能为空');
  if (text !== text.trim() || /\s/.test(text)) return fail(`发文字号“${text}”不能含空格`);
  if (/[[\]［］]/.test(text)) return fail(`发文字号“${text}”的年份须用六角括号〔〕，不能用方括号[]`);
  if (/[()（）]/.test(text)) return fail(`发文字号“${text}”的年份须用六角括号〔〕，不能用圆括号()`);
  if (/[【】〖〗]/.test(text)) return fail(`发文字号“${text}”的年份须用六角括号〔〕，不能用【】或〖〗`);
  const match = /^(.*)〔(.*)〕(.*)$/.exec(text);
  if (!match) return fail(`发文字号“${text}”须将年份置于六角括号〔〕内`);
  const [, issuerCode, year, rest] = match as unknown as [string, string, string, string];
  const issuerProblem = issuerCodeProblem(issuerCode);
  if (issuerProblem) return fail(issuerProblem);
  if (/^\d{2}$/.test(year)) return fail(`发文字号“${text}”的年份须标全称（四位），不能简写为“${year}”`);
  if (!/^\d{4}$/.test(year)) return fail(`发文字号“${text}”的年份须为四位阿拉伯数字`);
  if (rest.startsWith('第')) return fail(`发文字号“${text}”的序号前不加“第”`);
  if (!rest.endsWith('号')) return fail(`发文字号“${text}”须以“号”结尾`);
  const sequence = rest.slice(0, -1);
  if (!/^\d+$/.test(sequence)) return fail(`发文字号“${text}”的序号须为阿拉伯数字`);
  if (sequence.startsWith('0')) return fail(`发文字号“${text}”的序号不编虚位，不能写作“${sequence}”`);
  return { ok: true, value: { issuerCode, year: Number(year), sequence: Number(sequence) } };
}

/** Parses or refuses with DOC-4 (400). */
export function assertDocumentNumber(text: string): DocumentNumber {
  const parsed = parseDocumentNumber(text);
  if (!parsed.ok) throw refuse('DOC-4', 'invalid', parsed.reason);
  return parsed.value;
}

export function formatDocumentNumber({ issuerCode, year, sequence }: DocumentNumber): string {
  const issuerProblem = issuerCodeProblem(issuerCode);
  if (issuerProblem) throw refuse('DOC-4', 'invalid', issuerProblem);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw refuse('DOC-4', 'invalid', `年份须为四位整数，收到 ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw refuse('DOC-4', 'invalid', `序号须为从1开始的正整数，收到 ${sequence}`);
  return `${issuerCode}〔${year}〕${sequence}号`;
}
