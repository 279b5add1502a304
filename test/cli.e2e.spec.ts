import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { EMPTY_STREAM, EventStore, openServiceDataSource, startService, type RunningService } from '@oa/platform';
import { testRun, uniqueName } from '@oa/testing';
import { SealsModule, sealsService } from '@oa/app-seals';

const execute = promisify(execFile);
const root = join(__dirname, '..');

/** Runs `oa …` as an administrator would; resolves with its exit code and output either way. */
async function oa(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [join(root, 'tools/cli/oa.js'), ...args], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('oa, the administrators’ command line (run as a process)', () => {
  const run = testRun();

  it('mints a token for a user, and refuses two separated admin roles (COMMON-1) with exit code 2', async () => {
    const env = { JWT_SECRET: 'x'.repeat(40) };
    const minted = await oa(['mint-token', '--sub', 'u1', '--name', '张三', '--roles', 'sealKeeper', '--clearance', 'mimi'], env);
    expect(minted.code).toBe(0);
    const [, payload] = minted.stdout.trim().split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ sub: 'u1', name: '张三', roles: ['sealKeeper'], clearance: 'mimi' });
    const refused = await oa(['mint-token', '--sub', 'u2', '--name', '李四', '--roles', 'sysAdmin,securityAuditor'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('三员分立');
  });

  describe('verify', () => {
    const schema = uniqueName('cliverify');
    let dataSource: DataSource;

    beforeAll(async () => {
      dataSource = await openServiceDataSource({ url: run.databaseUrl, schema });
      const store = new EventStore(dataSource, schema);
      for (const streamId of ['s-1', 's-2', 's-3']) {
        await store.append({
          streamType: 'seal',
          streamId,
          expected: EMPTY_STREAM,
          events: [1, 2, 3].map((n) => ({ type: 'Tested', data: { n } })),
          metadata: { actor: { id: 'u-1', name: '王五', roles: [] } },
          recordedAt: '2026-11-24T01:00:00.000Z',
        });
      }
    });
    afterAll(() => dataSource.destroy());

    it('finds every chain intact, then each tampering a superuser does behind the triggers (exit code 3)', async () => {
      const intact = await oa(['verify', '--service', 'seals', '--schema', schema, '--quiet']);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('共校验 3 个流、9 个事件；断链的流 0 个');

      const table = `"${schema}".events`;
      await dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      await dataSource.query(`UPDATE ${table} SET data = '{"n": 20}' WHERE stream_id = 's-1' AND stream_version = 2`);
      await dataSource.query(`DELETE FROM ${table} WHERE stream_id = 's-2' AND stream_version = 2`);
      // two events swapped: versions 1 and 2 of s-3 trade places
      await dataSource.query(`UPDATE ${table} SET stream_version = stream_version + 100 WHERE stream_id = 's-3' AND stream_version IN (1, 2)`);
      await dataSource.query(`UPDATE ${table} SET stream_version = 2 WHERE stream_id = 's-3' AND stream_version = 101`);
      await dataSource.query(`UPDATE ${table} SET stream_version = 1 WHERE stream_id = 's-3' AND stream_version = 102`);
      await dataSource.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);

      const tampered = await oa(['verify', '--service', 'seals', '--schema', schema, '--quiet']);
      expect(tampered.code).toBe(3);
      expect(tampered.stdout).toContain('断链的流 3 个');
      expect(tampered.stdout).toMatch(/✗ s-1: .*dataDigestMismatch@2/);
      expect(tampered.stdout).toMatch(/✗ s-2: .*gap@3/);
      expect(tampered.stdout).toMatch(/✗ s-3: .*hashMismatch@1/);
    });
  });

  it('reports each service’s readiness, and fails when one cannot be reached', async () => {
    let seals: RunningService | undefined;
    try {
      seals = await startService(sealsService, SealsModule, { ...process.env, PORT: '0', KAFKA_TOPIC_PREFIX: `${run.topicPrefix}cli.`, OA_DATABASE_NAME: `${run.databaseName}`, DATABASE_URL: run.databaseUrl });
      const status = await oa(['status'], { OA_SEALS_URL: seals.url, OA_DOCUMENTS_URL: 'http://127.0.0.1:9' });
      expect(status.code).toBe(1);
      expect(status.stdout).toMatch(/✓ seals .* database=up kafka=up relay=up/);
      expect(status.stdout).toMatch(/✗ documents .*无法连接/);
    } finally {
      await seals?.close();
    }
  });
});
