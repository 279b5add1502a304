import type { DataSource } from 'typeorm';
import { GENESIS_HASH, isRuleViolation, verifyChain, type EventMetadata } from '@oa/core';
import { testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource, poolOf } from '../database/data-source';
import { EMPTY_STREAM, EventStore } from './event-store';

const metadata: EventMetadata = { actor: { id: 'u-1', name: '李四', roles: ['sealKeeper'], orgUnit: '办公室' }, requestId: 'req-1' };
const event = (n: number) => ({ type: 'SealRegistered', data: { n, name: '中共某某县委员会办公室印章' } });

describe('EventStore (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let store: EventStore;
  const schema = uniqueName('store');

  beforeAll(async () => {
    dataSource = await openServiceDataSource({ url: testRun().databaseUrl, schema });
    store = new EventStore(dataSource, schema);
  });
  afterAll(() => dataSource.destroy());

  it('appends a stream atomically and reads it back whole, up to a version and as of an instant', async () => {
    const first = await store.append({ streamType: 'seal', streamId: 's-read', expected: EMPTY_STREAM, events: [event(1), event(2)], metadata, recordedAt: '2024-07-01T08:00:00.120Z' });
    await store.append({ streamType: 'seal', streamId: 's-read', expected: EventStore.headOf(first), events: [event(3)], metadata, recordedAt: '2024-07-02T08:00:00.000Z' });

    const all = await store.readStream('s-read');
    expect(all.map((e) => [e.streamVersion, e.data])).toEqual([
      [1, { n: 1, name: '中共某某县委员会办公室印章' }],
      [2, { n: 2, name: '中共某某县委员会办公室印章' }],
      [3, { n: 3, name: '中共某某县委员会办公室印章' }],
    ]);
    expect(all[0]!.prevHash).toBe(GENESIS_HASH);
    expect(all[0]!.metadata).toEqual(metadata);
    // read back exactly as sealed: recordedAt is the text the hash covers, to the millisecond
    expect(all.slice(0, 2)).toEqual(first);
    expect(all[0]!.recordedAt).toBe('2024-07-01T08:00:00.120Z');
    expect((await store.readStream('s-read', { untilVersion: 2 })).length).toBe(2);
    expect((await store.readStream('s-read', { asOf: '2024-07-01T23:59:59.999Z' })).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('continues the fold of a long stream from its last one, reading only the events after it', async () => {
    const counter = { streamType: 'seal', initialState: () => ({ sum: 0, count: 0 }), evolve: (state: { sum: number; count: number }, e: { data: unknown }) => ({ sum: state.sum + (e.data as { n: number }).n, count: state.count + 1 }) };
    const long = await store.append({ streamType: 'seal', streamId: 's-long', expected: EMPTY_STREAM, events: Array.from({ length: 60 }, (_, n) => event(n + 1)), metadata, recordedAt: '2024-07-01T08:00:00.000Z' });
    expect(await store.currentState(counter, 's-long')).toEqual({ state: { sum: 1830, count: 60 }, head: EventStore.headOf(long) });
    const more = await store.append({ streamType: 'seal', streamId: 's-long', expected: EventStore.headOf(long), events: [event(100)], metadata, recordedAt: '2024-07-02T08:00:00.000Z' });
    const read = jest.spyOn(store, 'readStoredStream');
    try {
      expect(await store.currentState(counter, 's-long')).toEqual({ state: { sum: 1930, count: 61 }, head: EventStore.headOf(more) });
      expect(read).toHaveBeenCalledWith('s-long', { afterVersion: 60 });
      expect((await read.mock.results[0]!.value).map((e: { streamVersion: number }) => e.streamVersion)).toEqual([61]);
    } finally {
      read.mockRestore();
    }
    // a short stream is read whole each time, and a new one starts from the initial state
    expect(await store.currentState(counter, 's-none')).toEqual({ state: { sum: 0, count: 0 }, head: EMPTY_STREAM });
  });

  it('keeps a long stream after a whole read, then reads only its new events, and never what the database no longer holds', async () => {
    const table = `"${schema}".events`;
    const long = await store.append({ streamType: 'seal', streamId: 's-kept', expected: EMPTY_STREAM, events: Array.from({ length: 60 }, (_, n) => event(n + 1)), metadata, recordedAt: '2024-07-01T08:00:00.000Z' });
    expect(await store.readStream('s-kept')).toEqual(long);
    const more = await store.append({ streamType: 'seal', streamId: 's-kept', expected: EventStore.headOf(long), events: [event(61)], metadata, recordedAt: '2024-07-02T08:00:00.000Z' });
    const query = jest.spyOn(poolOf(dataSource), 'query');
    try {
      expect(await store.readStream('s-kept')).toEqual([...long, ...more]);
      // one statement: the kept rows' check and the one event after them
      expect(query).toHaveBeenCalledTimes(1);
      expect(query.mock.calls[0]![0]).toMatchObject({ text: expect.stringContaining('kept_count') });
      expect((await query.mock.results[0]!.value).rows).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
    // a row changed past the trigger (a tamperer with the rights to do it): the read shows the change
    const tamper = (sql: string) =>
      dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL session_replication_role = replica`);
        await manager.query(sql);
      });
    await tamper(`UPDATE ${table} SET data = '{"n": 999}' WHERE stream_id = 's-kept' AND stream_version = 10`);
    const tampered = await store.readStream('s-kept');
    expect(tampered[9]!.data).toEqual({ n: 999 });
    expect(verifyChain(tampered)).not.toEqual([]);
    await tamper(`DELETE FROM ${table} WHERE stream_id = 's-kept' AND stream_version = 20`);
    expect((await store.readStream('s-kept')).map((e) => e.streamVersion)).not.toContain(20);
    // a transaction's read is not kept: events it appended and rolled back are never read again
    await expect(
      dataSource.transaction(async (manager) => {
        await store.append({ streamType: 'seal', streamId: 's-kept-rolled-back', expected: EMPTY_STREAM, events: Array.from({ length: 60 }, (_, n) => event(n + 1)), metadata, recordedAt: '2024-07-01T08:00:00.000Z' }, manager);
        expect(await store.readStream('s-kept-rolled-back', {}, manager)).toHaveLength(60);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store.readStream('s-kept-rolled-back')).toEqual([]);
  });

  it('lets exactly one of two concurrent appends with the same expected version win', async () => {
    const [head] = await store.append({ streamType: 'seal', streamId: 's-race', expected: EMPTY_STREAM, events: [event(1)], metadata, recordedAt: '2024-07-01T08:00:00.000Z' });
    const expected = EventStore.headOf([head!]);
    const outcomes = await Promise.allSettled(
      [1, 2].map((writer) =>
        dataSource.transaction((manager) => store.append({ streamType: 'seal', streamId: 's-race', expected, events: [event(10 + writer)], metadata, recordedAt: '2024-07-01T09:00:00.000Z' }, manager)),
      ),
    );
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(isRuleViolation(refused[0]!.reason) && refused[0]!.reason.code).toBe('COMMON.VERSION_CONFLICT');
    expect(isRuleViolation(refused[0]!.reason) && refused[0]!.reason.kind).toBe('conflict');
    expect((await store.readStream('s-race')).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the events table, even in raw SQL', async () => {
    await store.append({ streamType: 'seal', streamId: 's-immutable', expected: EMPTY_STREAM, events: [event(1)], metadata, recordedAt: '2024-07-01T08:00:00.000Z' });
    const table = `"${schema}".events`;
    await expect(dataSource.query(`UPDATE ${table} SET data = '{"n":2}' WHERE stream_id = 's-immutable'`)).rejects.toThrow(/immutable/);
    await expect(dataSource.query(`DELETE FROM ${table} WHERE stream_id = 's-immutable'`)).rejects.toThrow(/immutable/);
    await expect(dataSource.query(`TRUNCATE ${table}`)).rejects.toThrow(/immutable/);
    expect(await store.readStream('s-immutable')).toHaveLength(1);
  });

  it('stores rows whose hash chain a third party recomputes from the columns', async () => {
    let head = EMPTY_STREAM;
    for (let n = 1; n <= 5; n++) {
      const appended = await store.append({ streamType: 'seal', streamId: 's-chain', expected: head, events: [event(n)], metadata, recordedAt: `2024-07-0${n}T08:00:00.000Z` });
      head = EventStore.headOf(appended);
    }
    const rows = await store.readStream('s-chain');
    expect(verifyChain(rows)).toEqual([]);
    // A row altered behind the trigger's back (a superuser disabling it) is caught by the chain.
    const tampered = rows.map((row) => (row.streamVersion === 3 ? { ...row, data: { n: 33 } } : row));
    expect(verifyChain(tampered)).toContainEqual({ kind: 'dataDigestMismatch', streamVersion: 3 });
  });
});
