import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { Client } from 'pg';
import { EXIT } from '../conventions';
import { createDatabaseBeside } from '../databases';
import { databaseUrl } from '../infrastructure';
import { verifyStoreChains } from '../store-chains';
import type { BackupManifest } from './backup.command';

const run = promisify(execFile);

/**
 * 恢复 (restore): pg_restore into a new database, then make the relays right for this cluster
 * and check every chain against the manifest.
 *
 * The relay orders its outbox by transaction id (xid8), which only means something in the
 * cluster that wrote it: in another cluster new transactions may have lower ids than the
 * restored ones and would never be published. So the restored events' transaction ids are set
 * to 0 (relay bookkeeping, not part of any hash) and each relay checkpoint to the position
 * below the first event it had not yet published: nothing is lost; events published after the
 * backup go out again and consumers drop them by eventId.
 */
export const restoreCommand = new Command('restore')
  .description('将 oa backup 的备份恢复到新数据库，校正转发位点并校验哈希链 (restore a backup into a new database)')
  .argument('<file>', '备份文件 (dump file)')
  .requiredOption('--target-database <name>', '恢复到的新数据库名 (target database, must not exist)')
  .action(async (file: string, options: { targetDatabase: string }) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.targetDatabase)) throw new Error(`数据库名不合法：${options.targetDatabase}`);
    if (!existsSync(file)) throw new Error(`找不到备份文件：${file}`);
    const manifest = existsSync(`${file}.json`) ? (JSON.parse(readFileSync(`${file}.json`, 'utf8')) as BackupManifest) : undefined;
    const targetUrl = await createDatabaseBeside(await databaseUrl(), options.targetDatabase);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${targetUrl}`, file], { maxBuffer: 64 * 1024 * 1024 });
    const client = new Client({ connectionString: targetUrl });
    await client.connect();
    let problems = 0;
    try {
      const schemas = (await client.query<{ schema: string }>(`SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'events' ORDER BY 1`)).rows.map((row) => row.schema);
      for (const schema of schemas) {
        const toSend = await resetRelay(client, schema);
        const { streams, events, broken } = await verifyStoreChains(client, schema);
        const expected = manifest?.schemas[schema]?.events;
        const complete = expected === undefined || expected === events;
        if (broken.length > 0 || !complete) problems += 1;
        console.log(
          `  ${schema.padEnd(10)} ${events} 个事件、${streams} 个流，断链 ${broken.length}${expected === undefined ? '' : complete ? '，与清单一致' : `，清单为 ${expected} 个`}；转发器将发送 ${toSend} 个事件`,
        );
      }
    } finally {
      await client.end();
    }
    console.log(
      problems === 0
        ? `恢复完成 (restored) 到 ${options.targetDatabase}：将各服务的 DATABASE_URL 指向它后启动`
        : `恢复的数据有 ${problems} 个 schema 与备份不符 (restored stores differ)`,
    );
    if (problems > 0) process.exitCode = EXIT.different;
  });

/** Moves a restored relay onto this cluster's transaction ids; returns how many events it will send (again or for the first time). */
async function resetRelay(client: Client, schema: string): Promise<number> {
  const s = `"${schema}"`;
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ name: string; first_unpublished: string | null; last: string | null }>(
      `SELECT c.name,
              (SELECT min(e.position) FROM ${s}.events e WHERE (e.transaction_id, e.position) > (c.transaction_id, c.position)) AS first_unpublished,
              (SELECT max(position) FROM ${s}.events) AS last
         FROM ${s}.relay_checkpoints c`,
    );
    let toSend = 0;
    await client.query(`ALTER TABLE ${s}.events DISABLE TRIGGER USER`);
    await client.query(`UPDATE ${s}.events SET transaction_id = '0'`);
    await client.query(`ALTER TABLE ${s}.events ENABLE TRIGGER USER`);
    for (const row of rows) {
      const position = row.first_unpublished === null ? Number(row.last ?? 0) : Number(row.first_unpublished) - 1;
      await client.query(`UPDATE ${s}.relay_checkpoints SET transaction_id = '0', position = $2, updated_at = now() WHERE name = $1`, [row.name, position]);
      const { rows: after } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${s}.events WHERE position > $1`, [position]);
      toSend = Math.max(toSend, Number(after[0]!.n));
    }
    await client.query('COMMIT');
    return toSend;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
