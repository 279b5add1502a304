import { Pool } from 'pg';
import { dropLocalDatabase, ensureLocalDatabase, localServiceEnvironment, mintToken, startService, type Clock, type RunningService, type TokenClaims } from '@oa/platform';
import { apiClient, testRun, type ApiReply, eventually as eventuallyWithin } from '@oa/testing';
import { ArchivesModule, archivesService } from '@oa/app-archives';
import { AffairsModule, affairsService } from '@oa/app-affairs';
import { AuditModule, auditService } from '@oa/app-audit';
import { DirectoryModule, directoryService } from '@oa/app-directory';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { MeetingsModule, meetingsService } from '@oa/app-meetings';
import { SealsModule, sealsService } from '@oa/app-seals';

export const SERVICES = ['audit', 'seals', 'documents', 'meetings', 'archives', 'directory', 'affairs'] as const;
export type Service = (typeof SERVICES)[number];
export const COMMAND_SERVICES = ['seals', 'documents', 'meetings', 'archives'] as const;

const DEFINITIONS = {
  audit: [auditService, AuditModule],
  seals: [sealsService, SealsModule],
  documents: [documentsService, DocumentsModule],
  meetings: [meetingsService, MeetingsModule],
  archives: [archivesService, ArchivesModule],
  directory: [directoryService, DirectoryModule],
  affairs: [affairsService, AffairsModule],
} as const;

export interface Stack {
  readonly name: string;
  readonly databaseUrl: string;
  readonly topicPrefix: string;
  readonly env: NodeJS.ProcessEnv;
  readonly services: Partial<Record<Service, RunningService>>;
  call(service: Service, method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<ApiReply>;
  /** SQL on the scenario's database as the superuser (every service's schema is in it; no service's role reads another's). */
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  token(sub: string, name: string, roles: TokenClaims['roles'], clearance?: TokenClaims['clearance']): Promise<string>;
  close(): Promise<void>;
}

/**
 * The services of one scenario, in this process, on a database and topic prefix of the
 * scenario's own (so scenarios never see each other's events), with the rate limit raised
 * because the load is the point.
 */
export async function startStack(name: string, services: readonly Service[] = SERVICES, overrides: NodeJS.ProcessEnv = {}, clock?: Clock): Promise<Stack> {
  const run = testRun();
  const databaseName = `${run.databaseName}_${name}`;
  // a server of the scenario's own when it says so (a database restart), else the run's local one
  const ownServer = overrides['DATABASE_URL'] !== undefined;
  const databaseUrl = overrides['DATABASE_URL'] ?? (await ensureLocalDatabase(databaseName));
  const topicPrefix = `${run.topicPrefix}${name}.`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    // the run's server: each service as its runtime role; a scenario's own server has only its superuser
    ...(ownServer ? { DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: databaseUrl } : await localServiceEnvironment(databaseName)),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    SCHEDULE_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...overrides,
  };
  const running: Partial<Record<Service, RunningService>> = {};
  const urlsOf = (names: readonly Service[]) => names.filter((name) => running[name]).map((name) => `${name}=${running[name]!.url}`).join(',');
  // the audit last (it reads every topic from the beginning), told where the others are: it relays the console's file downloads to them
  for (const service of [...services.filter((name) => name !== 'audit'), ...services.filter((name) => name === 'audit')]) {
    const [definition, module] = DEFINITIONS[service];
    // FILE-4 the archives copy the components from the sources started before them
    const where =
      service === 'archives' && urlsOf(['documents', 'meetings']) ? { ARCHIVES_SOURCE_URLS: urlsOf(['documents', 'meetings']) } : service === 'audit' && urlsOf(services) ? { AUDIT_STORE_SERVICE_URLS: urlsOf(services) } : {};
    running[service] = await startService(definition, module, { ...env, ...where }, clock);
  }
  const clients = Object.fromEntries(services.map((service) => [service, apiClient(() => running[service]!.url)])) as Record<Service, ReturnType<typeof apiClient>>;
  const harness = new Pool({ connectionString: databaseUrl, max: 2 });
  // an idle connection the server cut (a restart, a failover) is dropped; the next query opens another
  harness.on('error', () => undefined);
  const secret = env['JWT_SECRET']!;
  return {
    name,
    databaseUrl,
    topicPrefix,
    env,
    services: running,
    call: (service, method, path, token, body, headers) => clients[service](method, path, token, body, headers),
    query: async <T>(sql: string, parameters?: unknown[]) => (await harness.query(sql, parameters)).rows as T[],
    token: (sub, personName, roles, clearance = 'internal') => mintToken({ sub, name: personName, roles, orgUnit: '办公室', clearance }, { secret, now: clock?.now(), lifetimeSeconds: 30 * 86400 }),
    async close() {
      for (const service of [...services].reverse()) await running[service]?.close();
      await harness.end();
      if (!ownServer && !process.env['OA_KEEP_TEST_DATA']) await dropLocalDatabase(databaseName);
    },
  };
}

/** `eventually` of @oa/testing with the longer patience a faulted stack needs. */
export const eventually = <T>(attempt: () => Promise<T | undefined>, what: string, timeoutMillis = 120_000): Promise<T> => eventuallyWithin(attempt, what, timeoutMillis);
