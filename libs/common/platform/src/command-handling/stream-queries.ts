import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore, historyOf, type HistoryEntry } from '../event-store/event-store';
import type { Command, DomainEvent } from '@oa/core';
import type { DeclaredStreamType, StreamType } from './stream-type';

/** An aggregate's state with the version it stands at (the ETag of a read). */
export interface Versioned<S> {
  readonly id: string;
  readonly version: number;
  readonly state: S;
}

/** Every domain library's empty state (libs/domain/README.md): a stream with no events, or none up to `asOf`. */
const isEmpty = (state: unknown): boolean => (state as { readonly status?: unknown }).status === 'empty';

/** An aggregate now, or as of an instant (only events recorded up to it are folded). */
export class StreamStateQuery<S> extends Query<Versioned<S>> {
  constructor(
    readonly stream: Pick<StreamType<Command, DomainEvent, S, Command, string>, 'decider' | 'notFound'>,
    readonly streamId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** An aggregate's events, with actor and time: what auditors replay. */
export class StreamHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly stream: Pick<DeclaredStreamType, 'decider' | 'notFound'>,
    readonly streamId: string,
  ) {
    super();
  }
}

function notFound(stream: Pick<DeclaredStreamType, 'decider' | 'notFound'>, streamId: string, asOf?: string): Error {
  return stream.notFound?.(streamId, asOf) ?? new Error(`${stream.decider.streamType} ${streamId} 不存在`);
}

@QueryHandler(StreamStateQuery)
export class StreamStateQueryHandler implements IQueryHandler<StreamStateQuery<unknown>> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute(query: StreamStateQuery<unknown>): Promise<Versioned<unknown>> {
    const { stream } = query;
    const { state, version } = await this.store.foldStream(stream.decider, query.streamId, query.asOf === undefined ? {} : { asOf: query.asOf });
    if (isEmpty(state)) throw notFound(stream, query.streamId, query.asOf);
    return { id: query.streamId, version, state };
  }
}

@QueryHandler(StreamHistoryQuery)
export class StreamHistoryQueryHandler implements IQueryHandler<StreamHistoryQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute(query: StreamHistoryQuery): Promise<HistoryEntry[]> {
    const { events } = await this.store.foldStream(query.stream.decider, query.streamId);
    if (events.length === 0) throw notFound(query.stream, query.streamId);
    return historyOf(events);
  }
}

