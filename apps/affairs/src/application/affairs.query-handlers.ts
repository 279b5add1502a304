import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { unitsBelowQuota } from '@oa/domain-affairs';
import { informationQuotasOf, type AffairsEnvironment } from '../infrastructure/affairs-settings';

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
    return unitsBelowQuota(informationQuotasOf(this.runtime.settings as AffairsEnvironment), submissions.map((row) => ({ unitId: row.unit_id, period: row.period })), period);
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
