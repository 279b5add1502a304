import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProjectionStatement, StatementProjection } from './statement-projection';
import { RuleViolation, canonicalJson, isRuleViolation, type Command, type Decider, type DomainEvent, type EventEnvelope } from '@oa/core';
import { EMPTY_STREAM, EventStore, versionConflict } from '../event-store/event-store';
import type { CommandOutcome, ServiceMetrics } from '../observability/metrics';

/** An inline projection: updates the service's own read models in the append's transaction. */
export type InlineProjection = (manager: EntityManager, events: readonly EventEnvelope[]) => Promise<void>;

export interface CommandResult {
  readonly streamId: string;
  readonly version: number;
  readonly events: ReadonlyArray<{ readonly eventId: string; readonly type: string }>;
}

export interface HandleCommandRequest<C extends Command, E extends DomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly streamId: string;
  readonly command: C;
  /** From the client's If-Match: a stream that moved since is a conflict, not an overwrite. */
  readonly expectedVersion?: number;
  readonly projections?: readonly InlineProjection[];
  /** Read models kept by statements that travel in the append's own statement (no transaction needed when there are no `projections`). */
  readonly statements?: readonly StatementProjection[];
  /** Idempotency-Key header: a retried request returns the first result and writes nothing. */
  readonly idempotencyKey?: string;
  /**
   * The stream id was just minted at random by the server (`newId` without an Idempotency-Key):
   * it has no history, so it is not read. Were it taken anyway, the (stream_id, stream_version)
   * key makes the append a version conflict, as for any concurrent writer.
   */
  readonly newStream?: boolean;
}

interface StoredResponse {
  request_hash: string;
  response: CommandResult;
}

/**
 * The one command path of every service: load the stream, fold it, decide, append with the
 * expected version, run the inline projections and record the idempotency key, all in one
 * transaction. A command that decides nothing appends nothing (a no-op, not an error).
 */
export class CommandHandling {
  constructor(
    private readonly dataSource: DataSource,
    readonly store: EventStore,
    private readonly metrics?: ServiceMetrics,
  ) {}

  /** Handles the command and counts it by type and outcome, and the events it committed. */
  async handle<C extends Command, E extends DomainEvent, S>(request: HandleCommandRequest<C, E, S>): Promise<CommandResult> {
    const count = (outcome: CommandOutcome) => this.metrics?.commands.inc({ type: request.command.type, outcome });
    try {
      const [result, outcome] = await this.decideAndAppend(request);
      count(outcome);
      if (outcome === 'accepted') this.metrics?.countAppended(result.events.map((event) => ({ streamType: request.decider.streamType, type: event.type })));
      return result;
    } catch (error) {
      count(!isRuleViolation(error) ? 'failed' : error.code === 'COMMON.VERSION_CONFLICT' ? 'conflict' : 'refused');
      throw error;
    }
  }

  private async decideAndAppend<C extends Command, E extends DomainEvent, S>(request: HandleCommandRequest<C, E, S>): Promise<[CommandResult, CommandOutcome]> {
    const requestHash = createHash('sha256').update(canonicalJson({ streamId: request.streamId, type: request.command.type, data: request.command.data })).digest('hex');
    const actorId = request.command.metadata.actor.id;
    if (request.idempotencyKey) {
      const earlier = await this.findIdempotent(actorId, request.idempotencyKey, requestHash);
      if (earlier) return [earlier, 'replayed'];
    }
    const { state, head } = request.newStream
      ? { state: request.decider.initialState(), head: EMPTY_STREAM }
      : await this.store.currentState(request.decider, request.streamId);
    if (request.expectedVersion !== undefined && request.expectedVersion !== head.version) {
      throw versionConflict(request.streamId, request.expectedVersion, head.version);
    }
    const events = request.decider.decide(request.command, state);
    const { metadata } = request.command;
    const resultOf = (appended: readonly EventEnvelope[]): CommandResult => ({
      streamId: request.streamId,
      version: appended.at(-1)?.streamVersion ?? head.version,
      events: appended.map((event) => ({ eventId: event.eventId, type: event.type })),
    });
    // statement projections and the idempotency record go out in the append's one statement
    const alongside = (appended: readonly EventEnvelope[]): ProjectionStatement[] => [
      ...(request.statements ?? []).flatMap((project) => project(appended)),
      ...(request.idempotencyKey
        ? [{ sql: `INSERT INTO "${this.store.schema}".idempotency_keys (key, actor_id, request_hash, status, response) VALUES ($1, $2, $3, $4, $5)`, parameters: [request.idempotencyKey, actorId, requestHash, 201, JSON.stringify(resultOf(appended))] }]
        : []),
    ];
    const write = async (manager: EntityManager): Promise<CommandResult> => {
      const appended = await this.store.append(
        {
          streamType: request.decider.streamType,
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
        },
        manager,
        alongside,
      );
      for (const project of request.projections ?? []) await project(manager, appended);
      return resultOf(appended);
    };
    try {
      // without code projections the one statement is the whole write: atomic, one round trip
      const result = (request.projections ?? []).length > 0 ? await this.dataSource.transaction(write) : await write(this.dataSource.manager);
      return [result, result.events.length > 0 ? 'accepted' : 'noop'];
    } catch (error) {
      // Two retries of one request raced: the first one's result is the answer for both.
      if (request.idempotencyKey && (error as { constraint?: string }).constraint === 'idempotency_keys_pkey') {
        const earlier = await this.findIdempotent(actorId, request.idempotencyKey, requestHash);
        if (earlier) return [earlier, 'replayed'];
      }
      throw error;
    }
  }

  private async findIdempotent(actorId: string, key: string, requestHash: string): Promise<CommandResult | undefined> {
    const rows: StoredResponse[] = await this.dataSource.query(
      `SELECT request_hash, response FROM "${this.store.schema}".idempotency_keys WHERE actor_id = $1 AND key = $2`,
      [actorId, key],
    );
    const earlier = rows[0];
    if (!earlier) return undefined;
    if (earlier.request_hash !== requestHash) {
      throw new RuleViolation('COMMON.IDEMPOTENCY_KEY_REUSED', 'unprocessable', '幂等键已被另一请求使用', `Idempotency-Key ${key} 已用于内容不同的另一请求`);
    }
    return earlier.response;
  }
}
