/**
 * 性能基准 (benchmark suite, issue 9): runs the figures on the local PostgreSQL and the Kafka
 * broker, prints one table and writes bench/results/<timestamp>.json. Every figure is a
 * median of repetitions and every goal a ratio measured in the same run. See bench/README.md.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { resolveInfrastructure } from '@oa/platform';
import { BenchContext, describeMachine, format, settle, type BenchOptions, type ResultRow } from './context';
import { appendFigures } from './figures/append';
import { httpFigure } from './figures/http';
import { relayFigures } from './figures/relay';
import { auditFigures } from './figures/audit';
import { replayFigure } from './figures/replay';
import { growthFigures } from './figures/growth';
import { filesFigure } from './figures/files';

const FIGURES: Record<string, (context: BenchContext) => Promise<void>> = {
  '1': appendFigures,
  '2': appendFigures,
  '3': httpFigure,
  '4': relayFigures,
  '5': auditFigures,
  '6': replayFigure,
  '7': growthFigures,
  files: filesFigure,
};

/** Small counts for development: every figure runs in a few seconds. */
const QUICK: Partial<BenchOptions> = {
  repetitions: 3,
  appendOps: 300,
  readOps: 30,
  httpSeconds: 3,
  httpWarmupSeconds: 3,
  relayBacklog: 3000,
  relaySeconds: 3,
  auditEvents: 2000,
  rebuildEvents: 5000,
  replayOps: 30,
  growthEvents: 20000,
  growthQueries: 30,
  fileMib: 8,
};

const integer = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`不是正整数 (not a positive integer): ${value}`);
  return parsed;
};

function parseOptions(argv: string[]): BenchOptions {
  const program = new Command('bench')
    .description('性能基准：在本机 PostgreSQL 与 Kafka 上测量七项指标及文件存取 (benchmark suite)')
    .option('--quick', '小规模，用于开发 (small counts, for development)')
    .option('--figures <list>', '只跑这些指标，逗号分隔 (only these figures)', '1,2,3,4,5,6,7,files')
    .option('--repetitions <n>', '每项重复次数，取中位数 (repetitions, median taken)', integer, 3)
    .option('--concurrency <list>', '追加的并发度 (append concurrencies)', '1,8,32')
    .option('--append-ops <n>', '每次测量的追加次数 (appends per measurement)', integer, 5000)
    .option('--read-stream-events <n>', '读取基准的流长度 (events in the read stream)', integer, 100)
    .option('--read-ops <n>', '每次重复的读取次数 (reads per repetition)', integer, 300)
    .option('--http-seconds <n>', '每次 HTTP 负载的时长 (seconds per HTTP load)', integer, 10)
    .option('--http-warmup-seconds <n>', 'HTTP 测量前的预热时长 (seconds of load before the HTTP measurements: the JIT)', integer, 15)
    .option('--http-connections <n>', '找最大吞吐时的连接数 (connections at maximum load)', integer, 32)
    .option('--relay-backlog <n>', '转发积压事件数 (relay backlog)', integer, 100000)
    .option('--relay-rate <n>', '稳态追加速率 (steady-state events/s)', integer, 1000)
    .option('--relay-seconds <n>', '稳态时长 (steady-state seconds)', integer, 20)
    .option('--audit-events <n>', '审计摄入事件数 (audit ingest events)', integer, 100000)
    .option('--rebuild-events <n>', '审计重建事件数 (audit rebuild events)', integer, 1000000)
    .option('--replay-events <n>', '回放流长度 (events in the replayed stream)', integer, 1000)
    .option('--replay-ops <n>', '每次重复的回放次数 (replays per repetition)', integer, 200)
    .option('--growth-events <n>', '增长基准的存量事件数 (stored events for growth)', integer, 10000000)
    .option('--growth-queries <n>', '每次重复的审计查询次数 (audit queries per repetition)', integer, 200)
    .addOption(new Option('--file-mib <n>', '文件基准的文件大小，MiB (file size of the files figure)').argParser(integer).default(64).env('BENCH_FILE_MIB'))
    .addOption(new Option('--keep', '保留基准数据库 (keep the databases)'))
    .parse(argv);
  const raw = program.opts();
  const given = (name: string) => ['cli', 'env'].includes(program.getOptionValueSource(name) ?? '');
  const options: BenchOptions = {
    repetitions: raw.repetitions,
    concurrency: String(raw.concurrency).split(',').map(integer),
    appendOps: raw.appendOps,
    readStreamEvents: raw.readStreamEvents,
    readOps: raw.readOps,
    httpSeconds: raw.httpSeconds,
    httpWarmupSeconds: raw.httpWarmupSeconds,
    httpConnections: raw.httpConnections,
    relayBacklog: raw.relayBacklog,
    relayRate: raw.relayRate,
    relaySeconds: raw.relaySeconds,
    auditEvents: raw.auditEvents,
    rebuildEvents: raw.rebuildEvents,
    replayEvents: raw.replayEvents,
    replayOps: raw.replayOps,
    growthEvents: raw.growthEvents,
    growthQueries: raw.growthQueries,
    fileMib: raw.fileMib,
    figures: String(raw.figures).split(','),
    keep: Boolean(raw.keep),
  };
  if (!raw.quick) return options;
  // --quick lowers the counts not given explicitly (as a flag or its variable)
  const quick = Object.fromEntries(Object.entries(QUICK).filter(([name]) => !given(name)));
  return { ...options, ...quick };
}

function table(rows: readonly ResultRow[]): string {
  const header = ['#', 'measurement', 'value', 'reference (same run)', 'ratio', 'goal', 'met'];
  const lines = rows.map((row) => [
    row.figure,
    row.measurement,
    `${format(row.value)} ${row.unit}`,
    row.reference ? `${row.reference.name} ${format(row.reference.value)}` : '',
    row.ratio === undefined ? '' : `${(row.ratio * 100).toFixed(0)}%`,
    row.goal ?? '',
    row.met === undefined ? '' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(width(title), ...lines.map((line) => width(line[column]!))));
  const render = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - width(cell))).join(' | ')} |`;
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}

/** Display width: CJK and other wide characters take two columns. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return columns;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv);
  const id = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '_').toLowerCase();
  const { kafkaBrokers } = await resolveInfrastructure('postgres');
  const context = new BenchContext(id, options, kafkaBrokers);
  const machine = await describeMachine(context.kafka);
  console.log(`基准 ${id}: ${JSON.stringify(machine)}`);
  console.log(`options: ${JSON.stringify(options)}`);
  const started = Date.now();
  const timings: Record<string, number> = {};
  const failures: Record<string, string> = {};
  const directory = join(__dirname, '..', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${id}.json`);
  // written after every figure, so a run that dies late keeps what it measured
  const save = () =>
    writeFileSync(
      file,
      `${JSON.stringify({ id, startedAt: new Date(started).toISOString(), seconds: (Date.now() - started) / 1000, machine: { ...machine, loadAverageAtEnd: loadavg().map((load) => Math.round(load * 100) / 100) }, options, timings, failures, rows: context.rows }, null, 2)}\n`,
    );
  try {
    const figures = [...new Set(options.figures.map((figure) => FIGURES[figure] ?? figure))];
    for (const figure of figures) {
      if (typeof figure === 'string') throw new Error(`未知指标 (unknown figure): ${figure}`);
      await settle();
      const begin = Date.now();
      console.log(`\n== ${figure.name} ==`);
      try {
        await figure(context);
      } catch (error) {
        failures[figure.name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
        console.error(`${figure.name} 失败 (failed):`, error);
      }
      timings[figure.name] = (Date.now() - begin) / 1000;
      save();
    }
  } finally {
    if (!options.keep) {
      await context.dropDatabases();
      await context.deleteTopics();
    }
  }
  console.log(`\n${table(context.rows)}\n`);
  save();
  console.log(`结果已写入 (results written to) ${file}`);
  if (Object.keys(failures).length > 0) process.exitCode = 1;
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
