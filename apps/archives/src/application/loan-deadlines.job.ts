import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { ArchiveCatalogue } from '../infrastructure/read-models/archive-catalogue';
import { ArchiveItemCommandHandler } from './archive-item.command-handler';

/** ARC-5 按期归还: approved loans past their due date are marked overdue, each once (AUD-12 reads the mark). */
@Injectable()
export class LoanDeadlinesJob extends PeriodicJob {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(ArchiveCatalogue) private readonly catalogue: ArchiveCatalogue,
    @Inject(ArchiveItemCommandHandler) private readonly items: ArchiveItemCommandHandler,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const metadata = { actor: SCHEDULER_ACTOR, now: now.toISOString() };
    const itemIds = await this.catalogue.itemsWithLoansOverdue(now);
    for (const itemId of itemIds) await this.items.handle(itemId, 'MarkArchiveItemLoansOverdue', {}, metadata, {});
    return itemIds.length;
  }
}
