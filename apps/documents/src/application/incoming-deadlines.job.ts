import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, commandOn, type ServiceRuntime } from '@oa/platform';
import { localDateOf } from '@oa/core';
import { incomingDocumentStream } from '../documents.service-definition';

/**
 * DOC-10 the documents service's schedule: every incoming document in handling past its
 * deadline gets `RemindOverdueIncomingDocument` (催办 once per deadline, 督办 to the office
 * director past the second threshold: the domain decides which, and nothing twice). Documents
 * already reminded and escalated for their current deadline are not sent again.
 */
@Injectable()
export class IncomingDeadlinesJob extends PeriodicJob {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const call = { metadata: { actor: SCHEDULER_ACTOR, now: now.toISOString() }, options: {} };
    // The deadline is the last day of handling (UTC+8): overdue from the day after.
    const today = localDateOf(call.metadata.now);
    const overdue: Array<{ document_id: string }> = await this.runtime.dataSource.query(
      `SELECT document_id FROM "documents".incoming_deadlines
        WHERE deadline < $1 AND (reminded_for IS DISTINCT FROM deadline OR escalated_for IS DISTINCT FROM deadline)
        ORDER BY deadline, document_id`,
      [today],
    );
    for (const { document_id } of overdue) await this.commands.execute(commandOn(incomingDocumentStream, document_id, 'RemindOverdueIncomingDocument', {}, call));
    return overdue.length;
  }
}
