import type { DataSource } from 'typeorm';
import type { EventStore } from '../event-store/event-store';
import type { InlineProjection } from './handle-command';

/**
 * A read model a service keeps inline: the tables it owns and the projections that write them.
 * Declared on the service definition when it is a function of the service's events alone, so it
 * can be rebuilt from the store without Kafka (after a restore, or a projection fix).
 */
export interface ReadModel {
  readonly name: string;
  /** Schema-qualified, e.g. `"seals".seals`. */
  readonly tables: readonly string[];
  readonly projections: readonly InlineProjection[];
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
      for (const project of readModel.projections) await project(manager, events);
      replayed += events.length;
      after = lastPosition;
      onPage(replayed);
    }
  });
}
