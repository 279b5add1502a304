import type { DataSource } from 'typeorm';
import { RuleViolation, type Command, type Decider, type DomainEvent } from '@oa/core';
import { testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource } from '../database/data-source';
import { EventStore } from '../event-store/event-store';
import { CommandHandling } from './handle-command';

type Count = Command<'Count', { by: number }>;
type Counted = DomainEvent<'Counted', { by: number }>;
/** A counter that refuses negative steps and ignores a step of zero (a no-op). */
const counter: Decider<Count, Counted, number> = {
  streamType: 'counter',
  initialState: () => 0,
  decide: (command) => {
    if (command.data.by < 0) throw new RuleViolation('TEST-1', 'invalid', '不能倒数');
    return command.data.by === 0 ? [] : [{ type: 'Counted', data: { by: command.data.by } }];
  },
  evolve: (state, event) => state + event.data.by,
};
const count = (by: number): Count => ({ type: 'Count', data: { by }, metadata: { actor: { id: 'u-1', name: '赵六', roles: ['handler'] }, now: new Date().toISOString(), requestId: 'r-1' } });

describe('CommandHandling (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let handling: CommandHandling;
  let store: EventStore;

  beforeAll(async () => {
    const schema = uniqueName('commands');
    dataSource = await openServiceDataSource({ url: testRun().databaseUrl, schema });
    store = new EventStore(dataSource, schema);
    handling = new CommandHandling(dataSource, store);
  });
  afterAll(() => dataSource.destroy());

  it('returns the first result for a retried Idempotency-Key and appends nothing new', async () => {
    const first = await handling.handle({ decider: counter, streamId: 'c-idem', command: count(2), idempotencyKey: 'key-1' });
    const retried = await Promise.all([1, 2, 3].map(() => handling.handle({ decider: counter, streamId: 'c-idem', command: count(2), idempotencyKey: 'key-1' })));
    expect(retried).toEqual([first, first, first]);
    expect(await store.readStream('c-idem')).toHaveLength(1);
  });

  it('refuses a reused Idempotency-Key with a different request body', async () => {
    await handling.handle({ decider: counter, streamId: 'c-reuse', command: count(1), idempotencyKey: 'key-2' });
    await expect(handling.handle({ decider: counter, streamId: 'c-reuse', command: count(5), idempotencyKey: 'key-2' })).rejects.toMatchObject({ code: 'COMMON.IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream('c-reuse')).toHaveLength(1);
  });

  it('answers a stale If-Match with a version conflict and writes nothing', async () => {
    await handling.handle({ decider: counter, streamId: 'c-match', command: count(1) });
    await expect(handling.handle({ decider: counter, streamId: 'c-match', command: count(1), expectedVersion: 0 })).rejects.toMatchObject({ code: 'COMMON.VERSION_CONFLICT', kind: 'conflict' });
    expect(await store.readStream('c-match')).toHaveLength(1);
  });

  it('appends nothing for a command that decides nothing, and nothing for a refused one', async () => {
    await handling.handle({ decider: counter, streamId: 'c-noop', command: count(3) });
    const noop = await handling.handle({ decider: counter, streamId: 'c-noop', command: count(0) });
    expect(noop).toEqual({ streamId: 'c-noop', version: 1, events: [] });
    await expect(handling.handle({ decider: counter, streamId: 'c-noop', command: count(-1) })).rejects.toMatchObject({ code: 'TEST-1' });
    expect(await store.readStream('c-noop')).toHaveLength(1);
  });

  it('runs inline projections in the same transaction: a failing projection leaves no event behind', async () => {
    const failing = async () => {
      throw new Error('read model unavailable');
    };
    await expect(handling.handle({ decider: counter, streamId: 'c-atomic', command: count(1), projections: [failing] })).rejects.toThrow('read model unavailable');
    expect(await store.readStream('c-atomic')).toHaveLength(0);
  });
});
