import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { SealCommandHandler } from './seal.command-handler';
import { SealUsageApplicationCommandHandler } from './seal-usage-application.command-handler';

/**
 * The seals service's schedule: approvals past their validity expire (SEAL-3), checkouts past
 * their expected return are marked overdue (SEAL-8; AUD-2 reads the mark).
 */
@Injectable()
export class SealDeadlinesJob extends PeriodicJob {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(SealCommandHandler) private readonly seals: SealCommandHandler,
    @Inject(SealUsageApplicationCommandHandler) private readonly applications: SealUsageApplicationCommandHandler,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const metadata = { actor: SCHEDULER_ACTOR, now: now.toISOString() };
    const expiring: Array<{ id: string }> = await this.runtime.dataSource.query(
      `SELECT id FROM "seals".seal_usage_applications WHERE status = 'approved' AND expires_at <= $1 ORDER BY expires_at`,
      [now],
    );
    const overdue: Array<{ id: string }> = await this.runtime.dataSource.query(
      `SELECT id FROM "seals".seals WHERE checked_out AND NOT checkout_overdue AND checkout_expected_return <= $1 ORDER BY checkout_expected_return`,
      [now],
    );
    for (const { id } of expiring) await this.applications.expire(id, metadata);
    for (const { id } of overdue) await this.seals.handle(id, 'MarkSealCheckoutOverdue', {}, metadata, {});
    return expiring.length + overdue.length;
  }
}
