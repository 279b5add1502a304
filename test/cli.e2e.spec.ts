import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { EMPTY_STREAM, EventStore, dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, openServiceDataSource, startService, type RunningService } from '@oa/platform';
import { apiClient, testRun, uniqueName } from '@oa/testing';
import { SealsModule, sealsService } from '@oa/app-seals';

const execute = promisify(execFile);
const root = join(__dirname, '..');

/** Runs `oa …` as an administrator would; resolves with its exit code and output either way. */
async function oa(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; out: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [join(root, 'tools/cli/oa.js'), ...args], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr, out: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, out: `${failed.stdout}${failed.stderr}` };
  }
}

describe('oa, the administrators’ command line (run as a process)', () => {
  const run = testRun();

  it('DIR-3 bootstraps the directory once with two different people, and mints a token with the roles the directory holds (DIR-4)', async () => {
    const env = { JWT_SECRET: 'x'.repeat(40), ...(await localServiceEnvironment(`${run.databaseName}_clidirectory`)) };
    try {
      const same = await oa(['directory', 'bootstrap', '--sys-admin', 'yang.guangming:杨光明', '--security-admin', 'yang.guangming:杨光明', '--reason', '系统上线'], env);
      expect(same.code).toBe(2);
      expect(same.stderr).toContain('DIR-3');
      const unknown = await oa(['mint-token', '--sub', 'yang.guangming'], env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('目录中没有人员');
      const bootstrapped = await oa(['directory', 'bootstrap', '--sys-admin', 'yang.guangming:杨光明', '--security-admin', 'xu.jing:许静', '--reason', '系统上线'], env);
      expect(bootstrapped.code).toBe(0);
      expect((await oa(['directory', 'bootstrap', '--sys-admin', 'a.b:甲', '--security-admin', 'c.d:乙', '--reason', '再次'], env)).code).toBe(2);
      const minted = await oa(['mint-token', '--sub', 'xu.jing'], env);
      expect(minted.code).toBe(0);
      const [, payload] = minted.stdout.trim().split('.');
      expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ sub: 'xu.jing', name: '许静', roles: ['securityAdmin'], clearance: 'none' });
      // roles no longer come from flags
      expect((await oa(['mint-token', '--sub', 'xu.jing', '--roles', 'sysAdmin'], env)).code).not.toBe(0);
    } finally {
      if (!process.env['OA_KEEP_TEST_DATA']) await dropLocalDatabase(`${run.databaseName}_clidirectory`);
    }
  });

  describe('verify', () => {
    const schema = uniqueName('cliverify');
    let dataSource: DataSource;

    beforeAll(async () => {
      dataSource = await openServiceDataSource({ url: run.databaseOwnerUrl, schema });
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

  describe('one convention: exit codes, usage errors in Chinese, and where each command looks', () => {
    it('lists the exit codes in oa --help', async () => {
      const help = await oa(['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('退出码 (exit codes)');
      expect(help.stdout).toMatch(/2\s+用法错误/);
    });

    it('refuses an unknown --service, a missing option and an unknown command with exit code 2, before any database is asked', async () => {
      const typo = await oa(['verify', '--service', 'seal'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect([typo.code, typo.stderr.trim()]).toEqual([2, '用法错误 (commander.invalidArgument): 选项 --service <name> 的取值不合法：未知服务 seal（可选：documents、meetings、archives、seals、audit、directory、affairs）（oa --help 查看用法）']);
      const missing = await oa(['rebuild-read-model']);
      expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('缺少必填选项 --service <name>')]);
      expect((await oa(['backup', '--service', 'seals,archive'])).stderr).toContain('未知服务 archive');
      expect((await oa(['verfiy'])).code).toBe(2);
    });

    it('says which database it checks, and never creates one it was not told to: an absent local database is exit 1', async () => {
      const told = await oa(['verify', '--service', 'seals', '--schema', 'nothing_here', '--quiet']);
      // the tools work as the owner role: DATABASE_OWNER_URL before DATABASE_URL (a service's runtime role)
      expect(told.stderr).toContain(`数据库 (database): ${new URL(run.databaseOwnerUrl).toString()}（DATABASE_OWNER_URL）`);
      const name = `${run.databaseName}_never_made`;
      const local = await oa(['verify', '--service', 'seals'], { DATABASE_URL: '', DATABASE_OWNER_URL: '', OA_DATABASE_NAME: name });
      expect([local.code, local.stderr]).toEqual([1, expect.stringContaining(`错误 (DATABASE.UNREACHABLE): 数据库 postgres://oa_owner@127.0.0.1:5432/${name} 数据库不存在`)]);
      const admin = new Client({ connectionString: run.databaseUrl });
      await admin.connect();
      try {
        expect((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount).toBe(0);
      } finally {
        await admin.end();
      }
    });

    it('migrates as the owner role and grants the runtime role; refuses to migrate as a superuser, whose schemas the owner could never migrate again', async () => {
      const asSuperuser = await oa(['migrate', '--service', 'seals'], { DATABASE_OWNER_URL: run.databaseUrl });
      expect([asSuperuser.code, asSuperuser.stderr]).toEqual([1, expect.stringContaining('错误 (DATABASE.SUPERUSER): postgres 是超级用户')]);
      const asOwner = await oa(['migrate', '--service', 'seals'], { DATABASE_OWNER_URL: run.databaseOwnerUrl });
      expect([asOwner.code, asOwner.stdout]).toEqual([0, expect.stringContaining('seals: 已迁移到本版本，运行角色 oa_seals 已授权')]);
    });

    it('fails oa lag with exit code 1 and KAFKA.UNREACHABLE when the brokers do not answer, instead of printing zeros', async () => {
      const lag = await oa(['lag'], { KAFKA_BROKERS: '127.0.0.1:1' });
      expect(lag.code).toBe(1);
      expect(lag.stderr).toContain('错误 (KAFKA.UNREACHABLE): 无法连接 Kafka 127.0.0.1:1');
      expect(lag.stdout).not.toMatch(/\s0\s+0\.0\s+0$/m);
    });
  });

  it('reports each service’s readiness, and fails when one cannot be reached', async () => {
    let seals: RunningService | undefined;
    try {
      seals = await startService(sealsService, SealsModule, { ...process.env, PORT: '0', KAFKA_TOPIC_PREFIX: `${run.topicPrefix}cli.`, OA_DATABASE_NAME: `${run.databaseName}` });
      const status = await oa(['status'], { OA_SEALS_URL: seals.url, OA_DOCUMENTS_URL: 'http://127.0.0.1:9' });
      expect(status.code).toBe(1);
      expect(status.stdout).toMatch(/✓ seals .* database=up kafka=up relay=up/);
      expect(status.stdout).toMatch(/✗ documents .*无法连接/);
    } finally {
      await seals?.close();
    }
  });

  describe('backup, restore and lag', () => {
    const source = `${run.databaseName}_backup`;
    const restored = `${run.databaseName}_restored`;
    const secret = 'b'.repeat(40);
    let seals: RunningService;
    let sourceUrl: string;
    const query = async <T>(url: string, sql: string): Promise<T[]> => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as T[];
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      sourceUrl = await ensureLocalDatabase(source);
      seals = await startService(sealsService, SealsModule, { ...process.env, PORT: '0', JWT_SECRET: secret, KAFKA_TOPIC_PREFIX: `${run.topicPrefix}backup.`, ...(await localServiceEnvironment(source)) });
      const director = await mintToken({ sub: 'u-director', name: '周主任', roles: ['officeDirector'], orgUnit: '办公室', clearance: 'none' }, { secret });
      const call = apiClient(() => seals.url);
      for (const name of ['办公室印章', '党委印章', '财务专用章']) {
        const reply = await call('POST', '/seals', director, { kind: 'office', name, owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕9号', impressionImageHash: `sha256:${'ab'.repeat(32)}` });
        expect(reply.status).toBe(201);
      }
      // every event on Kafka before the backup is cut
      for (const deadline = Date.now() + 30_000; (await oa(['lag'], { DATABASE_OWNER_URL: sourceUrl, KAFKA_BROKERS: run.kafkaBrokers.join(',') })).out.match(/^seals\s+0\s/m) === null; ) {
        if (Date.now() > deadline) throw new Error('the relay did not catch up');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }, 60_000);

    afterAll(async () => {
      await seals?.close();
      await dropLocalDatabase(source);
      await dropLocalDatabase(restored);
    });

    it('shows each service’s relay and consumer lag from the database and Kafka', async () => {
      const lag = await oa(['lag'], { DATABASE_OWNER_URL: sourceUrl, KAFKA_BROKERS: run.kafkaBrokers.join(',') });
      expect(lag.code).toBe(0);
      expect(lag.out).toMatch(/^seals\s+0\s+0\.0\s+0$/m);
    });

    it('backs up the service schemas with a manifest and restores them into a new database, relays moved onto the new cluster and every chain checked', async () => {
      const env = { DATABASE_OWNER_URL: sourceUrl, KAFKA_BROKERS: run.kafkaBrokers.join(',') };
      const [{ events }] = await query<{ events: string }>(sourceUrl, `SELECT count(*) AS events FROM seals.events`);
      // one event not yet published when the backup is cut: the relay is set back below it
      const [{ last }] = await query<{ last: string }>(sourceUrl, `SELECT max(position) AS last FROM seals.events`);
      await seals.close();
      await query(sourceUrl, `UPDATE seals.relay_checkpoints SET position = ${Number(last) - 1}`);
      const file = join(mkdtempSync(join(tmpdir(), 'oa-backup-')), 'office.dump');
      const backup = await oa(['backup', '--out', file, '--service', 'seals'], env);
      expect(backup.code).toBe(0);
      expect(backup.out).toContain(`seals      ${events} 个事件`);
      expect(JSON.parse(readFileSync(`${file}.json`, 'utf8'))).toMatchObject({ format: 'oa-backup/1', database: source, schemas: { seals: { events: Number(events), lastPosition: Number(last) } } });

      const restore = await oa(['restore', file, '--target-database', restored], env);
      expect(restore.out).toContain(`seals      ${events} 个事件`);
      expect(restore.out).toContain('断链 0，与清单一致；转发器将发送 1 个事件');
      expect(restore.code).toBe(0);
      const restoredUrl = sourceUrl.replace(new RegExp(`/${source}$`), `/${restored}`);
      expect(await query(restoredUrl, `SELECT DISTINCT transaction_id::text AS xid FROM seals.events`)).toEqual([{ xid: '0' }]);
      expect(await query(restoredUrl, `SELECT transaction_id::text AS xid, position::text AS position FROM seals.relay_checkpoints`)).toEqual([{ xid: '0', position: String(Number(last) - 1) }]);
      expect((await oa(['verify', '--service', 'seals', '--quiet'], { ...env, DATABASE_OWNER_URL: restoredUrl })).out).toContain(`断链的流 0 个`);
      // the read models come back from the restored events alone, without Kafka
      const sealRows = `SELECT id, name, kind, status, keeper_id, version FROM seals.seals ORDER BY id`;
      const before = await query(sourceUrl, sealRows);
      await query(restoredUrl, `UPDATE seals.seals SET name = '被改动', version = 99`);
      await query(restoredUrl, `DELETE FROM seals.seal_usage_applications`);
      const rebuilt = await oa(['rebuild-read-model', '--service', 'seals', '--quiet'], { ...env, DATABASE_OWNER_URL: restoredUrl });
      expect(rebuilt.out).toContain(`已重建 seals/seals：重放 ${events} 个事件`);
      expect(rebuilt.out).toContain('已重建 seals/seal-usage-applications');
      expect(await query(restoredUrl, sealRows)).toEqual(before);
      expect((await oa(['rebuild-read-model', '--service', 'seals', '--read-model', 'nothing'], { ...env, DATABASE_OWNER_URL: restoredUrl })).out).toContain('没有名为 nothing 的读模型');

      // the same dump into an existing database is refused, not merged
      const again = await oa(['restore', file, '--target-database', restored], env);
      expect(again.code).toBe(1);
      expect(again.out).toContain('已存在');
    }, 60_000);
  });
});
