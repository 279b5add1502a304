import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { localDateOf } from '@oa/core';
import { IncomingDocumentCommandHandler } from './incoming-document.command-handler';

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
    @Inject(IncomingDocumentCommandHandler) private readonly incoming: IncomingDocumentCommandHandler,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const metadata = { actor: SCHEDULER_ACTOR, now: now.toISOString() };
    // The deadline is the last day of handling (UTC+8): overdue from the day after.
    const today = localDateOf(metadata.now);
    const overdue: Array<{ document_id: string }> = await this.runtime.dataSource.query(
      `SELECT document_id FROM "documents".incoming_deadlines
        WHERE deadline < $1 AND (reminded_for IS DISTINCT FROM deadline OR escalated_for IS DISTINCT FROM deadline)
        ORDER BY deadline, document_id`,
      [today],
    );
    for (const { document_id } of overdue) await this.incoming.simple(document_id, 'RemindOverdueIncomingDocument', {}, metadata, {});
    return overdue.length;
  }
}
