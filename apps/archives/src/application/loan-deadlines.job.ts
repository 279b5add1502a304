import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PeriodicJob, SCHEDULER_ACTOR, SERVICE_RUNTIME, commandOn, type ServiceRuntime } from '@oa/platform';
import { ArchiveCatalogue } from '../infrastructure/read-models/archive-catalogue';
import { archiveItemStream } from '../archives.service-definition';

/** ARC-5 按期归还: approved loans past their due date are marked overdue, each once (AUD-12 reads the mark). */
@Injectable()
export class LoanDeadlinesJob extends PeriodicJob {
  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(ArchiveCatalogue) private readonly catalogue: ArchiveCatalogue,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const call = { metadata: { actor: SCHEDULER_ACTOR, now: now.toISOString() }, options: {} };
    const itemIds = await this.catalogue.itemsWithLoansOverdue(now);
    for (const itemId of itemIds) await this.commands.execute(commandOn(archiveItemStream, itemId, 'MarkArchiveItemLoansOverdue', {}, call));
    return itemIds.length;
  }
}
