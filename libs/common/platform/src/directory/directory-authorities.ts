import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { dataDigest, linkHash, type Actor, type DirectoryPerson, type EventEnvelope } from '@oa/core';
import type { KeyObject } from 'node:crypto';
import { BatchReactionConsumer } from '../consumer/reaction-consumer';
import { UnusableEventError, type ConsumedEvent } from '../consumer/event-consumer';
import { checkEventSignature } from '../relay/event-signature';
import type { ServiceDefinition, ServiceRuntime } from '../nest/runtime';
import { SERVICE_RUNTIME } from '../nest/tokens';

/** A directory event as a service keeps it. */
export interface DirectoryEventRecord {
  readonly eventId: string;
  readonly streamType: string;
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly recordedAt: string;
}

/** The directory's answers over the records held (the directory's domain implements it: `DirectoryLedger`). */
export interface DirectoryView {
  /** Keeps a record; false for one already held or not of the directory's streams. */
  add(record: DirectoryEventRecord): boolean;
  /** When the directory became the system of record; undefined before its bootstrap. */
  readonly bootstrappedAt: number | undefined;
}

/** How a service reads the directory: a fresh view, and a person in it at an instant (a service definition names the directory's domain's). */
export interface DirectoryReading<View extends DirectoryView = DirectoryView> {
  /** The directory's stream types. */
  readonly streamTypes: readonly string[];
  view(): View;
  // method syntax: a reading of the domain's own view is a reading of a view
  personAt(view: View, personId: string, instant: string): DirectoryPerson;
}

/** The service whose store is the directory reads it there; the others, what `oa.directory.events` brought them. */
export function holdsTheDirectory(definition: ServiceDefinition): boolean {
  const { directory, streams = [] } = definition;
  return directory !== undefined && streams.some((stream) => directory.streamTypes.includes(stream.decider.streamType));
}

/** What the guard learns of a token's subject. */
export type ActorResolution =
  | { readonly kind: 'person'; readonly actor: Actor }
  /** No directory in force (not bootstrapped, or the service reads none): the token's claims stand. */
  | { readonly kind: 'claims' }
  | { readonly kind: 'refused'; readonly code: 'AUTH.NOT_IN_DIRECTORY' | 'AUTH.PERSON_DEPARTED'; readonly detail: string }
  /** DIRECTORY_REQUIRED and the directory not in force here yet. */
  | { readonly kind: 'unavailable'; readonly code: 'AUTH.DIRECTORY_NOT_IN_FORCE'; readonly detail: string };

/** Services' own jobs (`system:scheduler`, `system:archives-intake`, …) are not people: their tokens' claims stand. */
const isSystemSubject = (subject: string): boolean => subject.startsWith('system:');

/** How often a replica reads the records its peers stored (each consumes only its share of the partitions). */
const PEER_POLL_MS = 1000;
/** Rows of a transaction may become visible after rows received later: every read looks back this far (adding is idempotent). */
const OWN_LOOK_BACK = 200;
/** … and, reading the directory records, this long. */
const PEER_LOOK_BACK_MS = 10_000;

type Row = { position: string; event_id: string; stream_type: string; stream_id: string; type: string; data: unknown; recorded_at: Date; received_at: Date };

/**
 * The directory as this service acts on it (DIR-4): its events from `oa.directory.events`,
 * stored in the service's `directory_records` and held in memory. Once the directory is
 * bootstrapped, the access guard takes a token's subject to the person and acts on the
 * directory's name, roles (held or held as a deputy) and clearance at the request's instant,
 * never on the token's claims; `actor.authority` (written into every event) names the grants.
 */
@Injectable()
export class DirectoryAuthorities implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly view?: DirectoryView;
  private readonly reading?: DirectoryReading;
  private lastReceived = new Date(0);
  private lastPosition = 0;
  private poller?: NodeJS.Timeout;
  private loaded?: Promise<void>;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {
    this.reading = runtime.definition.directory;
    this.view = this.reading?.view();
  }

  onApplicationBootstrap(): void {
    if (this.view === undefined) return;
    this.loaded = this.readStored().catch((error: unknown) => this.runtime.logger.warn({ err: error }, '读取组织目录记录失败 (directory records unreadable)'));
    this.poller = setInterval(() => void this.readStored().catch(() => undefined), PEER_POLL_MS);
    this.poller.unref();
  }

  private get holdsDirectoryStreams(): boolean {
    return holdsTheDirectory(this.runtime.definition);
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.poller);
  }

  /** Whether the directory is the system of record here (it has been bootstrapped). */
  get inForce(): boolean {
    return this.view?.bootstrappedAt !== undefined;
  }

  /** A person as the directory holds them at the instant (someone a command names, e.g. a reader); undefined while the directory is not in force. */
  personAt(personId: string, instant: string): DirectoryPerson | undefined {
    const { view, reading } = this;
    if (view === undefined || reading === undefined || view.bootstrappedAt === undefined) return undefined;
    return reading.personAt(view, personId, instant);
  }

  /** The actor a request acts as, at its instant; `beforeDirectory` for the route that bootstraps the directory. */
  async resolve(claimed: Actor, instant: string, beforeDirectory = false): Promise<ActorResolution> {
    await this.loaded;
    // the directory service answers from its own store, its latest change included
    if (this.holdsDirectoryStreams) await this.readStored();
    const { view, reading } = this;
    if (isSystemSubject(claimed.id)) return { kind: 'claims' };
    if (view === undefined || reading === undefined || view.bootstrappedAt === undefined) {
      if (this.runtime.environment.DIRECTORY_REQUIRED === true && !beforeDirectory) {
        return { kind: 'unavailable', code: 'AUTH.DIRECTORY_NOT_IN_FORCE', detail: '组织与人员目录尚未初始化或尚未同步到本服务，暂不受理请求（DIRECTORY_REQUIRED）' };
      }
      return { kind: 'claims' };
    }
    const person = reading.personAt(view, claimed.id, instant);
    if (!person.known) return { kind: 'refused', code: 'AUTH.NOT_IN_DIRECTORY', detail: `令牌所指人员 ${claimed.id} 不在组织与人员目录中` };
    if (!person.active) return { kind: 'refused', code: 'AUTH.PERSON_DEPARTED', detail: `${person.name ?? claimed.id} 已于 ${person.departedAt ?? '此前'} 离岗，令牌不再有效` };
    return {
      kind: 'person',
      actor: {
        id: claimed.id,
        name: person.name ?? claimed.name,
        roles: person.roles,
        ...(person.homeUnitId !== undefined && { orgUnit: person.homeUnitId }),
        clearance: person.clearance,
        authority: person.authority,
      },
    };
  }

  /** Records received by this replica's consumer, in the consumer's transaction; held once it commits (or by the next poll). */
  async store(manager: EntityManager, records: readonly DirectoryEventRecord[]): Promise<void> {
    if (records.length === 0) return;
    await manager.query(
      `INSERT INTO "${this.runtime.schema}".directory_records (event_id, stream_type, stream_id, type, data, recorded_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(event_id uuid, stream_type text, stream_id text, type text, data jsonb, recorded_at timestamptz)
       ON CONFLICT (event_id) DO NOTHING`,
      [JSON.stringify(records.map((record) => ({ event_id: record.eventId, stream_type: record.streamType, stream_id: record.streamId, type: record.type, data: record.data, recorded_at: record.recordedAt })))],
    );
  }

  /** Holds records now (after their transaction committed), observing how long after the directory stored them. */
  hold(records: readonly DirectoryEventRecord[]): void {
    const now = Date.now();
    for (const record of records) {
      if (this.view?.add(record)) this.runtime.metrics.directoryLag.observe(Math.max(0, now - Date.parse(record.recordedAt)) / 1000);
    }
  }

  /** Everything stored since the last read (peers' rows included; in the directory service, its own events), in order (a stream's events in their order). */
  private async readStored(): Promise<void> {
    const s = `"${this.runtime.schema}"`;
    const rows: Row[] = this.holdsDirectoryStreams
      ? await this.runtime.dataSource.query(
          `SELECT position, event_id, stream_type, stream_id, type, data, recorded_at, recorded_at AS received_at FROM ${s}.events WHERE position > $1 ORDER BY position`,
          [Math.max(0, this.lastPosition - OWN_LOOK_BACK)],
        )
      : await this.runtime.dataSource.query(
          `SELECT position, event_id, stream_type, stream_id, type, data, recorded_at, received_at FROM ${s}.directory_records WHERE received_at >= $1 ORDER BY position`,
          [new Date(this.lastReceived.getTime() - PEER_LOOK_BACK_MS)],
        );
    this.hold(rows.map((row) => ({ eventId: row.event_id, streamType: row.stream_type, streamId: row.stream_id, type: row.type, data: row.data, recordedAt: row.recorded_at.toISOString() })));
    for (const row of rows) {
      if (row.received_at > this.lastReceived) this.lastReceived = row.received_at;
      this.lastPosition = Math.max(this.lastPosition, Number(row.position));
    }
  }
}

/**
 * Feeds `DirectoryAuthorities` from `oa.directory.events`. Authority is what the topic says, so
 * an event is taken only as the directory published it: its data digest and hash recomputed and,
 * where EVENT_SIGNING_KEY is configured, the relay's signature of that hash verified. Anything
 * else becomes a dead letter and grants nothing.
 */
@Injectable()
export class DirectoryFeed extends BatchReactionConsumer {
  protected readonly source = 'directory';
  protected override readonly partitionsConsumedConcurrently = 1;
  protected override readonly asPublished = true;
  private readonly verificationKeys: readonly KeyObject[];

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(DirectoryAuthorities) private readonly authorities: DirectoryAuthorities,
  ) {
    super(runtime);
    this.verificationKeys = runtime.eventVerificationKeys;
  }

  protected async reactBatch(manager: EntityManager, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { event, source } of events) this.checkPublished(event, source.signature);
    const records = events.map(({ event }) => ({ eventId: event.eventId, streamType: event.streamType, streamId: event.streamId, type: event.type, data: event.data, recordedAt: event.recordedAt }));
    await this.authorities.store(manager, records);
    // held at once: a record the transaction then loses comes again, and holding is idempotent
    this.authorities.hold(records);
  }

  private checkPublished(event: EventEnvelope, signature: string | undefined): void {
    if (dataDigest(event.data) !== event.dataDigest || linkHash(event) !== event.hash) {
      throw new UnusableEventError(`目录事件 ${event.eventId} 的摘要与内容不符，不予采信 (directory event altered)`);
    }
    if (this.verificationKeys.length > 0 && checkEventSignature(this.verificationKeys, event.hash, signature) !== 'verified') {
      throw new UnusableEventError(`目录事件 ${event.eventId} 的签名缺失或无效，不予采信 (directory event not signed by the office's relays)`);
    }
  }
}
