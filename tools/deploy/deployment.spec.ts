import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { ServiceEnvironment, SERVICES } from '@oa/platform';
import { affairsService } from '@oa/app-affairs';
import { archivesService } from '@oa/app-archives';
import { auditService } from '@oa/app-audit';
import { directoryService } from '@oa/app-directory';
import { documentsService } from '@oa/app-documents';
import { meetingsService } from '@oa/app-meetings';
import { sealsService } from '@oa/app-seals';

const root = join(__dirname, '../..');
const guide = readFileSync(join(root, 'docs/deployment.md'), 'utf8');
const compose = parse(readFileSync(join(root, 'deploy/docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    { environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; volumes?: string[]; command?: string[]; ports?: string[]; logging?: { driver: string; options: Record<string, string> } }
  >;
  volumes: Record<string, unknown>;
};
const answers = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;

/** Every variable a service validates at start: the platform's and each service's own. */
function variablesInCode(): string[] {
  const classes = [ServiceEnvironment, ...[documentsService, meetingsService, archivesService, sealsService, auditService, directoryService, affairsService].flatMap((service) => (service.environment ? [service.environment] : []))];
  return [...new Set(classes.flatMap((target) => getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).map((metadata) => metadata.propertyName)))].sort();
}

describe('deployment: the guide, the compose file and the systemd units say what the code does', () => {
  it('documents every configuration variable the services read, with its default and meaning', () => {
    const variables = variablesInCode();
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'KAFKA_BROKERS', 'JWT_SECRET', 'DOCUMENT_CONTENT_KEY', 'MEETING_CONTENT_KEY', 'AUDIT_SIGNING_KEY']));
    const documented = [...guide.matchAll(/^\| `([A-Z0-9_]+)` \| [^|]+ \| [^|]+ \|$/gm)].map((match) => match[1]);
    expect(variables.filter((variable) => !documented.includes(variable))).toEqual([]);
    expect(documented.filter((variable) => !variables.includes(variable!))).toEqual([]);
  });

  it('runs PostgreSQL with the roles, Kafka in KRaft mode with retention forever, the migration job, the six services as their runtime roles, and nginx with TLS in front', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['kafka', 'migrate', 'nginx', 'postgres', ...SERVICES].sort());
    expect(compose.services['kafka']!.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_LOG_RETENTION_MS: '-1', KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' });
    expect(Object.keys(compose.volumes).sort()).toEqual(['kafka-data', 'postgres-data']);
    expect(compose.services['postgres']!.volumes).toContain('./postgres/roles.sh:/docker-entrypoint-initdb.d/roles.sh:ro');
    // the owner migrates once; the services never see its credentials
    expect(compose.services['migrate']!.command).toEqual(['node', 'dist/tools/cli/oa.js', 'migrate']);
    expect(compose.services['migrate']!.environment!['DATABASE_OWNER_URL']).toMatch(/^postgres:\/\/oa_owner:/);
    for (const service of SERVICES) {
      const definition = compose.services[service]!;
      expect(definition.environment).toMatchObject({ SERVICE: service, KAFKA_BROKERS: 'kafka:9092', NODE_ENV: 'production' });
      expect(definition.environment!['DATABASE_URL']).toMatch(new RegExp(`^postgres://oa_${service}:`));
      expect(definition.environment).not.toHaveProperty('DATABASE_OWNER_URL');
      expect(definition.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' }, kafka: { condition: 'service_healthy' } });
      expect(definition.healthcheck?.test.join(' ')).toContain('/health');
      // only nginx is published
      expect(definition.ports).toBeUndefined();
    }
    for (const service of Object.values(compose.services)) expect(service.logging).toEqual({ driver: 'json-file', options: { 'max-size': '20m', 'max-file': '5' } });
    expect(compose.services['nginx']!.ports).toEqual(['443:443', '80:80']);
    expect(compose.services['nginx']!.volumes).toEqual(expect.arrayContaining(['./nginx/oa-routes.conf:/etc/nginx/oa-routes.conf:ro', './tls:/etc/nginx/tls:ro']));
  });

  it('routes every public path of every service through nginx, and none of the internal ones', () => {
    const routes = readFileSync(join(root, 'deploy/nginx/oa-routes.conf'), 'utf8');
    const locations = [...routes.matchAll(/^location (~ )?(\S+)\s+\{ (return 404|proxy_pass http:\/\/oa_(\w+));/gm)].map((match) => ({ pattern: match[2]!, regex: match[1] !== undefined, upstream: match[4] }));
    const routeOf = (path: string) => {
      const regexMatch = locations.find((location) => location.regex && new RegExp(location.pattern).test(path));
      const prefixMatch = locations.filter((location) => !location.regex && path.startsWith(location.pattern)).sort((a, b) => b.pattern.length - a.pattern.length)[0];
      // nginx: the longest prefix, unless a regular expression matches (a prefix ending the search aside)
      return prefixMatch?.pattern === '/api/v1/internal/' ? undefined : (regexMatch ?? prefixMatch)?.upstream;
    };
    for (const service of SERVICES) {
      const paths = Object.keys((JSON.parse(readFileSync(join(root, `docs/openapi/${service}.json`), 'utf8')) as { paths: Record<string, unknown> }).paths);
      for (const path of paths.filter((candidate) => candidate.startsWith('/api/v1/'))) {
        expect([path, routeOf(path.replace(/\{[^}]+\}/g, 'x'))]).toEqual([path, path.startsWith('/api/v1/internal/') ? undefined : service]);
      }
    }
  });

  (answers('docker', ['compose', 'version']) ? it : it.skip)('validates with `docker compose config` (where the compose plugin exists)', () => {
    const result = spawnSync('docker', ['compose', '-f', join(root, 'deploy/docker-compose.yml'), 'config', '-q'], { encoding: 'utf8', env: { ...process.env, POSTGRES_PASSWORD: 'x' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  (answers('systemd-analyze', ['--version']) ? it : it.skip)('has systemd units that `systemd-analyze verify` accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'units-'));
    copyFileSync(join(root, 'deploy/systemd/oa@.service'), join(dir, 'oa@seals.service'));
    for (const unit of ['oa.target', 'oa-migrate.service', 'oa-backup.service', 'oa-backup.timer']) copyFileSync(join(root, 'deploy/systemd', unit), join(dir, unit));
    const units = ['oa@seals.service', 'oa-migrate.service', 'oa-backup.service', 'oa-backup.timer'].map((unit) => join(dir, unit));
    const result = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8' });
    expect(result.stderr.split('\n').filter((line) => /oa[@.-]/.test(line) && !/Failed to load|not found|No such file/.test(line))).toEqual([]);
    expect(result.status).toBe(0);
  });

  it("names in its units only what a fresh install has: the release's dist, the migration before the services, no writable path of the repository", () => {
    const unit = (name: string) => readFileSync(join(root, 'deploy/systemd', name), 'utf8');
    expect(unit('oa@.service')).toMatch(/^ExecStart=\/usr\/bin\/env node dist\/apps\/%i\/src\/main\.js$/m);
    expect(unit('oa@.service')).toMatch(/^Requires=oa-migrate\.service$/m);
    expect(unit('oa-migrate.service')).toMatch(/^ExecStart=\/usr\/bin\/env node dist\/tools\/cli\/oa\.js migrate$/m);
    expect(unit('oa-backup.timer')).toMatch(/^OnCalendar=/m);
    // 226/NAMESPACE: systemd refuses a unit whose ReadWritePaths does not exist; the services write nothing
    for (const name of ['oa@.service', 'oa-migrate.service', 'oa-backup.service']) expect(unit(name)).not.toMatch(/^ReadWritePaths=/m);
  });
});
