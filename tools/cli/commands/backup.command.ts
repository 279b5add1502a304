import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { Client } from 'pg';
import { SERVICES } from '@oa/platform';
import { oneOf } from '../conventions';
import { databaseUrl as configuredDatabase } from '../infrastructure';

const run = promisify(execFile);

/** What a backup holds, written beside it so a restore can check it got everything. */
export interface BackupManifest {
  readonly format: 'oa-backup/1';
  readonly createdAt: string;
  readonly database: string;
  readonly schemas: Record<string, { readonly events: number; readonly lastPosition: number }>;
}

/** `--service a,b`: every name a service, a usage error otherwise. */
const serviceList = (text: string): string[] => text.split(',').map((name) => oneOf('服务', SERVICES)(name.trim()));

/**
 * 备份 (backup): pg_dump (custom format) of the services' schemas — their event stores, read
 * models, consumer offsets and relay checkpoints — and a manifest of each store's event count.
 */
export const backupCommand = new Command('backup')
  .description('用 pg_dump 备份各服务的 schema（事件库、读模型、消费位点）并写出清单 (back up the service schemas)')
  .option('--out <file>', '备份文件（默认 oa-backup-<库名>-<时间>.dump）(dump file)')
  .option('--service <names>', `只备份这些服务，逗号分隔 (only these services): ${SERVICES.join(',')}`, serviceList)
  .action(async (options: { out?: string; service?: string[] }) => {
    const databaseUrl = await configuredDatabase();
    const database = new URL(databaseUrl).pathname.slice(1);
    const wanted = options.service ?? [...SERVICES];
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const schemas: Record<string, { events: number; lastPosition: number }> = {};
    try {
      const present = (await client.query<{ schema: string }>(`SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'events' AND table_schema = ANY($1)`, [wanted])).rows.map((row) => row.schema);
      if (present.length === 0) throw new Error(`数据库 ${database} 中没有这些服务的事件库`);
      for (const schema of present.sort()) {
        const { rows } = await client.query<{ events: string; last: string | null }>(`SELECT count(*) AS events, max(position) AS last FROM "${schema}".events`);
        schemas[schema] = { events: Number(rows[0]!.events), lastPosition: Number(rows[0]!.last ?? 0) };
      }
    } finally {
      await client.end();
    }
    const out = options.out ?? `oa-backup-${database}-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}.dump`;
    await run('pg_dump', ['--format=custom', `--file=${out}`, ...Object.keys(schemas).map((schema) => `--schema=${schema}`), databaseUrl], { maxBuffer: 64 * 1024 * 1024 });
    const manifest: BackupManifest = { format: 'oa-backup/1', createdAt: new Date().toISOString(), database, schemas };
    writeFileSync(`${out}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`备份完成 (backed up): ${out}（${(statSync(out).size / 1024).toFixed(0)} KB），清单 ${out}.json`);
    for (const [schema, facts] of Object.entries(schemas)) console.log(`  ${schema.padEnd(10)} ${facts.events} 个事件`);
  });
