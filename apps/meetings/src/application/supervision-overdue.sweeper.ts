import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { localDateOf } from '@oa/core';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, commandOn, type CommandCall, type ServiceRuntime } from '@oa/platform';
import { SupervisionTaskReadStore } from '../infrastructure/read-models/supervision-task-read-store';
import { supervisionTaskStream } from '../meetings.service-definition';

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
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    return (await this.sweep(now.toISOString())).length;
  }

  /** Marks the open tasks past their deadline at `now`; returns the ids marked. */
  async sweep(now: string): Promise<string[]> {
    const call: CommandCall = { metadata: { actor: SCHEDULER_ACTOR, now }, options: {} };
    const marked: string[] = [];
    for (const task of await this.readStore.list({ openOnly: true })) {
      // the deadline day has ended in the office's local time (the decider checks it again)
      if (task.status !== 'open' || task.deadline >= localDateOf(now)) continue;
      const { events } = await this.commands.execute(commandOn(supervisionTaskStream, task.id, 'MarkSupervisionTaskOverdue', {}, call));
      if (events.length > 0) marked.push(task.id);
    }
    return marked;
  }
}
