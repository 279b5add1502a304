import { Client } from 'pg';

/** One statement on a connection: its rows. */
export type SqlQuery = <Row = Record<string, unknown>>(sql: string, parameters?: readonly unknown[]) => Promise<Row[]>;

/**
 * The test's own hand as the database superuser, in one transaction: what an intruder holding
 * the server's keys could do (switch the append-only triggers off, rewrite a stored row), which
 * no service's runtime role can. `url` is a superuser's URL (ensureLocalDatabase gives one).
 */
export async function asSuperuser<T>(url: string, work: (query: SqlQuery) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const query: SqlQuery = async <Row>(sql: string, parameters?: readonly unknown[]) => (await client.query(sql, parameters ? [...parameters] : undefined)).rows as Row[];
    const result = await work(query);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
