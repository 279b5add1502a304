import type { FileStore } from '../files/file-store';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProjectionStatement } from './statement-projection';
import { RuleViolation, canonicalJson, isRuleViolation, type Command, type DomainEvent, type EventEnvelope } from '@oa/core';
import { EMPTY_STREAM, EventStore, FactStreamMoved, StoredChainBroken, versionConflict, type FactHead, type StreamHead } from '../event-store/event-store';
import { SECURITY_STREAM_TYPE } from '../auth/security-log';
import type { CommandOutcome, ServiceMetrics } from '../observability/metrics';
import type { FactsContext, StreamType } from './stream-type';

/** An inline projection: updates the service's own read models in the append's transaction. */
export type InlineProjection = (manager: EntityManager, events: readonly EventEnvelope[]) => Promise<void>;

/** What a command did: the stream's version after it, the events it appended (none for a no-op) and the state they led to. */
export interface CommandResult<S = unknown> {
  readonly streamId: string;
  readonly version: number;
  readonly events: readonly EventEnvelope[];
  readonly state: S;
}

export interface HandleCommandRequest<C extends Command, E extends DomainEvent, S, R extends Command> {
  readonly stream: StreamType<C, E, S, R, string>;
  readonly streamId: string;
  /** As requested: the stream type's facts loader completes it after the stream is loaded. */
  readonly command: R;
  /** From the client's If-Match: a stream that moved since is a conflict, not an overwrite. */
  readonly expectedVersion?: number;
  /** Idempotency-Key header: a retried request returns the first result and writes nothing. */
  readonly idempotencyKey?: string;
  /**
   * The stream id was just minted at random by the server (`newId` without an Idempotency-Key):
   * it has no history, so it is not read. Were it taken anyway, the (stream_id, stream_version)
   * key makes the append a version conflict, as for any concurrent writer.
   */
  readonly newStream?: boolean;
  /** What this one request writes besides its events (a classified text kept beside its stream, COMMON-4), in the append's transaction. */
  readonly alongside?: readonly InlineProjection[];
}

/** The security event of a command refused onto a broken stored chain (AUD-10). */
export const STORED_CHAIN_BROKEN = 'StoredChainBroken';

/** Its data: the stream, the first break and the event at it, and the command refused. */
export interface StoredChainBrokenData {
  readonly streamType: string;
  readonly streamId: string;
  readonly eventId: string;
  readonly break: string;
  readonly streamVersion?: number;
  readonly commandType: string;
}

/** The first answer to an Idempotency-Key, without the state (folded again on a replay). */
type StoredResult = Omit<CommandResult, 'state'>;

interface StoredResponse {
  request_hash: string;
  response: StoredResult;
}

/**
 * The one command path of every service: load the stream once, load the facts its stream type
 * declares, decide, append with the expected version together with the inline projections and
 * the idempotency record — one statement, or one transaction when code projections run. A
 * command that decides nothing appends nothing (a no-op, not an error).
 */
export class CommandHandling {
  constructor(
    private readonly dataSource: DataSource,
    readonly store: EventStore,
    private readonly metrics?: ServiceMetrics,
    private readonly settings: object = {},
    private readonly files?: FileStore,
  ) {}

  /** Handles the command and counts it by type and outcome, and the events it committed. */
  async handle<C extends Command, E extends DomainEvent, S, R extends Command>(request: HandleCommandRequest<C, E, S, R>): Promise<CommandResult<S>> {
    const count = (outcome: CommandOutcome) => this.metrics?.commands.inc({ type: request.command.type, outcome });
    try {
      const [result, outcome] = await this.decideAndAppend(request);
      count(outcome);
      if (outcome === 'accepted') this.metrics?.countAppended(result.events.map((event) => ({ streamType: request.stream.decider.streamType, type: event.type })));
      return result;
    } catch (error) {
      count(!isRuleViolation(error) ? 'failed' : error.code === 'COMMON.VERSION_CONFLICT' ? 'conflict' : 'refused');
      throw error;
    }
  }

  private async decideAndAppend<C extends Command, E extends DomainEvent, S, R extends Command>(request: HandleCommandRequest<C, E, S, R>): Promise<[CommandResult<S>, CommandOutcome]> {
    const { decider } = request.stream;
    const requestHash = createHash('sha256').update(canonicalJson({ streamId: request.streamId, type: request.command.type, data: request.command.data })).digest('hex');
    if (request.idempotencyKey) {
      const earlier = await this.findIdempotent(request, requestHash);
      if (earlier) return [earlier, 'replayed'];
    }
    const { state, head } = request.newStream ? { state: decider.initialState(), head: EMPTY_STREAM } : await this.verifiedState(request);
    if (request.expectedVersion !== undefined && request.expectedVersion !== head.version) {
      throw versionConflict(request.streamId, request.expectedVersion, head.version);
    }
    return this.decideOn(request, state, head, requestHash, false);
  }

  /**
   * Facts, decision and append on the stream as loaded. Facts of other streams come from this
   * process's last fold of them (FactsContext.fact) and the append checks that they still stand;
   * where one had moved, or a refusal was decided on a kept one (it may be stale), the command is
   * decided once more on facts read now (`freshFacts`).
   */
  private async decideOn<C extends Command, E extends DomainEvent, S, R extends Command>(
    request: HandleCommandRequest<C, E, S, R>,
    state: S,
    head: StreamHead,
    requestHash: string,
    freshFacts: boolean,
  ): Promise<[CommandResult<S>, CommandOutcome]> {
    const { decider } = request.stream;
    // what the facts loader keeps beside the stream (a classified text it composed) is written in the append's transaction
    const keptByFacts: InlineProjection[] = [];
    const factsAt: FactHead[] = [];
    let keptFacts = false;
    const factsContext: FactsContext = {
      store: this.store,
      dataSource: this.dataSource,
      settings: this.settings,
      commands: this,
      ...(this.files && { files: this.files }),
      alongside: (write) => keptByFacts.push(write),
      fact: async (factDecider, streamId) => {
        const { current, kept } = await this.store.factState(factDecider, streamId, freshFacts);
        // the command's own stream is checked by its expected version already
        if (streamId !== request.streamId) factsAt.push({ streamId, version: current.head.version });
        keptFacts ||= kept;
        return current;
      },
    };
    let command: C;
    let events: readonly E[];
    try {
      command = request.stream.facts ? await request.stream.facts(request.command, state, factsContext) : (request.command as Command as C);
      events = decider.decide(command, state);
    } catch (error) {
      if (keptFacts && isRuleViolation(error)) return this.decideOn(request, state, head, requestHash, true);
      throw error;
    }
    const { metadata } = command;
    const actorId = metadata.actor.id;
    const readModels = request.stream.readModels ?? [];
    const projections = [...(request.alongside ?? []), ...keptByFacts, ...readModels.flatMap((readModel) => readModel.projections ?? [])];
    const storedOf = (appended: readonly EventEnvelope[]): StoredResult => ({ streamId: request.streamId, version: appended.at(-1)?.streamVersion ?? head.version, events: appended });
    // statement projections and the idempotency record go out in the append's one statement
    const alongside = (appended: readonly EventEnvelope[]): ProjectionStatement[] => [
      ...readModels.flatMap((readModel) => readModel.statements ?? []).flatMap((project) => project(appended)),
      ...(request.idempotencyKey
        ? [{ sql: `INSERT INTO "${this.store.schema}".idempotency_keys (key, actor_id, request_hash, status, response) VALUES ($1, $2, $3, $4, $5)`, parameters: [request.idempotencyKey, actorId, requestHash, 201, JSON.stringify(storedOf(appended))] }]
        : []),
    ];
    const write = async (manager: EntityManager): Promise<readonly EventEnvelope[]> => {
      const appended = await this.store.append(
        {
          streamType: decider.streamType,
          streamId: request.streamId,
          expected: head,
          events,
          recordedAt: metadata.now,
          metadata: {
            actor: metadata.actor,
            ...(metadata.requestId && { requestId: metadata.requestId }),
            ...(metadata.correlationId && { correlationId: metadata.correlationId }),
            ...(metadata.causationId && { causationId: metadata.causationId }),
            ...(metadata.clientAddress && { clientAddress: metadata.clientAddress }),
          },
          factsAt,
        },
        manager,
        alongside,
      );
      for (const project of projections) await project(manager, appended);
      return appended;
    };
    try {
      // without code projections the one statement is the whole write: atomic, one round trip
      const appended = projections.length > 0 ? await this.dataSource.transaction(write) : await write(this.dataSource.manager);
      const result = { ...storedOf(appended), state: events.reduce((folded, event) => decider.evolve(folded, event), state) };
      return [result, appended.length > 0 ? 'accepted' : 'noop'];
    } catch (error) {
      if (error instanceof FactStreamMoved) {
        if (!freshFacts) return this.decideOn(request, state, head, requestHash, true);
        // moved again between the fresh read and the append: another writer is busy on it
        throw versionConflict(error.streamId, factsAt.find((fact) => fact.streamId === error.streamId)?.version ?? 0);
      }
      // Two retries of one request raced: the first one's result is the answer for both.
      if (request.idempotencyKey && (error as { constraint?: string }).constraint === 'idempotency_keys_pkey') {
        const earlier = await this.findIdempotent(request, requestHash);
        if (earlier) return [earlier, 'replayed'];
      }
      throw error;
    }
  }

  /**
   * AUD-10: the stream folded with its stored chain verified. Onto a broken chain nothing is
   * appended; the refusal is recorded as a StoredChainBroken security event (its own stream,
   * like AccessDenied) so the audit and the security auditor see that the store was changed.
   */
  private async verifiedState<C extends Command, E extends DomainEvent, S, R extends Command>(request: HandleCommandRequest<C, E, S, R>) {
    try {
      return await this.store.currentState(request.stream.decider, request.streamId, { verify: true });
    } catch (error) {
      if (error instanceof StoredChainBroken) await this.recordChainBroken(request.command, error);
      throw error;
    }
  }

  private async recordChainBroken(command: Command, refusal: StoredChainBroken): Promise<void> {
    const { streamType, streamId, chainBreak, eventId } = refusal.broken;
    const { metadata } = command;
    const data: StoredChainBrokenData = { streamType, streamId, eventId, break: chainBreak.kind, ...('streamVersion' in chainBreak && { streamVersion: chainBreak.streamVersion }), commandType: command.type };
    try {
      const appended = await this.store.append({
        streamType: SECURITY_STREAM_TYPE,
        streamId: `security-${this.store.schema}-${metadata.now.slice(0, 10)}-${randomUUID()}`,
        expected: EMPTY_STREAM,
        events: [{ type: STORED_CHAIN_BROKEN, data, schemaVersion: 1 }],
        recordedAt: metadata.now,
        metadata: {
          actor: metadata.actor,
          ...(metadata.requestId && { requestId: metadata.requestId }),
          ...(metadata.correlationId && { correlationId: metadata.correlationId }),
          ...(metadata.clientAddress && { clientAddress: metadata.clientAddress }),
        },
      });
      this.metrics?.countAppended(appended);
    } catch {
      // the refusal stands either way, as for a denial whose record fails (SecurityLog)
    }
  }

  /** The first answer to this request's Idempotency-Key, with the state as it stood then; a key reused for another request is refused. */
  private async findIdempotent<C extends Command, E extends DomainEvent, S, R extends Command>(request: HandleCommandRequest<C, E, S, R>, requestHash: string): Promise<CommandResult<S> | undefined> {
    const rows: StoredResponse[] = await this.dataSource.query(
      `SELECT request_hash, response FROM "${this.store.schema}".idempotency_keys WHERE actor_id = $1 AND key = $2`,
      [request.command.metadata.actor.id, request.idempotencyKey],
    );
    const earlier = rows[0];
    if (!earlier) return undefined;
    if (earlier.request_hash !== requestHash) {
      throw new RuleViolation('COMMON.IDEMPOTENCY_KEY_REUSED', 'unprocessable', '幂等键已被另一请求使用', `Idempotency-Key ${request.idempotencyKey} 已用于内容不同的另一请求`);
    }
    const { state } = await this.store.foldStream(request.stream.decider, earlier.response.streamId, { untilVersion: earlier.response.version });
    return { ...earlier.response, state };
  }
}
