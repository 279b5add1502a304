import type { SealUsageRegisterRow } from '@oa/domain-seals';

/** SEAL-9 columns with the Chinese headers an office expects in Excel. */
const COLUMNS: ReadonlyArray<readonly [string, (row: SealUsageRegisterRow) => string | number]> = [
  ['日期', (row) => row.date],
  ['用印时间', (row) => row.usedAt],
  ['用印事由', (row) => row.purpose],
  ['文件标题', (row) => row.document],
  ['份数', (row) => row.copies],
  ['用印次数', (row) => row.impressions],
  ['申请人', (row) => row.applicant],
  ['审批人', (row) => row.approver],
  ['保管人', (row) => row.keeper],
  ['监印人', (row) => row.witness],
  ['申请编号', (row) => row.applicationId],
  ['登记编号', (row) => row.usageId],
];

/** Quoted when needed; a leading = + - @ is defused so Excel never runs a cell as a formula. */
function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM and CRLF line ends, so Excel opens the Chinese text correctly. */
export function usageRegisterCsv(rows: readonly SealUsageRegisterRow[]): string {
  const lines = [COLUMNS.map(([header]) => header), ...rows.map((row) => COLUMNS.map(([, value]) => cell(value(row))))];
  return `\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}
