import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate, createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { SERVICES, dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, runtimeRole, type OfficeService, type TokenClaims } from '@oa/platform';
import { asSuperuser, eventually, testRun } from '@oa/testing';
import { freePort } from '../reliability/support/process-stack';

const execute = promisify(execFile);
const root = join(__dirname, '..', '..');
const HOST = 'oa.example.test';

/** What a systemd unit runs: its ExecStart, words split, `%i` the instance. */
function execStart(unit: string, instance = ''): string[] {
  const line = readFileSync(join(root, 'deploy/systemd', unit), 'utf8').match(/^ExecStart=(.+)$/m)![1]!;
  return line.replaceAll('%i', instance).split(/\s+/);
}

/**
 * A production install, end to end (issue 26): `npm run build`; a release folder holding only
 * what the Dockerfile's runtime stage holds (package files, production dependencies, dist); the
 * migration job and the six services started with the systemd units' own command lines, each
 * service as its runtime role and never as the owner; nginx (Debian's) with a self-signed
 * certificate and the routes file the deployment ships, in front of them; then a flow over
 * https, and the console verifying a checkpoint in headless Chromium at a name that is not
 * localhost, where Web Crypto exists only because the page is served over TLS.
 */
describe('a production install: built artefacts, runtime roles, nginx and TLS (real PostgreSQL, Kafka, nginx, Chromium)', () => {
  const run = testRun();
  const databaseName = `${run.databaseName}_https`;
  const topicPrefix = `${run.topicPrefix}https.`;
  const secret = randomBytes(32).toString('hex');
  const work = mkdtempSync(join(tmpdir(), 'oa-install-'));
  const release = join(work, 'opt-oa');
  const ports = {} as Record<OfficeService, number>;
  const children: ChildProcess[] = [];
  let httpsPort: number;
  let certificate: string;
  let browser: Browser | undefined;
  const token: Record<string, string> = {};
  const sealOf = { id: '' };

  /** One request through nginx, trusting only the install's own certificate. */
  const https = (method: string, path: string, who?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: httpsPort,
          servername: HOST,
          ca: certificate,
          method,
          path,
          headers: { host: `${HOST}:${httpsPort}`, ...(who && { authorization: `Bearer ${token[who]}` }), ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }) },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: incoming.statusCode ?? 0, body: text.startsWith('{') || text.startsWith('[') ? (JSON.parse(text) as Record<string, unknown>) : { text } });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });

  const started = (command: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess => {
    const child = spawn(command[0]!, command.slice(1), { cwd: release, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.on('exit', () => writeFileSync(join(work, `${log}.log`), lines.join('')));
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    await execute('bash', [join(root, 'tools/install-nginx.sh')], { maxBuffer: 16 * 1024 * 1024 });
    await execute('npm', ['run', 'build'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' }, maxBuffer: 16 * 1024 * 1024 });

    // the release, as deploy/Dockerfile's runtime stage makes it: no TypeScript, no dev dependency
    mkdirSync(release);
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(root, file), join(release, file));
    await execute('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: release, maxBuffer: 16 * 1024 * 1024 });
    cpSync(join(root, 'dist'), join(release, 'dist'), { recursive: true });

    // the migration job as the owner; then each service as its runtime role, never the owner
    await ensureLocalDatabase(databaseName);
    const database = await localServiceEnvironment(databaseName);
    const [migrate, ...migrateArgs] = execStart('oa-migrate.service');
    await execute(migrate!, migrateArgs, { cwd: release, env: { PATH: process.env['PATH'], NODE_ENV: 'production', DATABASE_OWNER_URL: database.DATABASE_OWNER_URL } });

    for (const service of SERVICES) ports[service] = await freePort();
    const at = (names: readonly OfficeService[]) => names.map((name) => `${name}=http://127.0.0.1:${ports[name]}`).join(',');
    const common = {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      KAFKA_BROKERS: run.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'warn',
      JWT_SECRET: secret,
      DOCUMENT_CONTENT_KEY: randomBytes(32).toString('hex'),
      MEETING_CONTENT_KEY: randomBytes(32).toString('hex'),
      ARCHIVE_CONTENT_KEY: randomBytes(32).toString('hex'),
      EVENT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ARCHIVES_SOURCE_URLS: at(['documents', 'meetings']),
      AUDIT_STORE_SERVICE_URLS: at(['documents', 'meetings', 'archives', 'seals', 'directory', 'affairs']),
    };
    for (const service of SERVICES) {
      started(execStart('oa@.service', service), { ...common, PORT: String(ports[service]), DATABASE_URL: database.DATABASE_URL.replace('{service}', service) }, service);
    }
    for (const service of SERVICES) {
      await eventually(async () => ((await fetch(`http://127.0.0.1:${ports[service]}/health`).catch(() => undefined))?.ok ? true : undefined), `${service} healthy from dist`, 60_000);
    }

    // nginx with a self-signed certificate for HOST, the shipped routes, upstreams on this run's ports
    const tls = join(work, 'tls');
    mkdirSync(tls);
    await execute('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`, '-keyout', join(tls, 'server.key'), '-out', join(tls, 'server.crt')]);
    certificate = readFileSync(join(tls, 'server.crt'), 'utf8');
    httpsPort = await freePort();
    const nginx = join(work, 'nginx');
    mkdirSync(join(nginx, 'logs'), { recursive: true });
    const upstreams = SERVICES.map((service) => `upstream oa_${service} { server 127.0.0.1:${ports[service]}; }`).join('\n  ');
    writeFileSync(
      join(nginx, 'nginx.conf'),
      `daemon off;
pid ${nginx}/nginx.pid;
error_log ${nginx}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${nginx}/body;
  proxy_temp_path ${nginx}/proxy;
  ${upstreams}
  server {
    listen 127.0.0.1:${httpsPort} ssl http2;
    server_name ${HOST};
    ssl_certificate ${tls}/server.crt;
    ssl_certificate_key ${tls}/server.key;
    include ${root}/deploy/nginx/oa-routes.conf;
  }
}
`,
    );
    started(['/usr/sbin/nginx', '-p', nginx, '-c', join(nginx, 'nginx.conf')], { PATH: process.env['PATH'] }, 'nginx');
    await eventually(async () => ((await https('GET', '/console/').catch(() => undefined))?.status === 200 ? true : undefined), 'nginx serving the console over https', 30_000);

    const people: Record<string, [string, string, TokenClaims['roles']]> = {
      director: ['u-director', '周主任', ['officeDirector']],
      drafter: ['u-drafter', '张拟稿', ['drafter']],
      auditor: ['u-auditor', '吴巡察', ['auditor']],
    };
    for (const [key, [sub, name, roles]] of Object.entries(people)) token[key] = await mintToken({ sub, name, orgUnit: '办公室', roles, clearance: 'internal' }, { secret });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of children.reverse()) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
    await dropLocalDatabase(databaseName);
    rmSync(work, { recursive: true, force: true });
  });

  it('runs every service from dist with production dependencies only, each connected as its own runtime role', async () => {
    // the dev tools are not there (the repository's node_modules has them all)
    for (const tool of ['typescript', '@swc/core', '@swc-node/register', 'jest', 'vite', 'nx', 'playwright-core']) expect([tool, existsSync(join(release, 'node_modules', tool))]).toEqual([tool, false]);
    expect(existsSync(join(release, 'node_modules', '@nestjs/core'))).toBe(true);
    const connected = await asSuperuser(await ensureLocalDatabase(databaseName), (query) =>
      query<{ role: string }>(`SELECT DISTINCT usename AS role FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY 1`),
    );
    expect(connected.map((row) => row.role)).toEqual(SERVICES.map(runtimeRole).sort());
  });

  it('answers the API over https through nginx: a seal registered and read back, no token refused, internal and unknown routes not served', async () => {
    const registered = await https('POST', '/api/v1/seals', 'director', { kind: 'office', name: '某某县委办公室印章', owningUnit: '办公室', engravingApprovalReference: '某公安备〔2026〕9号', impressionImageHash: `sha256:${'ab'.repeat(32)}` });
    expect(registered.status).toBe(201);
    const sealId = registered.body['id'] as string;
    expect((await https('GET', `/api/v1/seals/${sealId}`, 'director')).body).toMatchObject({ id: sealId, name: '某某县委办公室印章' });
    expect((await https('POST', '/api/v1/seals', undefined, {})).status).toBe(401);
    expect((await https('GET', '/api/v1/internal/chain-heads', 'auditor')).status).toBe(404);
    expect((await https('GET', '/api/v1/nothing-here', 'auditor')).status).toBe(404);
    const [entry] = await eventually(async () => {
      const history = await https('GET', `/api/v1/audit/streams/${sealId}/history?streamType=seal`, 'auditor');
      return Array.isArray(history.body) && history.body.length === 1 ? (history.body as Array<{ eventId: string }>) : undefined;
    }, 'the seal in the audit trail', 60_000);
    // signed through nginx until a checkpoint covers the entry (the schedule may have signed one before it arrived)
    await eventually(async () => {
      expect((await https('POST', '/api/v1/audit/checkpoints', 'auditor')).status).toBe(201);
      return (await https('GET', `/api/v1/audit/entries/${entry!.eventId}/inclusion-proof`, 'auditor')).status === 200 ? true : undefined;
    }, 'a checkpoint holding the seal entry', 30_000);
    sealOf.id = sealId;
  });

  it('verifies the checkpoint in headless Chromium over https at a name other than localhost (Web Crypto needs the secure context)', async () => {
    // trust exactly this certificate's key, as an office trusts its own CA
    const spki = createHash('sha256').update(new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--lang=zh-CN', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${spki}`],
    });
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.goto(`https://${HOST}:${httpsPort}/console/`);
    // in the page: a secure context, so Web Crypto's subtle API exists
    expect(await page.evaluate(() => (globalThis as unknown as { isSecureContext: boolean }).isSecureContext)).toBe(true);
    await page.getByLabel('访问令牌').fill(token['auditor']!);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '概览' }).waitFor();
    await page.goto(`https://${HOST}:${httpsPort}/console/#/seals/${sealOf.id}`);
    await page.getByRole('heading', { name: '印章：某某县委办公室印章' }).waitFor();
    await page.getByRole('button', { name: /核验本页 1 条记录/ }).click();
    const status = page.getByTestId('verification-status');
    await status.filter({ hasText: /已通过核验|未通过核验/ }).waitFor();
    expect(await status.textContent()).toMatch(/^✓ 已通过核验：检查点 #\d+ 签名有效，1 条记录均包含其中$/);
  });
});
