import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startService, type RunningService } from '@oa/platform';
import { testRun } from '@oa/testing';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { MeetingsModule, meetingsService } from '@oa/app-meetings';
import { ArchivesModule, archivesService } from '@oa/app-archives';
import { SealsModule, sealsService } from '@oa/app-seals';
import { AuditModule, auditService } from '@oa/app-audit';

const root = join(__dirname, '..');

/** Runs a service's main.ts as an operator would, collecting what it prints. */
function runMain(service: string, env: NodeJS.ProcessEnv) {
  // at info, as in production: the start and stop lines are what an operator reads
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${service}/src/main.ts`], { cwd: root, env: { ...process.env, LOG_LEVEL: 'info', ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

async function waitForOutput(read: () => string, pattern: RegExp, timeoutMillis = 60000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in output:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the five services', () => {
  const env = { ...process.env, PORT: '0', KAFKA_TOPIC_PREFIX: testRun().topicPrefix };

  it.each([
    { name: 'documents', definition: documentsService, module: DocumentsModule },
    { name: 'meetings', definition: meetingsService, module: MeetingsModule },
    { name: 'archives', definition: archivesService, module: ArchivesModule },
    { name: 'seals', definition: sealsService, module: SealsModule },
    { name: 'audit', definition: auditService, module: AuditModule },
  ])('$name starts, reports database, Kafka and relay healthy, and serves its OpenAPI document', async ({ definition, module }) => {
    let running: RunningService | undefined;
    try {
      running = await startService(definition, module, env);
      const health = await fetch(`${running.url}/health`);
      expect(health.status).toBe(200);
      const body = (await health.json()) as { status: string; details: Record<string, { status: string }> };
      expect(body.status).toBe('ok');
      expect(Object.keys(body.details).sort()).toEqual(['database', 'kafka', 'relay']);
      const openApi = (await (await fetch(`${running.url}/api/docs-json`)).json()) as { openapi: string; info: { title: string } };
      expect(openApi.openapi).toMatch(/^3\./);
      expect(openApi.info.title).toBe(definition.title);
    } finally {
      await running?.close();
    }
  });

  it('stops with a message naming the variable when the configuration is malformed', async () => {
    const run = runMain('seals', { PORT: 'abc', KAFKA_BROKERS: 'not a broker list' });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain('CONFIG.INVALID');
    expect(run.output()).toMatch(/PORT="abc"/);
    expect(run.output()).toMatch(/KAFKA_BROKERS="not a broker list"/);
  });

  it('shuts down cleanly on SIGTERM: the relay stops and connections close', async () => {
    const run = runMain('audit', { PORT: '0', KAFKA_TOPIC_PREFIX: testRun().topicPrefix });
    const [, url] = await waitForOutput(run.output, /服务已启动 \(started\) (http:\/\/\S+)/);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    run.child.kill('SIGTERM');
    const exit = await Promise.race([run.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20000))]);
    expect(exit).not.toBe('hung');
    expect(run.output()).toContain('已停止：转发器与数据库连接已关闭 (stopped cleanly)');
  });
});
