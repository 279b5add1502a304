import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { localDate } from '@oa/domain-meetings';
import { CLOCK, type Clock } from '@oa/platform';
import { SupervisionTaskReadStore } from '../infrastructure/read-models/supervision-task-read-store';
import { SupervisionTaskCommandHandler } from './supervision-task.command-handler';

/** How often the office's overdue check runs. */
export const SUPERVISION_SWEEP_INTERVAL_MS = 15 * 60_000;

const SWEEPER = { id: 'system:supervision-overdue', name: '督办超期检查', roles: [] as string[] };

/**
 * MTG-7 the scheduled job: every open task whose deadline day has ended (office local time) is
 * marked overdue once. The decider decides with the job's `now`; a repeat changes nothing.
 */
@Injectable()
export class SupervisionOverdueSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SupervisionOverdueSweeper');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SupervisionTaskReadStore) private readonly readStore: SupervisionTaskReadStore,
    @Inject(SupervisionTaskCommandHandler) private readonly commands: SupervisionTaskCommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.error(`督办超期检查失败：${error instanceof Error ? error.message : String(error)}`));
    }, SUPERVISION_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Marks the open tasks past their deadline at `now`; returns the ids marked. */
  async sweep(now: string = this.clock.now().toISOString()): Promise<string[]> {
    const metadata: CommandMetadata = { actor: SWEEPER, now };
    const marked: string[] = [];
    for (const task of await this.readStore.list({ openOnly: true })) {
      // the deadline day has ended in the office's local time (the decider checks it again)
      if (task.status !== 'open' || task.deadline >= localDate(now)) continue;
      const reply = await this.commands.markOverdue(task.id, metadata);
      if (reply.version > task.version) marked.push(task.id);
    }
    return marked;
  }
}
