import type { DataSource } from 'typeorm';
import type { EventStore } from '../event-store/event-store';
import type { InlineProjection } from './handle-command';
import { asInlineProjection, type StatementProjection } from './statement-projection';

/**
 * A read model a service keeps inline: the tables it owns and the projections that write them.
 * Named by the stream types whose events keep it; a function of the service's events alone, so
 * it can be rebuilt from the store without Kafka (after a restore, or a projection fix).
 */
export interface ReadModel {
  readonly name: string;
  /** Schema-qualified, e.g. `"seals".seals`. */
  readonly tables: readonly string[];
  /** Code run in the append's transaction. */
  readonly projections?: readonly InlineProjection[];
  /** Statements that travel in the append's one statement (no transaction needed). */
  readonly statements?: readonly StatementProjection[];
}

const PAGE = 1000;

/**
 * Empties the read model's tables and replays every stored event through its projections, in
 * one transaction: readers see the old rows until the new ones are complete. Returns the
 * number of events replayed; `onPage` reports progress.
 */
export async function rebuildReadModel(dataSource: DataSource, store: EventStore, readModel: ReadModel, onPage: (replayed: number) => void = () => undefined): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`TRUNCATE ${readModel.tables.join(', ')}`);
    let replayed = 0;
    for (let after = 0; ; ) {
      const { events, lastPosition } = await store.readPage(after, PAGE, manager);
      if (events.length === 0) return replayed;
      for (const project of [...(readModel.projections ?? []), ...(readModel.statements ?? []).map(asInlineProjection)]) await project(manager, events);
      replayed += events.length;
      after = lastPosition;
      onPage(replayed);
    }
  });
}
