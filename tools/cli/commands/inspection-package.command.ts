import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_PORTS } from '@oa/platform';

const VERIFIER = join(__dirname, '../../audit-verify/verify.mjs');

/**
 * 检查材料包 (inspection-package): for an inspection (巡视、巡察) of a period, one folder with a
 * checkpoint signed for it, the entries and findings cut at that checkpoint (JSON Lines and CSV),
 * the public key the server states, the standalone verifier and a SHA256SUMS of every file.
 */
export const inspectionPackageCommand = new Command('inspection-package')
  .description('导出检查材料包：检查点、审计记录与合规发现（JSON Lines 与 CSV）、核验脚本与摘要清单 (export an inspection package)')
  .requiredOption('--out <dir>', '输出目录 (output folder)')
  .option('--from <instant>', '起始时间（含），ISO 8601 (from, inclusive)')
  .option('--to <instant>', '截止时间（不含），ISO 8601 (to, exclusive)')
  .option('--service <name>', '只含某服务的记录 (one service only)')
  .option('--token <jwt>', '审计员令牌（默认取环境变量 OA_TOKEN）(an auditor token; default $OA_TOKEN)')
  .action(async (options: { out: string; from?: string; to?: string; service?: string; token?: string }) => {
    const token = options.token ?? process.env['OA_TOKEN'];
    if (!token) throw new Error('需要审计员令牌：--token 或环境变量 OA_TOKEN');
    const audit = process.env['OA_AUDIT_URL'] ?? `http://127.0.0.1:${DEFAULT_PORTS.audit}`;
    const get = async (path: string): Promise<Response> => {
      const response = await fetch(`${audit}/api/v1${path}`, { method: path === '/audit/checkpoints' ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`);
      return response;
    };
    mkdirSync(options.out, { recursive: true });
    const checkpoint = (await (await get('/audit/checkpoints')).json()) as { body: { id: number; time: string } };
    const scope = new URLSearchParams({ checkpoint: String(checkpoint.body.id), ...(options.from && { from: options.from }), ...(options.to && { to: options.to }) });
    const entryScope = new URLSearchParams(scope);
    if (options.service) entryScope.set('service', options.service);
    const write = (name: string, content: string | Buffer) => writeFileSync(join(options.out, name), content);
    write('checkpoint.json', `${JSON.stringify(checkpoint, null, 2)}\n`);
    write('server-public-key.pem', ((await (await get('/audit/checkpoints/public-key')).json()) as { publicKey: string }).publicKey);
    for (const format of ['jsonl', 'csv'] as const) {
      write(`entries.${format}`, Buffer.from(await (await get(`/audit/exports/entries?format=${format}&${entryScope}`)).arrayBuffer()));
      write(`findings.${format}`, Buffer.from(await (await get(`/audit/exports/findings?format=${format}&${scope}`)).arrayBuffer()));
    }
    copyFileSync(VERIFIER, join(options.out, 'verify.mjs'));
    write(
      '说明.md',
      [
        `# 检查材料包`,
        ``,
        `- 检查点 #${checkpoint.body.id}（${checkpoint.body.time}）：checkpoint.json；各文件只含此检查点覆盖的记录。`,
        `- 范围：${options.from ?? '最早'} 至 ${options.to ?? '导出时'}${options.service ? `，服务 ${options.service}` : ''}。`,
        `- entries.jsonl / entries.csv：审计记录；findings.jsonl / findings.csv：合规发现及审计意见。`,
        `- 核验某条记录：向审计服务取其包含证明（/api/v1/audit/entries/<事件编号>/inclusion-proof?checkpoint=${checkpoint.body.id}），`,
        `  以另行交付的公钥运行 \`node verify.mjs inclusion proof.json --public-key <公钥文件>\`。server-public-key.pem 为服务端自述的公钥，仅供比对。`,
        `- SHA256SUMS：本目录各文件的摘要，\`sha256sum -c SHA256SUMS\` 可查文件是否被改动。`,
        ``,
      ].join('\n'),
    );
    const files = readdirSync(options.out).filter((name) => name !== 'SHA256SUMS').sort();
    write('SHA256SUMS', files.map((name) => `${createHash('sha256').update(readFileSync(join(options.out, name))).digest('hex')}  ${name}`).join('\n') + '\n');
    console.log(`检查材料包已导出 (exported) 到 ${options.out}：检查点 #${checkpoint.body.id}，${files.length + 1} 个文件`);
  });
