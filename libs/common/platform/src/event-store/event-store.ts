import type { DataSource, EntityManager } from 'typeorm';
import { v7 as timeOrderedId } from 'uuid';
import { UpcasterRegistry } from './upcasters';
import { poolOf } from '../database/data-source';
import { combineStatements, type ProjectionStatement } from '../command-handling/statement-projection';
import {
  CHAIN_BREAK_TITLES,
  GENESIS_HASH,
  RuleViolation,
  checkLink,
  fold,
  type ChainBreak,
  type ChainHead,
  type Decider,
  sealEnvelope,
  type DomainEvent,
  type EventEnvelope,
  type EventMetadata,
  type HashAlgorithm,
} from '@oa/core';

/** The last event of a stream as a writer saw it: the version to expect and the hash to chain to. */
export interface StreamHead {
  readonly version: number;
  readonly hash: string;
}

export const EMPTY_STREAM: StreamHead = { version: 0, hash: GENESIS_HASH };

export interface AppendRequest {
  readonly streamType: string;
  readonly streamId: string;
  /** The version the writer decided on; another writer's append in between is a conflict. */
  readonly expected: StreamHead;
  readonly events: readonly DomainEvent[];
  readonly metadata: EventMetadata;
  /** ISO instant the events are recorded at (the command's `now`). */
  readonly recordedAt: string;
  /** Other streams the decision relied on, at the versions it saw them: one that moved since refuses the append (FactStreamMoved). */
  readonly factsAt?: readonly FactHead[];
}

/** A stream a decision took a fact from, at the version it was folded to. */
export interface FactHead {
  readonly streamId: string;
  readonly version: number;
}

/** The SQLSTATE the event store's `expect_stream_heads` raises: a fact's stream moved past the version decided on. */
const FACT_STREAM_MOVED_SQLSTATE = 'OA001';

/**
 * A stream a decision took a fact from gained events before the append: nothing was written,
 * and the command is decided again on the stream as it stands (CommandHandling does, once).
 */
export class FactStreamMoved extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} moved past the version its facts were read at`);
  }
}

export interface ReadOptions {
  /** Only events after this version (what a fold continued from a known state needs). */
  readonly afterVersion?: number;
  /** Only events up to and including this version. */
  readonly untilVersion?: number;
  /** Only events recorded at or before this instant (time travel). */
  readonly asOf?: string;
}

interface EventRow {
  event_id: string;
  stream_type: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  data_digest: string;
  metadata: EventMetadata;
  /** As `STORED_EVENT_COLUMNS` selects it: the envelope's ISO text. */
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

/** A row as the kept-stream reads select it: the event and the transaction that wrote the row. */
interface VersionedEventRow extends EventRow {
  row_version: string;
}

/** A long stream's events as last read, and what the database said of their rows then. */
interface KeptStream {
  readonly events: readonly EventEnvelope[];
  /**
   * The sum of the rows' xmin (the id of the transaction that wrote each row): a row changed or
   * written again past the immutability trigger, or a restore, gets a new one.
   */
  readonly rowVersions: number;
  /** Where the stored rows were checked (AUD-10): their chain verified up to this head. */
  readonly chain?: ChainHead;
}

/** A stream folded to its state: the state, the version it stands at, and the events it came from. */
export interface CurrentState<S> {
  readonly state: S;
  readonly head: StreamHead;
}

/** A kept fold, and whether its stored chain was verified up to its head (a command's fold). */
interface KeptFold<S> extends CurrentState<S> {
  readonly chain?: ChainHead;
}

/** A stream's stored chain as last verified by this process: its rows then (count, xmin sum) and its head. */
interface VerifiedChain {
  readonly count: number;
  readonly rowVersions: number;
  readonly head: ChainHead;
}

/** Where a stream's stored chain breaks: the first break (AUD-10) and the event at it. */
export interface StoredChainBreak {
  readonly streamType: string;
  readonly streamId: string;
  readonly chainBreak: ChainBreak;
  readonly eventId: string;
}

/** The stable code of a command refused because its stream's stored chain does not verify (AUD-10). */
export const STREAM_CHAIN_BROKEN = 'COMMON.STREAM_CHAIN_BROKEN';

/**
 * AUD-10: the stream's stored chain does not verify, so nothing is appended onto it (the next
 * event would chain to a record that is not what was written). 409: the stream's state is the
 * conflict, and no retry helps until the store is restored.
 */
export class StoredChainBroken extends RuleViolation {
  constructor(readonly broken: StoredChainBreak) {
    const at = 'streamVersion' in broken.chainBreak ? `第 ${broken.chainBreak.streamVersion} 条事件` : `事件 ${broken.eventId}`;
    super(
      STREAM_CHAIN_BROKEN,
      'conflict',
      '事件链校验未通过，拒绝追加',
      `对象 ${broken.streamId} 的存储事件链在${at}处断裂（${CHAIN_BREAK_TITLES[broken.chainBreak.kind]}，${broken.chainBreak.kind}），不再追加新事件；请联系安全保密管理员核查（AUD-10）`,
    );
  }
}

export interface CurrentStateOptions {
  /**
   * Verify the stream's stored chain before it is decided on (the command path): the rows the
   * process has not verified yet are checked (a kept fold's new events, a short stream's rows
   * changed or added since), and a break throws StoredChainBroken.
   */
  readonly verify?: boolean;
}

/** Streams shorter than this are read whole (cheap); longer ones keep their fold and their events. */
const LONG_STREAM = 50;
/** At most this many kept folds per process (least recently used dropped). */
const KEPT_FOLDS = 1000;
/** At most this many fact folds per process (least recently used dropped): the seals applied for, the meetings minuted. */
const FACT_FOLDS = 1000;
/** At most this many verified chains of streams read whole per process (least recently used dropped). */
const VERIFIED_CHAINS = 10_000;
/** At most this many events of kept streams per process (least recently read streams dropped). */
const KEPT_STREAM_EVENTS = 20_000;
/**
 * Statement texts run as named (prepared) statements: each connection parses and plans one of
 * them once instead of on every call. Texts vary with the number of events and projections, and
 * every connection keeps a plan per text it ran, so past this many the rest run unnamed.
 */
const PREPARED_STATEMENTS = 200;
/** Per process, not per store: stores on one pool must never give one name to two texts (pg refuses it). */
const preparedNames = new Map<string, string>();

/** The name `sql` runs under: one per text; none once the limit is reached. */
function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < PREPARED_STATEMENTS) {
    name = `oa_event_store_${preparedNames.size + 1}`;
    preparedNames.set(sql, name);
  }
  return name;
}

export interface FoldedStream<S> {
  readonly state: S;
  readonly version: number;
  readonly events: readonly EventEnvelope[];
}

/** One event of a stream's history as auditors and integrators read it: what, when, by whom. */
export interface HistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly actor: { readonly id: string; readonly name: string };
  readonly recordedAt: string;
  readonly eventId: string;
}

export function historyOf(events: readonly EventEnvelope[]): HistoryEntry[] {
  return events.map((event) => ({
    version: event.streamVersion,
    type: event.type,
    data: event.data,
    actor: { id: event.metadata.actor.id, name: event.metadata.actor.name },
    recordedAt: event.recordedAt,
    eventId: event.eventId,
  }));
}

export const EVENT_COLUMNS =
  'event_id, stream_type, stream_id, stream_version, type, schema_version, data, data_digest, metadata, recorded_at, prev_hash, hash';

/**
 * recorded_at as the envelope's ISO text, formatted by the server: the hash covers that text
 * (to the millisecond, as the store writes it), and the client then neither parses a timestamp
 * into a Date nor formats it back, per row (a 100-event read ~15% faster, issue 9 figure 2).
 */
export const RECORDED_AT_ISO = `to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/** EVENT_COLUMNS as reads select them, for `rowToEnvelope`. */
export const STORED_EVENT_COLUMNS = EVENT_COLUMNS.replace('recorded_at', RECORDED_AT_ISO);

export function rowToEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    streamType: row.stream_type,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    dataDigest: row.data_digest,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function versionConflict(streamId: string, expected: number, actual?: number): RuleViolation {
  return new RuleViolation(
    'COMMON.VERSION_CONFLICT',
    'conflict',
    '版本冲突',
    actual === undefined
      ? `对象 ${streamId} 已被他人修改（期望版本 ${expected}），请刷新后重试`
      : `对象 ${streamId} 的当前版本是 ${actual}，不是期望的 ${expected}，请刷新后重试`,
  );
}

const UNIQUE_VIOLATION = '23505';

/**
 * The event store of one service schema. Appends are atomic and checked against the
 * expected version by the (stream_id, stream_version) key, so two writers that decided on
 * the same version cannot both win; the loser gets COMMON.VERSION_CONFLICT (HTTP 409).
 */
export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    readonly schema: string,
    private readonly algorithm: HashAlgorithm = 'sha256',
    readonly upcasters: UpcasterRegistry = UpcasterRegistry.none,
  ) {}

  /** currentState's kept folds, by stream type and id. */
  private readonly keptFolds = new Map<string, KeptFold<unknown>>();
  /** The stored chains of streams read whole for commands, verified: only rows added or changed since are checked again. */
  private readonly verifiedChains = new Map<string, VerifiedChain>();
  /** readStream's kept long streams, by stream id, and how many events they hold together. */
  private readonly keptStreams = new Map<string, KeptStream>();
  private keptStreamEvents = 0;
  /** factState's folds, by stream id: never trusted, only checked by the append that relies on them. */
  private readonly factFolds = new Map<string, CurrentState<unknown> & { readonly streamType: string }>();
  private readonly appendedListeners: Array<() => void> = [];

  /**
   * Calls `listener` after each append: this process's relay looks for new events at once
   * instead of waiting out its idle time. Inside a caller's transaction the call comes before
   * that transaction commits, so a listener allows a few milliseconds for it.
   */
  onAppended(listener: () => void): void {
    this.appendedListeners.push(listener);
  }

  private get table(): string {
    return `"${this.schema}".events`;
  }

  /**
   * A stream's events in their current shape (through the upcasters): what deciders, projections
   * and histories read. A whole long stream read outside a transaction is kept (see readKept).
   */
  async readStream(streamId: string, options: ReadOptions = {}, manager: EntityManager = this.dataSource.manager): Promise<EventEnvelope[]> {
    const whole = options.afterVersion === undefined && options.untilVersion === undefined && options.asOf === undefined;
    if (whole && this.outsideTransaction(manager)) return this.readKept(streamId);
    return (await this.readStoredStream(streamId, options, manager)).map((event) => this.upcasters.upcast(event));
  }

  /**
   * Reading a long stream again (a seal's life, a document's history) would fetch and parse every
   * event again: its events are kept after a read, and the next read asks the database in one
   * statement for the events after them and whether the kept rows are still the stored ones
   * (their count and the sum of their xmin). A row changed, removed or written again past the
   * immutability trigger, or a restore, shows there and the stream is read whole again: a read
   * never answers with what the database no longer holds, so tampering stays visible to readers.
   * Only committed rows are kept (a transaction's reads do not come here).
   */
  private async readKept(streamId: string): Promise<EventEnvelope[]> {
    return [...(await this.readKeptStream(streamId, false)).events];
  }

  /**
   * readKept's work; with `verify` (a command's fold) the stored rows are also checked against
   * their hash chain before they are upcast: a kept stream's once, then only the rows after it.
   */
  private async readKeptStream(streamId: string, verify: boolean): Promise<KeptStream> {
    const kept = this.keptStreams.get(streamId);
    let stream: KeptStream | undefined;
    if (kept && (kept.chain || !verify)) {
      const rows = await this.query<Partial<VersionedEventRow> & { kept_count: string; kept_row_versions: string | null }>(
        this.dataSource.manager,
        `SELECT kept.kept_count, kept.kept_row_versions, tail.*
           FROM (SELECT count(*) AS kept_count, sum(xmin::text::bigint) AS kept_row_versions FROM ${this.table} WHERE stream_id = $1 AND stream_version <= $2) kept
           LEFT JOIN LATERAL (SELECT ${STORED_EVENT_COLUMNS}, xmin::text AS row_version FROM ${this.table} WHERE stream_id = $1 AND stream_version > $2) tail ON true
          ORDER BY tail.stream_version`,
        [streamId, kept.events.at(-1)!.streamVersion],
      );
      const unchanged = Number(rows[0]!.kept_count) === kept.events.length && Number(rows[0]!.kept_row_versions) === kept.rowVersions;
      if (unchanged) {
        const tail = (rows as VersionedEventRow[]).filter((row) => row.event_id !== null);
        stream = tail.length === 0 ? kept : this.keptOf(tail, kept, verify);
      }
    }
    if (!stream) {
      const rows = await this.query<VersionedEventRow>(this.dataSource.manager, `SELECT ${STORED_EVENT_COLUMNS}, xmin::text AS row_version FROM ${this.table} WHERE stream_id = $1 ORDER BY stream_version`, [streamId]);
      stream = verify ? this.verifiedOf(streamId, rows) : this.keptOf(rows);
    }
    this.keep(streamId, stream);
    return stream;
  }

  /**
   * `rows` in their current shape after what `before` kept; where `before` was verified, the new
   * rows' chain is checked on from its head (as stored, before upcasting); a break throws for a
   * command's fold (`verify`) and leaves a reader's stream unverified.
   */
  private keptOf(rows: readonly VersionedEventRow[], before: KeptStream = { events: [], rowVersions: 0 }, verify = false): KeptStream {
    const stored = rows.map(rowToEnvelope);
    let chain: ChainHead | undefined;
    try {
      chain = before.chain === undefined ? undefined : this.checkStoredChain(before.chain, stored);
    } catch (error) {
      // a reader is answered with what the database holds; only a command's fold is refused
      if (verify) throw error;
    }
    const rowVersions = rows.reduce((sum, row) => sum + Number(row.row_version), before.rowVersions);
    const events = [...before.events, ...stored.map((event) => this.upcasters.upcast(event))];
    if (chain !== undefined) this.rememberVerified((stored[0] ?? before.events[0])!.streamId, { count: events.length, rowVersions, head: chain });
    return { events, rowVersions, ...(chain !== undefined && { chain }) };
  }

  /**
   * A stream read whole for a command, its stored chain verified: where this process verified it
   * before and its first rows are still those rows (their count and xmin sum, as ADR 0012 checks
   * kept streams), only the rows after them are checked; otherwise every row. A break throws.
   */
  private verifiedOf(streamId: string, rows: readonly VersionedEventRow[]): KeptStream {
    const stored = rows.map(rowToEnvelope);
    const known = this.verifiedChains.get(streamId);
    let from = 0;
    if (known && rows.length >= known.count && rows[known.count - 1]!.stream_version === known.head.version) {
      let prefix = 0;
      for (let index = 0; index < known.count; index++) prefix += Number(rows[index]!.row_version);
      if (prefix === known.rowVersions) from = known.count;
    }
    const chain = this.checkStoredChain(from > 0 ? known!.head : undefined, stored.slice(from));
    const rowVersions = rows.reduce((sum, row) => sum + Number(row.row_version), 0);
    if (chain !== undefined) this.rememberVerified(streamId, { count: rows.length, rowVersions, head: chain });
    return { events: stored.map((event) => this.upcasters.upcast(event)), rowVersions, ...(chain !== undefined && { chain }) };
  }

  /** The stored events' chain checked on from `head` (undefined: from the stream's start); the first break throws. */
  private checkStoredChain(head: ChainHead | undefined, stored: readonly EventEnvelope[]): ChainHead | undefined {
    let current = head;
    for (const event of stored) {
      const link = checkLink(current, event, this.algorithm);
      const chainBreak = link.breaks[0];
      if (chainBreak) {
        this.verifiedChains.delete(event.streamId);
        throw new StoredChainBroken({ streamType: event.streamType, streamId: event.streamId, chainBreak, eventId: event.eventId });
      }
      current = link.head;
    }
    return current;
  }

  private rememberVerified(streamId: string, verified: VerifiedChain): void {
    this.verifiedChains.delete(streamId);
    this.verifiedChains.set(streamId, verified);
    // the least recently verified go first: a Map iterates in insertion order
    if (this.verifiedChains.size > VERIFIED_CHAINS) this.verifiedChains.delete(this.verifiedChains.keys().next().value!);
  }

  /** Keeps a long stream as the most recently read, within KEPT_STREAM_EVENTS. */
  private keep(streamId: string, stream: KeptStream): void {
    const previous = this.keptStreams.get(streamId);
    if (previous) {
      this.keptStreams.delete(streamId);
      this.keptStreamEvents -= previous.events.length;
    }
    if (stream.events.length < LONG_STREAM) return;
    this.keptStreams.set(streamId, stream);
    this.keptStreamEvents += stream.events.length;
    // the least recently read go first: a Map iterates in insertion order
    for (const [oldestId, oldest] of this.keptStreams) {
      if (this.keptStreamEvents <= KEPT_STREAM_EVENTS) break;
      this.keptStreams.delete(oldestId);
      this.keptStreamEvents -= oldest.events.length;
    }
  }

  /** The whole store in position order, a page at a time (current shapes): what a read-model rebuild replays. */
  async readPage(afterPosition: number, limit: number, manager: EntityManager = this.dataSource.manager): Promise<{ readonly events: EventEnvelope[]; readonly lastPosition: number }> {
    const rows = await this.query<EventRow & { position: string }>(manager, `SELECT ${STORED_EVENT_COLUMNS}, position FROM ${this.table} WHERE position > $1 ORDER BY position LIMIT $2`, [afterPosition, limit]);
    return { events: rows.map((row) => this.upcasters.upcast(rowToEnvelope(row))), lastPosition: rows.length > 0 ? Number(rows[rows.length - 1]!.position) : afterPosition };
  }

  /** A stream's events exactly as stored: the form the hash chain covers and verifyChain checks. */
  async readStoredStream(streamId: string, options: ReadOptions = {}, manager: EntityManager = this.dataSource.manager): Promise<EventEnvelope[]> {
    const conditions = ['stream_id = $1'];
    const parameters: unknown[] = [streamId];
    if (options.afterVersion !== undefined) {
      parameters.push(options.afterVersion);
      conditions.push(`stream_version > $${parameters.length}`);
    }
    if (options.untilVersion !== undefined) {
      parameters.push(options.untilVersion);
      conditions.push(`stream_version <= $${parameters.length}`);
    }
    if (options.asOf !== undefined) {
      parameters.push(options.asOf);
      conditions.push(`recorded_at <= $${parameters.length}`);
    }
    const rows = await this.query<EventRow>(manager, `SELECT ${STORED_EVENT_COLUMNS} FROM ${this.table} WHERE ${conditions.join(' AND ')} ORDER BY stream_version`, parameters);
    return rows.map(rowToEnvelope);
  }

  /**
   * Reads a stream (up to a version or an instant) and folds the events of the decider's
   * stream type: what every service's reads and pre-command facts need.
   */
  async foldStream<E extends DomainEvent, S>(
    decider: Pick<Decider<never, E, S>, 'streamType' | 'initialState' | 'evolve'>,
    streamId: string,
    options: ReadOptions = {},
  ): Promise<FoldedStream<S>> {
    const events = (await this.readStream(streamId, options)).filter((event) => event.streamType === decider.streamType);
    const domainEvents = events.map((event) => ({ type: event.type, data: event.data, schemaVersion: event.schemaVersion }) as E);
    return { state: fold(decider, domainEvents), version: events.at(-1)?.streamVersion ?? 0, events };
  }

  /**
   * A stream's current state and head, for deciding a command. Long streams (a year's number
   * ledger, a seal's life) would be read and folded whole on every command, slower as they
   * grow: their last fold is kept per process, and only the events after it are read and
   * folded on. Stored events never change, so a kept fold is never wrong, only behind.
   * With `verify` (the command path, AUD-10) the stored chain is checked as it is folded: a kept
   * fold's rows once per process, then only the events after it; a stream read whole, the rows
   * this process has not verified in that state before. Onto a broken chain nothing is decided:
   * StoredChainBroken (409 COMMON.STREAM_CHAIN_BROKEN).
   */
  async currentState<E extends DomainEvent, S>(
    decider: Pick<Decider<never, E, S>, 'streamType' | 'initialState' | 'evolve'>,
    streamId: string,
    options: CurrentStateOptions = {},
  ): Promise<CurrentState<S>> {
    const key = `${decider.streamType}\u0000${streamId}`;
    let kept = this.keptFolds.get(key) as KeptFold<S> | undefined;
    // a fold kept by a reader was never verified: a command reads the stream whole once
    if (options.verify && kept && !kept.chain) kept = undefined;
    let events: readonly EventEnvelope[];
    let chain: ChainHead | undefined;
    if (kept) {
      const stored = await this.readStoredStream(streamId, { afterVersion: kept.head.version });
      // AUD-10 on a kept fold: its rows were verified once; only the events after it are checked
      if (kept.chain) chain = options.verify ? this.checkStoredChain(kept.chain, stored) : this.quietlyChecked(kept.chain, stored);
      events = stored.map((event) => this.upcasters.upcast(event));
    } else if (options.verify) {
      ({ events, chain } = await this.readKeptStream(streamId, true));
    } else {
      events = await this.readStream(streamId);
    }
    const state = events
      .filter((event) => event.streamType === decider.streamType)
      .reduce((folded, event) => decider.evolve(folded, { type: event.type, data: event.data, schemaVersion: event.schemaVersion } as E), kept?.state ?? decider.initialState());
    const current: CurrentState<S> = { state, head: events.length > 0 ? EventStore.headOf(events) : (kept?.head ?? EMPTY_STREAM) };
    this.keptFolds.delete(key);
    if (current.head.version >= LONG_STREAM) {
      this.keptFolds.set(key, { ...current, ...(chain !== undefined && { chain }) });
      // the oldest used goes first: a Map iterates in insertion order
      if (this.keptFolds.size > KEPT_FOLDS) this.keptFolds.delete(this.keptFolds.keys().next().value!);
    }
    return current;
  }

  /**
   * Another stream's state that a decision takes facts from (the seal an application is for),
   * without a round trip of its own: its last fold in this process, checked by the append that
   * records the decision (`factsAt`), which refuses it if the stream moved since (FactStreamMoved).
   * `kept` says the state came from that fold, unread: a refusal decided on it may be a stale one,
   * so the caller decides again on a `fresh` read. A stream with no events is never kept.
   */
  async factState<E extends DomainEvent, S>(
    decider: Pick<Decider<never, E, S>, 'streamType' | 'initialState' | 'evolve'>,
    streamId: string,
    fresh: boolean,
  ): Promise<{ current: CurrentState<S>; kept: boolean }> {
    const kept = this.factFolds.get(streamId);
    this.factFolds.delete(streamId);
    if (kept?.streamType === decider.streamType && !fresh) {
      this.factFolds.set(streamId, kept);
      return { current: kept as CurrentState<unknown> as CurrentState<S>, kept: true };
    }
    const current = await this.currentState(decider, streamId);
    if (current.head.version > 0) {
      this.factFolds.set(streamId, { ...current, streamType: decider.streamType });
      // the oldest used goes first: a Map iterates in insertion order
      if (this.factFolds.size > FACT_FOLDS) this.factFolds.delete(this.factFolds.keys().next().value!);
    }
    return { current, kept: false };
  }

  /** A reader's check of a kept fold's new events: a break leaves the fold unverified (the next command reads it whole). */
  private quietlyChecked(head: ChainHead, stored: readonly EventEnvelope[]): ChainHead | undefined {
    try {
      return this.checkStoredChain(head, stored);
    } catch {
      return undefined;
    }
  }

  /**
   * Seals the events into the stream's hash chain and inserts them in one statement, together
   * with the statements `alongside` makes of the sealed events (statement projections, the
   * idempotency record): one round trip, atomic even without a transaction.
   */
  async append(
    request: AppendRequest,
    manager: EntityManager = this.dataSource.manager,
    alongside: (envelopes: readonly EventEnvelope[]) => readonly ProjectionStatement[] = () => [],
  ): Promise<EventEnvelope[]> {
    const envelopes: EventEnvelope[] = [];
    let head = request.expected;
    for (const event of request.events) {
      const envelope = sealEnvelope(
        {
          // time-ordered (UUIDv7): the event_id index grows at its right edge instead of everywhere
          eventId: timeOrderedId(),
          streamType: request.streamType,
          streamId: request.streamId,
          streamVersion: head.version + 1,
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          data: event.data,
          metadata: request.metadata,
          recordedAt: request.recordedAt,
          prevHash: head.hash,
        },
        this.algorithm,
      );
      envelopes.push(envelope);
      head = { version: envelope.streamVersion, hash: envelope.hash };
    }
    const statements = [...(envelopes.length > 0 ? [this.insertOf(envelopes)] : []), ...alongside(envelopes)];
    if (statements.length === 0) return envelopes;
    const facts = request.factsAt ?? [];
    // the facts' streams are checked in the same statement: what it writes and what it relied on are one snapshot
    const factCheck = facts.length > 0 ? { sql: `SELECT "${this.schema}".expect_stream_heads($1::text[], $2::integer[])`, parameters: [facts.map((fact) => fact.streamId), facts.map((fact) => fact.version)] } : undefined;
    const statement = statements.length === 1 && !factCheck ? statements[0]! : combineStatements(statements, factCheck);
    try {
      await this.query(manager, statement.sql, statement.parameters);
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === UNIQUE_VIOLATION && String(constraint).includes('stream_version')) {
        throw versionConflict(request.streamId, request.expected.version);
      }
      // the function names the stream that moved in the error's detail
      if (code === FACT_STREAM_MOVED_SQLSTATE) throw new FactStreamMoved(String((error as { detail?: string }).detail));
      throw error;
    }
    // this process's own append to a stream others take facts from: the next decision reads it
    this.factFolds.delete(request.streamId);
    if (envelopes.length > 0) for (const listener of this.appendedListeners) listener();
    return envelopes;
  }

  /**
   * Outside a caller's transaction a statement goes straight to the pg pool under the DataSource:
   * a TypeORM query runner per statement is client CPU the one-round-trip append cannot afford
   * (issue 9, figure 1), and as a prepared statement the server does not parse and plan it again.
   * Inside one, it runs on the transaction's connection.
   */
  private async query<R>(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<R[]> {
    if (!this.outsideTransaction(manager)) return manager.query(sql, [...parameters]);
    return (await poolOf(this.dataSource).query({ name: preparedName(sql), text: sql, values: [...parameters] })).rows as R[];
  }

  private outsideTransaction(manager: EntityManager): boolean {
    return !manager.queryRunner && manager.connection === this.dataSource;
  }

  private insertOf(envelopes: readonly EventEnvelope[]): ProjectionStatement {
    const parameters: unknown[] = [];
    const tuples = envelopes.map((e) => {
      const values = [e.eventId, e.streamType, e.streamId, e.streamVersion, e.type, e.schemaVersion, JSON.stringify(e.data), e.dataDigest, JSON.stringify(e.metadata), e.recordedAt, e.prevHash, e.hash];
      return `(${values.map((value) => `$${parameters.push(value)}`).join(', ')})`;
    });
    return { sql: `INSERT INTO ${this.table} (${EVENT_COLUMNS}) VALUES ${tuples.join(', ')}`, parameters };
  }

  static headOf(events: readonly EventEnvelope[]): StreamHead {
    const last = events[events.length - 1];
    return last ? { version: last.streamVersion, hash: last.hash } : EMPTY_STREAM;
  }
}
