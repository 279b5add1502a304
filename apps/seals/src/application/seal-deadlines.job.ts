import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, commandOn, type ServiceRuntime } from '@oa/platform';
import { sealStream, sealUsageApplicationStream } from '../seals.service-definition';

/**
 * The seals service's schedule: approvals past their validity expire (SEAL-3), checkouts past
 * their expected return are marked overdue (SEAL-8; AUD-2 reads the mark).
 */
@Injectable()
export class SealDeadlinesJob extends PeriodicJob {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const call = { metadata: { actor: SCHEDULER_ACTOR, now: now.toISOString() }, options: {} };
    const expiring: Array<{ id: string }> = await this.runtime.dataSource.query(
      `SELECT id FROM "seals".seal_usage_applications WHERE status = 'approved' AND expires_at <= $1 ORDER BY expires_at`,
      [now],
    );
    const overdue: Array<{ id: string }> = await this.runtime.dataSource.query(
      `SELECT id FROM "seals".seals WHERE checked_out AND NOT checkout_overdue AND checkout_expected_return <= $1 ORDER BY checkout_expected_return`,
      [now],
    );
    for (const { id } of expiring) await this.commands.execute(commandOn(sealUsageApplicationStream, id, 'ExpireSealUsageApplication', {}, call));
    for (const { id } of overdue) await this.commands.execute(commandOn(sealStream, id, 'MarkSealCheckoutOverdue', {}, call));
    return expiring.length + overdue.length;
  }
}
