import type { ArchiveComponent, ArchiveItemMetadata, ReceivedCopy } from '../archives.vocabulary';
import { formatItemNumber } from '../archival-code';

/** What the manifest needs of an item: a filed (or transferred) item's state has it. */
export interface TransferableItem {
  readonly archivalCode: string;
  readonly metadata: ArchiveItemMetadata;
  readonly components: readonly ArchiveComponent[];
  /** FILE-4 the archives' own copies, whose bytes the package carries. */
  readonly copies: readonly ReceivedCopy[];
}

/** One row of the transfer manifest (移交清单, ARC-7): every metadata field and every component hash. */
export interface TransferManifestRow extends ArchiveItemMetadata {
  readonly archivalCode: string;
  readonly components: ReadonlyArray<
    Pick<ArchiveComponent, 'componentId' | 'role' | 'fileName' | 'format' | 'hashAlgorithm' | 'hash'> & {
      /** The bytes the archives hold and a transfer package carries: SHA-256 always, SM3 where configured (ARC-7). */
      readonly stored?: Pick<ReceivedCopy, 'sha256' | 'sm3' | 'sizeBytes' | 'format'>;
    }
  >;
}

/** ARC-7: the manifest rows, in archival code order. */
export function transferManifest(items: readonly TransferableItem[]): TransferManifestRow[] {
  return [...items]
    .sort((a, b) => (a.archivalCode < b.archivalCode ? -1 : a.archivalCode > b.archivalCode ? 1 : 0))
    .map(({ archivalCode, metadata, components, copies }) => ({
      archivalCode,
      ...metadata,
      components: components.map(({ componentId, role, fileName, format, hashAlgorithm, hash }) => {
        const copy = copies.find((held) => held.componentId === componentId);
        const stored = copy && { sha256: copy.sha256, ...(copy.sm3 !== undefined && { sm3: copy.sm3 }), sizeBytes: copy.sizeBytes, format: copy.format };
        return { componentId, role, fileName, format, hashAlgorithm, hash, ...(stored && { stored }) };
      }),
    }));
}

export const transferManifestCsvHeader = [
  '档号',
  '全宗号',
  '门类代码',
  '年度',
  '保管期限',
  '机构代码',
  '件号',
  '题名',
  '责任者',
  '日期',
  '页数',
  '密级',
  '组件编号',
  '组件类型',
  '文件名',
  '格式',
  '摘要算法',
  '摘要值',
  '存档文件SHA-256',
  '存档文件SM3',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** ARC-7 manifest as CSV: one line per component (the item's metadata repeated), CRLF line ends. */
export function transferManifestCsv(rows: readonly TransferManifestRow[]): string {
  const lines = [transferManifestCsvHeader.join(',')];
  for (const row of rows) {
    const item = [
      row.archivalCode,
      row.fondsCode,
      row.categoryCode,
      row.year,
      row.retention,
      row.organisationCode,
      formatItemNumber(row.itemNumber),
      row.title,
      row.responsibleParty,
      row.date,
      row.pages,
      row.secrecyLevel,
    ];
    for (const component of row.components) {
      lines.push(
        [...item, component.componentId, component.role, component.fileName, component.format, component.hashAlgorithm, component.hash, component.stored?.sha256 ?? '', component.stored?.sm3 ?? '']
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
