import type { DeclaredStreamType } from '../command-handling/stream-type';
import type { DirectoryReading } from '../directory/directory-authorities';
import type { DataSource, EntitySchema, MigrationInterface } from 'typeorm';
import type { Upcaster } from '@oa/core';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { createServiceLogger } from '../observability/logging';
import { ServiceMetrics } from '../observability/metrics';
import { validateEnvironment, ServiceEnvironment } from '../config/service-config';
import { openServiceDataSource, poolOf } from '../database/data-source';
import { serviceDatabaseUrl } from '../database/database-roles';
import { resolveInfrastructure, type Infrastructure } from '../environment/resolve-environment';
import { EventStore } from '../event-store/event-store';
import { UpcasterRegistry } from '../event-store/upcasters';
import { CommandHandling } from '../command-handling/handle-command';
import { createKafka, eventsTopic, type TopicSettings } from '../kafka/topics';
import { OutboxRelay } from '../relay/relay';
import { eventVerificationKey, readEventSigningKey, readPublicKeys } from '../relay/event-signature';
import type { KeyObject } from 'node:crypto';
import { fileStoreMigrations } from '../files/files.migration';
import { DEFAULT_CHUNK_BYTES, PostgresFileStore, type DigestAlgorithm } from '../files/postgres-file-store';
import type { FileStore } from '../files/file-store';

/** Default ports of DOMAIN.md (API shape). */
export const DEFAULT_PORTS = { documents: 3001, meetings: 3002, archives: 3003, seals: 3004, audit: 3005, directory: 3006, affairs: 3007 } as const;
export type OfficeService = keyof typeof DEFAULT_PORTS;

export interface ServiceDefinition {
  readonly service: OfficeService;
  readonly title: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: ReadonlyArray<Function | EntitySchema>;
  readonly migrations?: ReadonlyArray<new () => MigrationInterface>;
  /** The service's own variables (a class-validator class), checked at start with the platform's. */
  readonly environment?: new () => object;
  /** The upcasters of the events this service reads: its own and those of the topics it consumes (event types are unique across services). */
  readonly upcasters?: readonly Upcaster[];
  /** The service's stream types, each declared once: decider, inline read models (`oa rebuild-read-model` replays them), facts. */
  readonly streams?: readonly DeclaredStreamType[];
  /** The directory's domain, to act on the directory's roles, posts and clearance rather than a token's claims (DIR-4). */
  readonly directory?: DirectoryReading;
  /** FILE-1 a service that keeps files: where its key of classified files (FILE-2) is among its validated variables. */
  readonly files?: { readonly key: (settings: object) => Buffer | undefined };
}

/** Everything a running service holds: its configuration, store, relay and broker client. */
export interface ServiceRuntime {
  readonly definition: ServiceDefinition;
  readonly environment: ServiceEnvironment;
  /** The service's own validated variables (its definition's `environment` class). */
  readonly settings: object;
  readonly infrastructure: Infrastructure;
  readonly schema: string;
  readonly topic: string;
  readonly topicSettings: TopicSettings;
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
  readonly store: EventStore;
  readonly commands: CommandHandling;
  readonly relay: OutboxRelay;
  /** EVENT_SIGNING_KEY, read: the relay signs with it, the audit checks with its public half. */
  readonly eventSigningKey?: KeyObject;
  /** What the office's events are checked with: the public half of EVENT_SIGNING_KEY, then EVENT_PREVIOUS_PUBLIC_KEYS; none without a signing key (development). */
  readonly eventVerificationKeys: readonly KeyObject[];
  /** JSON lines at LOG_LEVEL; HTTP requests are logged through it with their request and correlation ids. */
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  /** FILE-1 the service's file store, when its definition keeps files. */
  readonly files?: FileStore;
}

/** FILE-1's default size limit: 200 MB. */
export const DEFAULT_FILE_MAX_BYTES = 200 * 1024 * 1024;

/** A service's own migrations: its file store's (when it keeps files), then its read models'. */
export function serviceMigrations(definition: ServiceDefinition): ReadonlyArray<new () => MigrationInterface> {
  return [...(definition.files ? fileStoreMigrations(definition.service) : []), ...(definition.migrations ?? [])];
}

export async function createServiceRuntime(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<ServiceRuntime> {
  const environment = validateEnvironment(ServiceEnvironment, env);
  const settings = definition.environment ? validateEnvironment(definition.environment, env) : {};
  const infrastructure = await resolveInfrastructure(environment.OA_DATABASE_NAME ?? 'office', env);
  const schema = definition.service;
  const dataSource = await openServiceDataSource({
    url: serviceDatabaseUrl(infrastructure.databaseUrl, schema),
    migrate: infrastructure.databaseOwnerUrl ? { ownerUrl: infrastructure.databaseOwnerUrl } : 'never',
    schema,
    entities: definition.entities ?? [],
    migrations: serviceMigrations(definition),
    poolSize: environment.DATABASE_POOL_SIZE,
  });
  const kafka = createKafka(infrastructure.kafkaBrokers, `oa-${definition.service}`);
  const store = new EventStore(dataSource, schema, 'sha256', new UpcasterRegistry(definition.upcasters ?? []));
  const topic = eventsTopic(definition.service, environment.KAFKA_TOPIC_PREFIX ?? '');
  // a cluster named in KAFKA_BROKERS replicates three times (two in sync) unless told otherwise; one broker, once
  const replicationFactor = environment.KAFKA_REPLICATION_FACTOR ?? Math.min(3, infrastructure.kafkaBrokers.length);
  const topicSettings = { partitions: environment.KAFKA_TOPIC_PARTITIONS ?? 3, replicationFactor };
  const logger = createServiceLogger(definition.service, environment.LOG_LEVEL);
  const metrics = new ServiceMetrics(definition.service);
  const eventSigningKey = environment.EVENT_SIGNING_KEY === undefined ? undefined : readEventSigningKey(environment.EVENT_SIGNING_KEY);
  const eventVerificationKeys = eventSigningKey ? [eventVerificationKey(eventSigningKey), ...readPublicKeys('EVENT_PREVIOUS_PUBLIC_KEYS', environment.EVENT_PREVIOUS_PUBLIC_KEYS)] : [];
  const relay = new OutboxRelay(dataSource, kafka, {
    schema,
    signingKey: eventSigningKey,
    topic,
    topicSettings,
    log: (message, error) => logger.warn({ err: error }, message),
  });
  store.onAppended(() => relay.nudge());
  metrics.observeLag({ dataSource, kafka, schema, relayName: relay.name });
  metrics.observePool(poolOf(dataSource));
  const files =
    definition.files &&
    new PostgresFileStore(dataSource, schema, {
      maxBytes: environment.FILE_MAX_BYTES ?? DEFAULT_FILE_MAX_BYTES,
      algorithms: (environment.DIGEST_ALGORITHMS ?? 'sha256').split(',') as DigestAlgorithm[],
      key: definition.files.key(settings),
      chunkBytes: DEFAULT_CHUNK_BYTES,
    });
  const commands = new CommandHandling(dataSource, store, metrics, settings, files);
  return { definition, environment, settings, infrastructure, schema, topic, topicSettings, dataSource, kafka, store, commands, relay, eventSigningKey, eventVerificationKeys, logger, metrics, ...(files && { files }) };
}
