import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { AUDIT_SETTINGS, type AuditSettings } from '../infrastructure/audit-settings';
import { Checkpoints } from './checkpoints';

/**
 * Signs a checkpoint every AUDIT_CHECKPOINT_INTERVAL_SECONDS (checked on each run of the
 * schedule, SCHEDULE_INTERVAL_SECONDS); 0 leaves checkpoints to the on-demand command.
 */
@Injectable()
export class CheckpointJob extends PeriodicJob {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(Checkpoints) private readonly checkpoints: Checkpoints,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const interval = this.settings.checkpointIntervalSeconds;
    if (interval === 0) return 0;
    const last = await this.checkpoints.latestTime();
    if (last && now.getTime() - last.getTime() < interval * 1000) return 0;
    await this.checkpoints.create(now);
    return 1;
  }
}
