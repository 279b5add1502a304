import { Inject, Injectable } from '@nestjs/common';
import { localDateOf, type CommandMetadata } from '@oa/core';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { SupervisionTaskReadStore } from '../infrastructure/read-models/supervision-task-read-store';
import { SupervisionTaskCommandHandler } from './supervision-task.command-handler';

/**
 * MTG-7 the scheduled job (the platform's PeriodicJob, every SCHEDULE_INTERVAL_SECONDS): every
 * open task whose deadline day has ended (office local time) is marked overdue once, with actor
 * `system:scheduler`. The decider decides with the job's `now`; a repeat changes nothing.
 */
@Injectable()
export class SupervisionOverdueSweeper extends PeriodicJob {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(SupervisionTaskReadStore) private readonly readStore: SupervisionTaskReadStore,
    @Inject(SupervisionTaskCommandHandler) private readonly commands: SupervisionTaskCommandHandler,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    return (await this.sweep(now.toISOString())).length;
  }

  /** Marks the open tasks past their deadline at `now`; returns the ids marked. */
  async sweep(now: string): Promise<string[]> {
    const metadata: CommandMetadata = { actor: SCHEDULER_ACTOR, now };
    const marked: string[] = [];
    for (const task of await this.readStore.list({ openOnly: true })) {
      // the deadline day has ended in the office's local time (the decider checks it again)
      if (task.status !== 'open' || task.deadline >= localDateOf(now)) continue;
      const reply = await this.commands.markOverdue(task.id, metadata);
      if (reply.version > task.version) marked.push(task.id);
    }
    return marked;
  }
}
