import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { SERVICES } from '@oa/platform';
import { EXIT, oneOf } from '../conventions';
import { databaseUrl } from '../infrastructure';
import { checkedSchema, countStreams, verifyStoreChains } from '../store-chains';

/**
 * 校验哈希链 (verify): reads every stream of a service's store in version order and recomputes
 * its hash chain, with a progress bar and a summary; exits non-zero on any break.
 */
export const verifyCommand = new Command('verify')
  .description('校验某服务事件库中每个流的哈希链 (verify every stream hash chain of a service store)')
  .requiredOption('--service <name>', `服务 (service): ${SERVICES.join(', ')}`, oneOf('服务', SERVICES))
  .option('--schema <schema>', '数据库 schema（默认同服务名）(schema, default: the service name)')
  .option('--quiet', '不显示进度条 (no progress bar)')
  .action(async (options: { service: string; schema?: string; quiet?: boolean }) => {
    const schema = checkedSchema(options.schema ?? options.service);
    const client = new Client({ connectionString: await databaseUrl() });
    await client.connect();
    try {
      const bar = new SingleBar({ format: '校验中 {bar} {value}/{total} 个流 | 断链 {broken}', hideCursor: true, noTTYOutput: false }, Presets.shades_classic);
      if (!options.quiet) bar.start(await countStreams(client, schema), 0, { broken: 0 });
      const { streams, events, broken } = await verifyStoreChains(client, schema, (brokenSoFar) => {
        if (!options.quiet) bar.increment(1, { broken: brokenSoFar });
      });
      if (!options.quiet) bar.stop();
      console.log(`共校验 ${streams} 个流、${events} 个事件；断链的流 ${broken.length} 个 (verified ${streams} streams, ${events} events; ${broken.length} broken)`);
      for (const stream of broken) console.log(`  ✗ ${stream.streamId}: ${stream.problems.join(', ')}`);
      if (broken.length > 0) process.exitCode = EXIT.different;
    } finally {
      await client.end();
    }
  });
