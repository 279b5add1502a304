import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { instantOf } from '@oa/core';
import { DEFAULT_PORTS, SERVICES } from '@oa/platform';
import { CliFailure, EXIT, oneOf } from '../conventions';

const VERIFIER = join(__dirname, '../../audit-verify/verify.mjs');
/** Proofs fetched at once: enough to hide the round trips, few enough for the audit service. */
const PROOFS_AT_ONCE = 8;

/** An instant as RFC 3339 with its offset, or a usage error before anything is signed. */
function instant(text: string): string {
  if (instantOf(text) === undefined) throw new InvalidArgumentError(`须为带时区的 RFC 3339 时间，如 2026-01-01T00:00:00+08:00（收到 ${text}）`);
  return text;
}

/** Every file under `folder`, as paths relative to it, sorted. */
function filesUnder(folder: string, under = ''): string[] {
  return readdirSync(join(folder, under))
    .flatMap((name) => (statSync(join(folder, under, name)).isDirectory() ? filesUnder(folder, join(under, name)) : [join(under, name)]))
    .sort();
}

/**
 * 检查材料包 (inspection-package): for an inspection (巡视、巡察) of a period, one folder with a
 * checkpoint signed for it, the entries and findings cut at that checkpoint (JSON Lines and CSV),
 * an inclusion proof for every entry, the public key the server states, the standalone verifier
 * and a SHA256SUMS of every file — so `node verify.mjs package . --public-key <key>` checks it on
 * a machine without the system. The options are checked before a checkpoint is signed; the
 * package is written into a folder beside the target and renamed into place only when complete,
 * and an existing folder is never overwritten.
 */
export const inspectionPackageCommand = new Command('inspection-package')
  .description('导出检查材料包：检查点、审计记录与合规发现（JSON Lines 与 CSV）、每条记录的包含证明、核验脚本与摘要清单 (export an inspection package)')
  .requiredOption('--out <dir>', '输出目录，须尚不存在 (output folder, must not exist)')
  .option('--from <instant>', '起始时间（含），RFC 3339 (from, inclusive)', instant)
  .option('--to <instant>', '截止时间（不含），RFC 3339 (to, exclusive)', instant)
  .option('--service <name>', '只含某服务的记录 (one service only)', oneOf('服务', SERVICES))
  .option('--token <jwt>', '审计员令牌（默认取环境变量 OA_TOKEN）(an auditor token; default $OA_TOKEN)')
  .action(async (options: { out: string; from?: string; to?: string; service?: string; token?: string }) => {
    const token = options.token ?? process.env['OA_TOKEN'];
    if (!token) throw new CliFailure('PACKAGE.NO_TOKEN', '需要审计员令牌：--token 或环境变量 OA_TOKEN', EXIT.usage);
    const out = resolve(options.out);
    if (existsSync(out)) throw new CliFailure('PACKAGE.EXISTS', `输出目录已存在，不覆盖：${out}（请另选 --out）`, EXIT.usage);
    if (options.from && options.to && instantOf(options.from)! >= instantOf(options.to)!) throw new CliFailure('PACKAGE.EMPTY_PERIOD', '--from 须早于 --to', EXIT.usage);
    const audit = process.env['OA_AUDIT_URL'] ?? `http://127.0.0.1:${DEFAULT_PORTS.audit}`;
    const get = async (path: string): Promise<Response> => {
      let response: Response;
      try {
        response = await fetch(`${audit}/api/v1${path}`, { method: path === '/audit/checkpoints' ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}` } });
      } catch (error) {
        throw new CliFailure('AUDIT.UNREACHABLE', `无法连接审计服务 ${audit}（${error instanceof Error ? error.message : String(error)}）：请检查 OA_AUDIT_URL`);
      }
      if (!response.ok) throw new CliFailure('AUDIT.REFUSED', `${path} → ${response.status} ${await response.text()}`);
      return response;
    };
    mkdirSync(dirname(out), { recursive: true });
    const partial = `${out}.partial-${process.pid}`;
    mkdirSync(join(partial, 'proofs'), { recursive: true });
    try {
      const checkpoint = (await (await get('/audit/checkpoints')).json()) as { body: { id: number; time: string } };
      const scope = new URLSearchParams({ checkpoint: String(checkpoint.body.id), ...(options.from && { from: options.from }), ...(options.to && { to: options.to }) });
      const entryScope = new URLSearchParams(scope);
      if (options.service) entryScope.set('service', options.service);
      const write = (name: string, content: string | Buffer) => writeFileSync(join(partial, name), content);
      write('checkpoint.json', `${JSON.stringify(checkpoint, null, 2)}\n`);
      write('server-public-key.pem', ((await (await get('/audit/checkpoints/public-key')).json()) as { publicKey: string }).publicKey);
      for (const format of ['jsonl', 'csv'] as const) {
        write(`entries.${format}`, Buffer.from(await (await get(`/audit/exports/entries?format=${format}&${entryScope}`)).arrayBuffer()));
        write(`findings.${format}`, Buffer.from(await (await get(`/audit/exports/findings?format=${format}&${scope}`)).arrayBuffer()));
      }
      // an inclusion proof of every entry at the package's checkpoint (COMMON-3: the leaf alone for one above the auditor's clearance)
      const eventIds = readFileSync(join(partial, 'entries.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { record: string; eventId?: string })
        .filter((line) => line.record === 'entry')
        .map((line) => line.eventId as string);
      const pending = [...eventIds];
      await Promise.all(
        Array.from({ length: PROOFS_AT_ONCE }, async () => {
          for (let eventId = pending.shift(); eventId !== undefined; eventId = pending.shift()) {
            write(join('proofs', `${eventId}.json`), await (await get(`/audit/entries/${eventId}/inclusion-proof?checkpoint=${checkpoint.body.id}`)).text());
          }
        }),
      );
      copyFileSync(VERIFIER, join(partial, 'verify.mjs'));
      write(
        '说明.md',
        [
          `# 检查材料包`,
          ``,
          `- 检查点 #${checkpoint.body.id}（${checkpoint.body.time}）：checkpoint.json；各文件只含此检查点覆盖的记录。`,
          `- 范围：${options.from ?? '最早'} 至 ${options.to ?? '导出时'}${options.service ? `，服务 ${options.service}` : ''}。`,
          `- entries.jsonl / entries.csv：审计记录；findings.jsonl / findings.csv：合规发现及审计意见。`,
          `- proofs/<事件编号>.json：每条记录的包含证明（超出导出人涉密等级的记录只证明其叶哈希，内容隐去）。`,
          `- 核验全包（无需本系统）：以另行交付的公钥运行 \`node verify.mjs package . --public-key <公钥文件>\`：`,
          `  核对检查点签名、每条记录与其证明一致并包含于检查点、SHA256SUMS 中每个文件的摘要。server-public-key.pem 为服务端自述的公钥，仅供比对。`,
          ``,
        ].join('\n'),
      );
      const files = filesUnder(partial);
      write('SHA256SUMS', files.map((name) => `${createHash('sha256').update(readFileSync(join(partial, name))).digest('hex')}  ${name}`).join('\n') + '\n');
      renameSync(partial, out);
      console.log(`检查材料包已导出 (exported) 到 ${relative(process.cwd(), out) || out}：检查点 #${checkpoint.body.id}，${eventIds.length} 条记录及其包含证明，${files.length + 1} 个文件`);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      throw error;
    }
  });
