import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@oa/core';
import type { ServiceRuntime } from '../nest/runtime';
import { SERVICE_RUNTIME } from '../nest/tokens';

/** The actor of commands a schedule issues (expiry, overdue marks): named in every such event. */
export const SCHEDULER_ACTOR: Actor = { id: 'system:scheduler', name: '系统定时任务', roles: ['scheduler'] };

/**
 * A job the service runs every SCHEDULE_INTERVAL_SECONDS (default 60). Its commands are
 * idempotent in the domain (an expired application is not expired twice), so replicas may
 * overlap; a run's failure is logged and the next run tries again. Tests call runOnce(now).
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@Inject(SERVICE_RUNTIME) protected readonly runtime: ServiceRuntime) {}

  /** Does the work due at `now`; returns how many commands it issued. */
  abstract runOnce(now: Date): Promise<number>;

  onApplicationBootstrap(): void {
    const seconds = this.runtime.environment.SCHEDULE_INTERVAL_SECONDS ?? 60;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce(new Date())
        .catch((error: unknown) => this.runtime.logger.warn({ err: error }, '定时任务失败，下次重试 (scheduled job failed)'))
        .finally(() => (this.running = undefined));
    }, seconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
