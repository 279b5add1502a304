import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { merkleLeafHash, merkleRoot, type HashAlgorithm } from '@oa/core';
import { SERVICES, createKafka, eventsTopic, startService } from '@oa/platform';
import { EXIT } from '../conventions';
import { createDatabaseBeside, dropDatabaseBeside } from '../databases';
import { databaseUrl as configuredDatabase, kafkaBrokers as configuredBrokers } from '../infrastructure';

interface PartitionEnd {
  readonly topic: string;
  readonly partition: number;
  readonly low: number;
  readonly high: number;
}

/**
 * 审计库重建 (audit-rebuild): reads every topic from offset zero into a new database with the
 * audit service's own code (a new consumer generation), shows the progress, then compares each
 * log's entries and Merkle root with the running audit store. The new database is dropped
 * afterwards unless --keep: the running store stays the one in service (its own event store
 * holds the auditors' finding reviews, which a projection cannot recreate).
 */
export const auditRebuildCommand = new Command('audit-rebuild')
  .description('从 Kafka 偏移量 0 重建审计库并与运行中的审计库逐日志核对根哈希 (rebuild the audit store from offset zero and compare)')
  .option('--target-database <name>', '重建到的新数据库名（默认 <库名>_audit_rebuild_<时间>）(target database)')
  .option('--keep', '核对后保留新库 (keep the rebuilt database)')
  .option('--timeout <seconds>', '最长等待秒数 (give up after)', '3600')
  .option('--quiet', '不显示进度条 (no progress bar)')
  .action(async (options: { targetDatabase?: string; keep?: boolean; timeout: string; quiet?: boolean }) => {
    if (!process.env['AUDIT_SIGNING_KEY']) throw new Error('缺少 AUDIT_SIGNING_KEY（审计检查点签名私钥，与审计服务相同）');
    const [databaseUrl, kafkaBrokers] = [await configuredDatabase(), await configuredBrokers()];
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const target = options.targetDatabase ?? `${new URL(databaseUrl).pathname.slice(1)}_audit_rebuild_${stamp}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(target)) throw new Error(`数据库名不合法：${target}`);
    const ends = await partitionEnds(kafkaBrokers, process.env['KAFKA_TOPIC_PREFIX'] ?? '');
    const total = ends.reduce((sum, end) => sum + end.high - end.low, 0);
    const targetUrl = await createDatabaseBeside(databaseUrl, target);
    const generation = `rebuild-${stamp}`;
    // the audit service's code is loaded only for this command, so the others start fast
    const { AuditModule, FindingsJob, auditService } = await import('@oa/app-audit');
    const service = await startService(auditService, AuditModule, {
      ...process.env,
      // a new database of this command's own: it migrates it and works on it as the role it has
      DATABASE_URL: targetUrl,
      DATABASE_OWNER_URL: targetUrl,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      PORT: '0',
      SCHEDULE_INTERVAL_SECONDS: '0',
      AUDIT_CONSUMER_GENERATION: generation,
    });
    let different = 0;
    try {
      const bar = new SingleBar({ format: '重建中 {bar} {value}/{total} 条消息 | {percentage}% | 剩余 {eta_formatted}', hideCursor: true }, Presets.shades_classic);
      if (!options.quiet) bar.start(total, 0);
      const deadline = Date.now() + Number(options.timeout) * 1000;
      for (;;) {
        const read = await messagesRead(service.runtime.dataSource.query.bind(service.runtime.dataSource), generation, ends);
        if (!options.quiet) bar.update(read);
        if (read >= total) break;
        if (Date.now() > deadline) throw new Error(`等待超时：已读 ${read}/${total} 条消息`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      if (!options.quiet) bar.stop();
      const findings = await service.app.get(FindingsJob).runOnce(new Date());
      different = await compare(targetUrl, databaseUrl, (process.env['AUDIT_HASH_ALGORITHM'] as HashAlgorithm | undefined) ?? 'sha256');
      console.log(`重建完成：${total} 条消息，合规发现 ${findings} 条；${different === 0 ? '各日志的记录与根哈希与运行中的审计库一致' : `${different} 个日志不一致`} (rebuilt ${total} messages; ${different} logs differ)`);
    } finally {
      // the comparison stands even when the clean-up fails: say so, without hiding the verdict
      await service.close().catch((error: unknown) => console.error(`警告：重建服务未能正常关闭 (close failed): ${error instanceof Error ? error.message : String(error)}`));
      if (options.keep) console.log(`新库保留为 ${target} (kept)`);
      else await dropDatabaseBeside(databaseUrl, target).catch((error: unknown) => console.error(`警告：未能删除新库 ${target}，请手工删除 (drop failed): ${error instanceof Error ? error.message : String(error)}`));
    }
    if (different > 0) process.exitCode = EXIT.different;
  });

/** Where each partition of the five topics ends now: the rebuild reads at least this far. */
async function partitionEnds(brokers: readonly string[], prefix: string): Promise<PartitionEnd[]> {
  const admin = createKafka(brokers, 'oa-cli-audit-rebuild').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ends: PartitionEnd[] = [];
    for (const topic of SERVICES.map((service) => eventsTopic(service, prefix)).filter((name) => existing.has(name))) {
      for (const offsets of await admin.fetchTopicOffsets(topic)) ends.push({ topic, partition: offsets.partition, low: Number(offsets.low), high: Number(offsets.high) });
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/** Messages consumed so far by the rebuild's groups, up to the ends taken at the start. */
async function messagesRead(query: (sql: string, parameters: unknown[]) => Promise<Array<{ topic: string; partition: number; offset: string }>>, generation: string, ends: readonly PartitionEnd[]): Promise<number> {
  const rows = await query(`SELECT topic, partition, "offset" FROM "audit".consumer_offsets WHERE consumer LIKE $1`, [`%.${generation}`]);
  return ends.reduce((sum, end) => {
    const row = rows.find((candidate) => candidate.topic === end.topic && candidate.partition === end.partition);
    return sum + (row ? Math.min(Number(row.offset) + 1, end.high) - end.low : 0);
  }, 0);
}

/** Log by log: the leaves recomputed from the running store's entries give the rebuilt root at the rebuilt size. */
async function compare(rebuiltUrl: string, runningUrl: string, algorithm: HashAlgorithm): Promise<number> {
  const [rebuilt, running] = [new Client({ connectionString: rebuiltUrl }), new Client({ connectionString: runningUrl })];
  await Promise.all([rebuilt.connect(), running.connect()]);
  try {
    // each leaf recomputed from its entry, never taken on trust: an entry rewritten in place must not pass, and a
    // stored leaf that disagrees with its entry (inclusion proofs are served from it) is a difference too
    const leaves = async (client: Client, log: string, size: number) => {
      const rows = (await client.query<{ envelope: string; leaf_hash: string }>(`SELECT envelope, leaf_hash FROM "audit".entries WHERE log = $1 AND log_index < $2 ORDER BY log_index`, [log, size])).rows;
      const recomputed = rows.map((row) => merkleLeafHash(row.envelope, algorithm));
      return { recomputed, misstated: rows.filter((row, index) => row.leaf_hash !== recomputed[index]).length };
    };
    const logs = (await rebuilt.query<{ log: string; size: string }>(`SELECT log, size FROM "audit".logs ORDER BY log`)).rows;
    let different = 0;
    console.log(`${'日志 (log)'.padEnd(40)} ${'条数'.padStart(8)}  根哈希 (root)                                                      核对`);
    for (const { log, size } of logs) {
      const [rebuiltLeaves, runningLeaves] = [await leaves(rebuilt, log, Number(size)), await leaves(running, log, Number(size))];
      const [mine, theirs] = [rebuiltLeaves.recomputed, runningLeaves.recomputed];
      // the running store may not have read the newest messages yet: compare what both hold
      const common = Math.min(mine.length, theirs.length);
      const same = common > 0 && runningLeaves.misstated === 0 && merkleRoot(mine.slice(0, common), algorithm) === merkleRoot(theirs.slice(0, common), algorithm);
      if (!same) different += 1;
      const behind = mine.length - common;
      console.log(`${log.padEnd(40)} ${size.padStart(8)}  ${merkleRoot(mine, algorithm)}  ${same ? '✓ 一致' : '✗ 不一致'}${runningLeaves.misstated > 0 ? `（运行中的库有 ${runningLeaves.misstated} 条记录的叶哈希与其内容不符）` : ''}${same && behind > 0 ? `（运行中的库尚差 ${behind} 条）` : ''}`);
    }
    return different;
  } finally {
    await Promise.all([rebuilt.end(), running.end()]);
  }
}
