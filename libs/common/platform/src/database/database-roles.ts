import type { DataSource } from 'typeorm';

/**
 * Who may do what in the database. The owner role migrates: it owns the schemas, their tables
 * and their triggers. Each service works as a runtime role of its own that owns nothing: it
 * may read and append its events but never change, delete or truncate them, and never alter
 * a table or switch a trigger off — so a compromised service cannot rewrite the record.
 */
export const OWNER_ROLE = 'oa_owner';

/** The role a service works as, e.g. `oa_seals`. */
export function runtimeRole(service: string): string {
  return `oa_${service}`;
}

/** `{service}` in a connection string stands for the service's name, so one setting serves all of them (e.g. postgres://oa_{service}@db/office). */
export function serviceDatabaseUrl(url: string, service: string): string {
  return url.replaceAll('{service}', service);
}

/** The role a connection string logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

/**
 * Gives the runtime role what it needs in a migrated schema, and nothing else: tables guarded
 * by an append-only trigger (they refuse TRUNCATE: the events, the audit's entries and
 * checkpoints) get SELECT and INSERT; the read models get SELECT, INSERT, UPDATE and DELETE;
 * sequences their use. Run by the owner after every migration, so a table a migration adds is
 * covered too.
 */
export async function grantRuntimeAccess(owner: DataSource, schema: string, role: string): Promise<void> {
  const tables = (await owner.query(
    `SELECT c.relname AS name,
            EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal AND (t.tgtype & 32) <> 0) AS append_only
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
    [schema],
  )) as Array<{ name: string; append_only: boolean }>;
  const s = quoteIdentifier(schema);
  const r = quoteIdentifier(role);
  await owner.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  for (const table of tables) {
    const privileges = table.append_only ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
    await owner.query(`GRANT ${privileges} ON ${s}.${quoteIdentifier(table.name)} TO ${r}`);
  }
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
