import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { unitsBelowQuota } from '@oa/domain-affairs';
import { informationPeriodOf, informationQuotasOf, type AffairsEnvironment } from '../infrastructure/affairs-settings';

export interface SupervisionTaskLine {
  readonly id: string;
  readonly sourceKind: string;
  readonly assignerName: string;
  readonly ownerUnit: string;
  readonly responsibleName: string;
  readonly requirement: string;
  readonly deadline: string;
  readonly status: string;
  readonly escalation: string | null;
  readonly version: number;
}

/** 督办台账, by deadline. */
export class SupervisionTaskListQuery extends Query<SupervisionTaskLine[]> {
  constructor(readonly filter: { readonly ownerUnit?: string; readonly status?: string }) {
    super();
  }
}

export interface InstructionLine {
  readonly id: string;
  readonly documentId: string;
  readonly leaderName: string;
  readonly text: string;
  readonly dueOn: string;
}

/** SUP-3 the instructions awaiting disposition, by due date. */
export class InstructionListQuery extends Query<InstructionLine[]> {}

export interface MeetingDecisionLine {
  readonly id: string;
  readonly meetingId: string;
  readonly itemId: string;
  readonly title: string;
  readonly chairName: string;
  readonly decidedAt: string;
  /** The supervision tasks that follow it up. */
  readonly tasks: number;
}

/** SUP-1 the meetings' adopted decisions, newest first, with their tasks. */
export class MeetingDecisionListQuery extends Query<MeetingDecisionLine[]> {
  constructor(readonly meetingId: string | undefined) {
    super();
  }
}

/** INFO-2 the units below their quota in a period. */
export class InformationBelowQuotaQuery extends Query<Array<{ unitId: string; submitted: number; quota: number }>> {
  constructor(readonly period: string) {
    super();
  }
}

@QueryHandler(SupervisionTaskListQuery)
export class SupervisionTaskListQueryHandler implements IQueryHandler<SupervisionTaskListQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ filter }: SupervisionTaskListQuery): Promise<SupervisionTaskLine[]> {
    const rows: Array<Record<string, unknown>> = await this.runtime.dataSource.query(
      `SELECT id, source_kind, assigner_name, owner_unit, responsible_name, requirement, deadline, status, escalation, version FROM "affairs".supervision_tasks
        WHERE ($1::text IS NULL OR owner_unit = $1) AND ($2::text IS NULL OR status = $2) ORDER BY deadline, id`,
      [filter.ownerUnit ?? null, filter.status ?? null],
    );
    return rows.map((row) => ({
      id: String(row['id']),
      sourceKind: String(row['source_kind']),
      assignerName: String(row['assigner_name']),
      ownerUnit: String(row['owner_unit']),
      responsibleName: String(row['responsible_name']),
      requirement: String(row['requirement']),
      deadline: String(row['deadline']),
      status: String(row['status']),
      escalation: (row['escalation'] as string | null) ?? null,
      version: Number(row['version']),
    }));
  }
}

@QueryHandler(InformationBelowQuotaQuery)
export class InformationBelowQuotaQueryHandler implements IQueryHandler<InformationBelowQuotaQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ period }: InformationBelowQuotaQuery) {
    const submissions: Array<{ unit_id: string; period: string }> = await this.runtime.dataSource.query(`SELECT unit_id, period FROM "affairs".information_submissions WHERE period = $1`, [period]);
    const settings = this.runtime.settings as AffairsEnvironment;
    return unitsBelowQuota(informationQuotasOf(settings), submissions.map((row) => ({ unitId: row.unit_id, period: row.period })), period, informationPeriodOf(settings));
  }
}

@QueryHandler(InstructionListQuery)
export class InstructionListQueryHandler implements IQueryHandler<InstructionListQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute(): Promise<InstructionLine[]> {
    const rows: Array<{ id: string; document_id: string; leader_name: string; text: string; due_on: string }> = await this.runtime.dataSource.query(
      `SELECT id, document_id, leader_name, text, due_on FROM "affairs".instructions WHERE status = 'awaitingDisposition' ORDER BY due_on, id`,
    );
    return rows.map((row) => ({ id: row.id, documentId: row.document_id, leaderName: row.leader_name, text: row.text, dueOn: row.due_on }));
  }
}

@QueryHandler(MeetingDecisionListQuery)
export class MeetingDecisionListQueryHandler implements IQueryHandler<MeetingDecisionListQuery> {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async execute({ meetingId }: MeetingDecisionListQuery): Promise<MeetingDecisionLine[]> {
    const rows: Array<{ id: string; meeting_id: string; item_id: string; title: string; chair_name: string; decided_at: Date; tasks: string }> = await this.runtime.dataSource.query(
      `SELECT d.id, d.meeting_id, d.item_id, d.title, d.chair_name, d.decided_at,
              (SELECT count(*) FROM "affairs".supervision_tasks t WHERE t.source_kind = 'meetingDecision' AND t.source_ref = d.meeting_id || '/' || d.item_id) AS tasks
         FROM "affairs".meeting_decisions d
        WHERE d.outcome = 'adopted' AND ($1::text IS NULL OR d.meeting_id = $1) ORDER BY d.decided_at DESC, d.id`,
      [meetingId ?? null],
    );
    return rows.map((row) => ({ id: row.id, meetingId: row.meeting_id, itemId: row.item_id, title: row.title, chairName: row.chair_name, decidedAt: row.decided_at.toISOString(), tasks: Number(row.tasks) }));
  }
}
