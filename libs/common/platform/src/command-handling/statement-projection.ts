import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';

/** One data-modifying SQL statement with its own `$1…$n` placeholders. */
export interface ProjectionStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * A read model kept by plain INSERT/UPDATE statements computed from the new events alone. It
 * travels in the append's own statement (a data-modifying CTE), so a command that needs nothing
 * else costs one round trip and is atomic without a transaction. The statements of one append
 * see the same snapshot: a projection writes each row at most once per call (it folds the
 * events of a stream into one statement).
 */
export type StatementProjection = (events: readonly EventEnvelope[]) => readonly ProjectionStatement[];

/**
 * Several statements as one: `WITH s0 AS (…), s1 AS (…) SELECT 1`, placeholders renumbered;
 * `last` (a check that raises) in place of `SELECT 1`: its error undoes the whole statement.
 */
export function combineStatements(statements: readonly ProjectionStatement[], last: ProjectionStatement = { sql: 'SELECT 1', parameters: [] }): ProjectionStatement {
  const parameters: unknown[] = [];
  const renumbered = (statement: ProjectionStatement) => {
    const offset = parameters.length;
    parameters.push(...statement.parameters);
    return statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  };
  const parts = statements.map((statement, index) => `s${index} AS (${renumbered(statement)})`);
  return { sql: `WITH ${parts.join(', ')} ${renumbered(last)}`, parameters };
}

/** The same projection run statement by statement, where a transaction is open anyway (a read-model rebuild). */
export function asInlineProjection(projection: StatementProjection): (manager: EntityManager, events: readonly EventEnvelope[]) => Promise<void> {
  return async (manager, events) => {
    for (const statement of projection(events)) await manager.query(statement.sql, [...statement.parameters]);
  };
}
