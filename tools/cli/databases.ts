import { Client } from 'pg';

/** A new database on the same server as `url` (refused when it exists): its URL. */
export async function createDatabaseBeside(url: string, name: string): Promise<string> {
  await onServer(url, async (admin) => {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) throw new Error(`数据库 ${name} 已存在，请另选 --target-database`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

export async function dropDatabaseBeside(url: string, name: string): Promise<void> {
  await onServer(url, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function onServer(url: string, work: (admin: Client) => Promise<unknown>): Promise<void> {
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
