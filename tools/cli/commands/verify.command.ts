import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { verifyChain, type EventEnvelope } from '@oa/core';
import { EVENT_COLUMNS, SERVICES, resolveInfrastructure, rowToEnvelope } from '@oa/platform';

/** Exit code when a chain is broken: the store is not what was written. */
const BROKEN = 3;

/**
 * 校验哈希链 (verify): reads every stream of a service's store in version order and recomputes
 * its hash chain, with a progress bar and a summary; exits non-zero on any break.
 */
export const verifyCommand = new Command('verify')
  .description('校验某服务事件库中每个流的哈希链 (verify every stream hash chain of a service store)')
  .requiredOption('--service <name>', `服务 (service): ${SERVICES.join(', ')}`)
  .option('--schema <schema>', '数据库 schema（默认同服务名）(schema, default: the service name)')
  .option('--quiet', '不显示进度条 (no progress bar)')
  .action(async (options: { service: string; schema?: string; quiet?: boolean }) => {
    const schema = options.schema ?? options.service;
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema 名称不合法：${schema}`);
    const { databaseUrl } = await resolveInfrastructure(process.env['OA_DATABASE_NAME'] ?? 'office');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const [{ streams }] = (await client.query<{ streams: string }>(`SELECT count(DISTINCT stream_id)::text AS streams FROM "${schema}".events`)).rows as [{ streams: string }];
      const bar = new SingleBar({ format: '校验中 {bar} {value}/{total} 个流 | 断链 {broken}', hideCursor: true, noTTYOutput: false }, Presets.shades_classic);
      if (!options.quiet) bar.start(Number(streams), 0, { broken: 0 });
      const broken: Array<{ streamId: string; problems: string[] }> = [];
      let events = 0;
      let current: EventEnvelope[] = [];
      const finish = () => {
        if (current.length === 0) return;
        const breaks = verifyChain(current);
        if (breaks.length > 0) broken.push({ streamId: current[0]!.streamId, problems: breaks.map((b) => `${b.kind}@${b.streamVersion}`) });
        current = [];
        if (!options.quiet) bar.increment(1, { broken: broken.length });
      };
      // one ordered pass over the table; a stream's events are contiguous in this order
      const rows = (await client.query(`SELECT ${EVENT_COLUMNS} FROM "${schema}".events ORDER BY stream_id, stream_version`)).rows;
      for (const row of rows) {
        const event = rowToEnvelope(row);
        if (current.length > 0 && current[0]!.streamId !== event.streamId) finish();
        current.push(event);
        events += 1;
      }
      finish();
      if (!options.quiet) bar.stop();
      console.log(`共校验 ${streams} 个流、${events} 个事件；断链的流 ${broken.length} 个 (verified ${streams} streams, ${events} events; ${broken.length} broken)`);
      for (const stream of broken) console.log(`  ✗ ${stream.streamId}: ${stream.problems.join(', ')}`);
      if (broken.length > 0) process.exitCode = BROKEN;
    } finally {
      await client.end();
    }
  });
