import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { ServiceEnvironment, SERVICES } from '@oa/platform';
import { archivesService } from '@oa/app-archives';
import { auditService } from '@oa/app-audit';
import { documentsService } from '@oa/app-documents';
import { meetingsService } from '@oa/app-meetings';
import { sealsService } from '@oa/app-seals';

const root = join(__dirname, '../..');
const guide = readFileSync(join(root, 'docs/deployment.md'), 'utf8');
const compose = parse(readFileSync(join(root, 'deploy/docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; volumes?: string[] }>;
  volumes: Record<string, unknown>;
};
const answers = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;

/** Every variable a service validates at start: the platform's and each service's own. */
function variablesInCode(): string[] {
  const classes = [ServiceEnvironment, ...[documentsService, meetingsService, archivesService, sealsService, auditService].flatMap((service) => (service.environment ? [service.environment] : []))];
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

  it('runs PostgreSQL, Kafka in KRaft mode with retention forever, and the five services with health checks and volumes', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['kafka', 'postgres', ...SERVICES].sort());
    expect(compose.services['kafka']!.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_LOG_RETENTION_MS: '-1', KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' });
    expect(Object.keys(compose.volumes).sort()).toEqual(['kafka-data', 'postgres-data']);
    for (const service of SERVICES) {
      const definition = compose.services[service]!;
      expect(definition.environment).toMatchObject({ SERVICE: service, KAFKA_BROKERS: 'kafka:9092', NODE_ENV: 'production' });
      expect(definition.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, kafka: { condition: 'service_healthy' } });
      expect(definition.healthcheck?.test.join(' ')).toContain('/health');
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
    copyFileSync(join(root, 'deploy/systemd/oa.target'), join(dir, 'oa.target'));
    const result = spawnSync('systemd-analyze', ['verify', join(dir, 'oa@seals.service')], { encoding: 'utf8' });
    expect(result.stderr.split('\n').filter((line) => /oa@seals|oa\.target/.test(line) && !/Failed to load|not found|No such file/.test(line))).toEqual([]);
    expect(result.status).toBe(0);
  });
});
