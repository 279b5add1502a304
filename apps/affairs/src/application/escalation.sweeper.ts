import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { localDateOf } from '@oa/core';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, commandOn, type CommandCall, type ServiceRuntime } from '@oa/platform';
import { supervisionTaskStream } from '../affairs.service-definition';

/**
 * SUP-2 the scheduled job (every SCHEDULE_INTERVAL_SECONDS): each open task past its deadline day
 * goes up one step, 催办 → 通报 → 约谈, as the decider decides with the job's `now` (a step at most
 * every few days; a repeat changes nothing). Actor `system:scheduler`.
 */
@Injectable()
export class EscalationSweeper extends PeriodicJob {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    return (await this.sweep(now.toISOString())).length;
  }

  /** Escalates the open tasks due a step at `now`; returns their ids. */
  async sweep(now: string): Promise<string[]> {
    const call: CommandCall = { metadata: { actor: SCHEDULER_ACTOR, now }, options: {} };
    // the deadline day has ended in the office's local time (the decider checks it again)
    const open: Array<{ id: string }> = await this.runtime.dataSource.query(`SELECT id FROM "affairs".supervision_tasks WHERE status = 'open' AND deadline < $1 ORDER BY deadline, id`, [localDateOf(now)]);
    const escalated: string[] = [];
    for (const { id } of open) {
      const { events } = await this.commands.execute(commandOn(supervisionTaskStream, id, 'EscalateSupervisionTask', {}, call));
      if (events.length > 0) escalated.push(id);
    }
    return escalated;
  }
}
