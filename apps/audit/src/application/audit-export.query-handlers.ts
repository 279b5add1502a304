import { Inject, UnprocessableEntityException } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { stringify } from 'csv-stringify/sync';
import { AuditEntriesQuery, FindingListQuery, type AuditEntryView, type EntryFilter, type FindingFilter, type FindingView } from './audit.query-handlers';
import type { SignedCheckpoint } from './checkpoints';
import type { Reader } from './secrecy-levels';

export type ExportFormat = 'jsonl' | 'csv';

export interface AuditExport {
  readonly checkpoint: SignedCheckpoint;
  readonly contentType: string;
  readonly fileName: string;
  readonly body: string;
}

/** More than this in one file is a sign the period or scope is too wide for an inspection package. */
export const EXPORT_LIMIT = 100_000;

const ENTRY_COLUMNS: ReadonlyArray<readonly [string, (entry: AuditEntryView) => unknown]> = [
  ['记录时间', (entry) => entry.recordedAt],
  ['服务', (entry) => entry.service],
  ['流类型', (entry) => entry.streamType],
  ['流编号', (entry) => entry.streamId],
  ['版本', (entry) => entry.streamVersion],
  ['事件类型', (entry) => entry.type],
  ['操作人编号', (entry) => entry.actor.id],
  ['操作人', (entry) => entry.actor.name],
  ['哈希链', (entry) => (entry.chainStatus === 'ok' ? '完好' : '异常')],
  ['事件编号', (entry) => entry.eventId],
  ['日志', (entry) => entry.log],
  ['日志序号', (entry) => entry.index],
  ['叶哈希', (entry) => entry.leafHash],
  ['数据', (entry) => JSON.stringify(entry.data)],
];

const FINDING_COLUMNS: ReadonlyArray<readonly [string, (finding: FindingView) => unknown]> = [
  ['规则', (finding) => finding.rule],
  ['严重程度', (finding) => finding.severity],
  ['状态', (finding) => finding.status],
  ['标题', (finding) => finding.title],
  ['发生时间', (finding) => finding.occurredAt],
  ['发现时间', (finding) => finding.detectedAt],
  ['服务', (finding) => finding.services.join(' ')],
  ['处室', (finding) => finding.units.join(' ')],
  ['相关流', (finding) => finding.streamIds.join(' ')],
  ['证据事件', (finding) => finding.eventIds.join(' ')],
  ['审计意见', (finding) => JSON.stringify(finding.annotations)],
  ['编号', (finding) => finding.id],
];

/**
 * 检查导出: entries and findings of a period and scope, cut at a checkpoint signed for the
 * export (or an earlier one named, so the files of one package share it), so an inspector can prove every exported entry against it (inclusion proofs).
 * JSON Lines: the checkpoint first, then one record a line. CSV (Excel: BOM, formulas defused):
 * every row names the checkpoint id; the signed checkpoint is at /audit/checkpoints/{id}.
 */
export class EntriesExportQuery extends Query<AuditExport> {
  constructor(
    readonly filter: Omit<EntryFilter, 'limit' | 'checkpointId'>,
    readonly format: ExportFormat,
    /** The cut: what the checkpoint covers, and nothing after it. */
    readonly checkpoint: SignedCheckpoint,
    /** COMMON-3 an export shows what its reader may see, as the entries do. */
    readonly reader: Reader,
  ) {
    super();
  }
}

export class FindingsExportQuery extends Query<AuditExport> {
  constructor(
    readonly filter: FindingFilter,
    readonly format: ExportFormat,
    readonly checkpoint: SignedCheckpoint,
    readonly reader: Reader,
  ) {
    super();
  }
}

@QueryHandler(EntriesExportQuery)
export class EntriesExportQueryHandler implements IQueryHandler<EntriesExportQuery> {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  async execute({ filter, format, checkpoint, reader }: EntriesExportQuery): Promise<AuditExport> {
    const entries = await this.queries.execute(new AuditEntriesQuery({ ...filter, checkpointId: checkpoint.body.id, limit: EXPORT_LIMIT + 1 }, reader));
    return render('entries', checkpoint, entries, ENTRY_COLUMNS, format);
  }
}

@QueryHandler(FindingsExportQuery)
export class FindingsExportQueryHandler implements IQueryHandler<FindingsExportQuery> {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  async execute({ filter, format, checkpoint, reader }: FindingsExportQuery): Promise<AuditExport> {
    return render('findings', checkpoint, await this.queries.execute(new FindingListQuery(filter, reader)), FINDING_COLUMNS, format);
  }
}

function render<R>(kind: 'entries' | 'findings', checkpoint: SignedCheckpoint, records: readonly R[], columns: ReadonlyArray<readonly [string, (record: R) => unknown]>, format: ExportFormat): AuditExport {
  if (records.length > EXPORT_LIMIT) {
    throw new UnprocessableEntityException({ code: 'AUDIT.EXPORT_TOO_LARGE', title: '导出范围过大', detail: `一次最多导出 ${EXPORT_LIMIT} 条，请缩小时间范围或限定服务` });
  }
  const fileName = `audit-${kind}-checkpoint-${checkpoint.body.id}.${format}`;
  if (format === 'jsonl') {
    const lines = [{ record: 'checkpoint', ...checkpoint }, ...records.map((record) => ({ record: kind === 'entries' ? 'entry' : 'finding', ...record }))];
    return { checkpoint, fileName, contentType: 'application/jsonl; charset=utf-8', body: lines.map((line) => `${JSON.stringify(line)}\n`).join('') };
  }
  const rows = records.map((record) => [...columns.map(([, value]) => value(record)), checkpoint.body.id]);
  const body = stringify(rows, { bom: true, record_delimiter: 'windows', escape_formulas: true, columns: [...columns.map(([header]) => header), '检查点'], header: true, cast: { number: String } });
  return { checkpoint, fileName, contentType: 'text/csv; charset=utf-8', body };
}
