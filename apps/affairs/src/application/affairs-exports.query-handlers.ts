import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { stringify } from 'csv-stringify/sync';
import { addDays, endOfLocalDate, startOfLocalDate } from '@oa/core';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { dutyDayId, isOverdue, supervisionTaskDecider, type EscalationStep, type SupervisionSource } from '@oa/domain-affairs';

/** A CSV file as the routes send it. */
export interface CsvFile {
  readonly fileName: string;
  readonly body: string;
}

/** Excel opens it as it is: BOM, CRLF, formulas defused. */
const csv = (columns: readonly string[], rows: unknown[][]): string => stringify(rows, { bom: true, record_delimiter: 'windows', escape_formulas: true, columns: [...columns], header: true, cast: { boolean: (value) => (value ? '是' : '否') } });

const SOURCE: Record<SupervisionSource['kind'], string> = { instruction: '领导批示', assignment: '领导交办', meetingDecision: '会议决定' };
const STATUS = { open: '办理中', awaitingAcceptance: '待验收', closed: '已办结' } as const;
const STEP: Record<EscalationStep, string> = { reminder: '催办', notice: '通报', interview: '约谈' };

/** 督办月报: every task open at some time in the month (assigned before its end, not closed before its start), as it stood at the month's end, Beijing days. */
export class SupervisionReportQuery extends Query<CsvFile> {
  constructor(readonly month: string) {
    super();
  }
}

/** 值班日志 of a period (days, both ends included): the roster, each handover, log entry and amendment, in order. */
export class DutyLogExportQuery extends Query<CsvFile> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

@QueryHandler(SupervisionReportQuery)
export class SupervisionReportQueryHandler implements IQueryHandler<SupervisionReportQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ month }: SupervisionReportQuery): Promise<CsvFile> {
    const first = `${month}-01`;
    const last = addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1);
    const monthEnd = endOfLocalDate(last);
    const rows: Array<{ id: string }> = await this.runtime.dataSource.query(
      `SELECT id FROM "affairs".supervision_tasks WHERE assigned_at < $2 AND (closed_at IS NULL OR closed_at >= $1) ORDER BY deadline, id`,
      [startOfLocalDate(first), monthEnd],
    );
    // each task as it stood at the month's end (its last instant): a later escalation, return or closing is not this month's
    const asOf = new Date(Date.parse(monthEnd) - 1).toISOString();
    const lines: unknown[][] = [];
    for (const { id } of rows) {
      const { state: task } = await this.runtime.store.foldStream(supervisionTaskDecider, id, { asOf });
      if (task.status === 'empty') continue;
      lines.push([
        id,
        SOURCE[task.source.kind],
        task.assigner.name,
        task.ownerUnit,
        task.responsiblePerson.name,
        task.requirement,
        task.deadline,
        STATUS[task.status],
        task.escalation ? STEP[task.escalation.step] : '',
        // SUP-2 closed late, or overdue at the month's end
        task.status === 'closed' ? task.late : isOverdue(task.deadline, asOf),
      ]);
    }
    return { fileName: `supervision-report-${month}.csv`, body: csv(['督办编号', '来源', '交办人', '责任单位', '责任人', '工作要求', '办结时限', '月末状态', '逾期督办', '逾期'], lines) };
  }
}

const DUTY_EVENTS: Record<string, (data: Record<string, unknown>) => [kind: string, at: string, text: string]> = {
  DutyScheduled: (data) => ['排班', String(data['scheduledAt']), roster(data)],
  DutyRosterChanged: (data) => ['变更值班表', String(data['changedAt']), `${roster(data)}；理由：${String(data['reason'])}`],
  ShiftHandedOver: (data) => [
    '交接班',
    String(data['handedOverAt']),
    `${name(data['outgoingOfficer'])} 交 ${name(data['incomingOfficer'])}${(data['openItems'] as string[]).length > 0 ? `；未办结：${(data['openItems'] as string[]).join('、')}` : ''}`,
  ],
  DutyLogEntryRecorded: (data) => ['值班日志', String(data['occurredAt']), String(data['summary'])],
  DutyLogEntryAmended: (data) => ['补正', String(data['amendedAt']), `补正 ${String(data['entryId'])}：${String(data['correction'])}（理由：${String(data['reason'])}）`],
};
const name = (person: unknown) => (person as { name?: string } | undefined)?.name ?? '';
const roster = (data: Record<string, unknown>) => `带班领导 ${name(data['leaderOnDuty'])}；值班员 ${(data['officers'] as unknown[]).map(name).join('、')}`;
const beijing = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });

@QueryHandler(DutyLogExportQuery)
export class DutyLogExportQueryHandler implements IQueryHandler<DutyLogExportQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ from, to }: DutyLogExportQuery): Promise<CsvFile> {
    const days: string[] = [];
    for (let day = from; day <= to && days.length < 366; day = addDays(day, 1)) days.push(day);
    const events: Array<{ stream_id: string; type: string; data: Record<string, unknown>; metadata: { actor?: { name?: string } } }> = await this.runtime.dataSource.query(
      `SELECT stream_id, type, data, metadata FROM "affairs".events WHERE stream_type = 'dutyDay' AND stream_id = ANY($1) ORDER BY stream_id, stream_version`,
      [days.map(dutyDayId)],
    );
    const lines = events
      .filter((event) => DUTY_EVENTS[event.type] !== undefined)
      .map((event) => {
        const [kind, at, text] = DUTY_EVENTS[event.type]!(event.data);
        return [event.stream_id.slice('duty-'.length), kind, Number.isNaN(Date.parse(at)) ? at : beijing.format(new Date(at)), text, event.metadata.actor?.name ?? ''];
      });
    return { fileName: `duty-log-${from}-${to}.csv`, body: csv(['值班日期', '类别', '时间（北京时间）', '内容', '记录人'], lines) };
  }
}
