import type { QueryConfig, QueryResult } from 'pg';
import type { DataSource } from 'typeorm';
import { RuleViolation, type Command, type Decider, type DomainEvent } from '@oa/core';
import { testRun, uniqueName } from '@oa/testing';
import { openServiceDataSource, poolOf } from '../database/data-source';
import { EventStore, STREAM_CHAIN_BROKEN } from '../event-store/event-store';
import { StoredChains } from '../event-store/chain-heads';
import { CommandHandling, STORED_CHAIN_BROKEN } from './handle-command';
import type { FactsContext } from './stream-type';
import type { StatementProjection } from './statement-projection';

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

  let schema: string;
  beforeAll(async () => {
    schema = uniqueName('commands');
    dataSource = await openServiceDataSource({ url: testRun().databaseUrl, schema });
    store = new EventStore(dataSource, schema);
    handling = new CommandHandling(dataSource, store);
  });
  afterAll(() => dataSource.destroy());

  describe('AUD-10 when a stream\'s stored rows were changed behind the trigger', () => {
    const tamper = (sql: string) =>
      dataSource.transaction(async (manager) => {
        // a superuser switching the refuse-change triggers off for the session
        await manager.query(`SET LOCAL session_replication_role = replica`);
        await manager.query(sql);
      });
    const handle = (streamId: string, by = 1) => handling.handle({ stream: { decider: counter }, streamId, command: count(by) });
    const chainBrokenEvents = async (streamId: string) =>
      (await dataSource.query(`SELECT data FROM "${schema}".events WHERE stream_type = 'securityLog' AND type = $1 AND data->>'streamId' = $2`, [STORED_CHAIN_BROKEN, streamId])) as Array<{ data: Record<string, unknown> }>;

    it('AUD-10 refuses the next command on a short stream with COMMON.STREAM_CHAIN_BROKEN, records it as a security event, and the chain heads show the stored hash', async () => {
      for (let n = 0; n < 3; n++) await handle('c-tampered');
      await tamper(`UPDATE "${schema}".events SET data = '{"by": 100}' WHERE stream_id = 'c-tampered' AND stream_version = 2`);
      await expect(handle('c-tampered')).rejects.toMatchObject({ code: STREAM_CHAIN_BROKEN, kind: 'conflict' });
      expect(await store.readStream('c-tampered')).toHaveLength(3);
      expect((await chainBrokenEvents('c-tampered')).map((row) => row.data)).toEqual([
        expect.objectContaining({ streamType: 'counter', streamId: 'c-tampered', streamVersion: 2, break: 'dataDigestMismatch', commandType: 'Count' }),
      ]);
      // a rewritten hash (the head's): the heads report what is stored, and the broken link
      await tamper(`UPDATE "${schema}".events SET hash = repeat('e', 64) WHERE stream_id = 'c-tampered' AND stream_version = 3`);
      await handle('c-untouched');
      const report = await new StoredChains(dataSource, schema).report('test', undefined);
      expect(report.streams.find((stream) => stream.streamId === 'c-tampered')).toMatchObject({ version: 3, hash: 'e'.repeat(64), broken: { kind: 'dataDigestMismatch', streamVersion: 2 } });
      expect(report.streams.find((stream) => stream.streamId === 'c-untouched')).toEqual(expect.not.objectContaining({ broken: expect.anything() }));
    });

    it('AUD-10 verifies a kept fold once, then only the events after it, and refuses a break among them', async () => {
      await handle('c-kept-verified', 1);
      for (let n = 0; n < 60; n++) await handle('c-kept-verified');
      const read = jest.spyOn(store, 'readStoredStream');
      try {
        await handle('c-kept-verified');
        // the kept fold (as the previous command found the stream): only the events after it are read and checked
        expect(read).toHaveBeenCalledWith('c-kept-verified', { afterVersion: 60 });
      } finally {
        read.mockRestore();
      }
      // another process appended a forged event after the fold: its link does not verify
      await tamper(`INSERT INTO "${schema}".events (event_id, stream_type, stream_id, stream_version, type, schema_version, data, data_digest, metadata, recorded_at, prev_hash, hash)
        SELECT gen_random_uuid(), stream_type, stream_id, 63, type, schema_version, data, data_digest, metadata, recorded_at, hash, repeat('f', 64) FROM "${schema}".events WHERE stream_id = 'c-kept-verified' AND stream_version = 62`);
      await expect(handle('c-kept-verified')).rejects.toMatchObject({ code: STREAM_CHAIN_BROKEN });
      expect((await chainBrokenEvents('c-kept-verified')).map((row) => row.data)).toEqual([expect.objectContaining({ streamVersion: 63, break: 'hashMismatch' })]);
    });
  });

  it('returns the first result for a retried Idempotency-Key and appends nothing new', async () => {
    const first = await handling.handle({ stream: { decider: counter }, streamId: 'c-idem', command: count(2), idempotencyKey: 'key-1' });
    const retried = await Promise.all([1, 2, 3].map(() => handling.handle({ stream: { decider: counter }, streamId: 'c-idem', command: count(2), idempotencyKey: 'key-1' })));
    expect(retried).toEqual([first, first, first]);
    expect(await store.readStream('c-idem')).toHaveLength(1);
  });

  it('refuses a reused Idempotency-Key with a different request body', async () => {
    await handling.handle({ stream: { decider: counter }, streamId: 'c-reuse', command: count(1), idempotencyKey: 'key-2' });
    await expect(handling.handle({ stream: { decider: counter }, streamId: 'c-reuse', command: count(5), idempotencyKey: 'key-2' })).rejects.toMatchObject({ code: 'COMMON.IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream('c-reuse')).toHaveLength(1);
  });

  it('answers a stale If-Match with a version conflict and writes nothing', async () => {
    await handling.handle({ stream: { decider: counter }, streamId: 'c-match', command: count(1) });
    await expect(handling.handle({ stream: { decider: counter }, streamId: 'c-match', command: count(1), expectedVersion: 0 })).rejects.toMatchObject({ code: 'COMMON.VERSION_CONFLICT', kind: 'conflict' });
    expect(await store.readStream('c-match')).toHaveLength(1);
  });

  it('appends nothing for a command that decides nothing, and nothing for a refused one', async () => {
    await handling.handle({ stream: { decider: counter }, streamId: 'c-noop', command: count(3) });
    const noop = await handling.handle({ stream: { decider: counter }, streamId: 'c-noop', command: count(0) });
    expect(noop).toEqual({ streamId: 'c-noop', version: 1, events: [], state: 3 });
    await expect(handling.handle({ stream: { decider: counter }, streamId: 'c-noop', command: count(-1) })).rejects.toMatchObject({ code: 'TEST-1' });
    expect(await store.readStream('c-noop')).toHaveLength(1);
  });

  it('loads the declared facts once the stream is loaded, and returns the appended events with their data and the new state', async () => {
    const seen: number[] = [];
    // the step requested is doubled by a fact read from the context's store: the stream's own version so far
    const doubling = {
      decider: counter,
      facts: async (request: Count, state: number, context: FactsContext): Promise<Count> => {
        seen.push(state, (await context.store.readStream('c-facts')).length);
        return { ...request, data: { by: request.data.by * 2 } };
      },
    };
    await handling.handle({ stream: doubling, streamId: 'c-facts', command: count(1) });
    const result = await handling.handle({ stream: doubling, streamId: 'c-facts', command: count(3) });
    expect(seen).toEqual([0, 0, 2, 1]);
    expect(result).toMatchObject({ streamId: 'c-facts', version: 2, state: 8, events: [{ streamVersion: 2, type: 'Counted', data: { by: 6 } }] });
  });

  it('writes what a facts loader keeps beside the stream in the append\'s transaction, and nothing for a refused command', async () => {
    await dataSource.query(`CREATE TABLE "${schema}".kept_texts (stream_id text, step integer)`);
    const keeping = {
      decider: counter,
      facts: async (request: Count, _state: number, context: FactsContext): Promise<Count> => {
        context.alongside(async (manager, events) => {
          await manager.query(`INSERT INTO "${schema}".kept_texts (stream_id, step) VALUES ($1, $2)`, [events[0]?.streamId ?? 'none', request.data.by]);
        });
        return request;
      },
    };
    await handling.handle({ stream: keeping, streamId: 'c-kept', command: count(2) });
    await expect(handling.handle({ stream: keeping, streamId: 'c-kept', command: count(-1) })).rejects.toMatchObject({ code: 'TEST-1' });
    expect(await dataSource.query(`SELECT stream_id, step FROM "${schema}".kept_texts`)).toEqual([{ stream_id: 'c-kept', step: 2 }]);
  });

  it('runs inline projections in the same transaction: a failing projection leaves no event behind', async () => {
    const failing = async () => {
      throw new Error('read model unavailable');
    };
    await expect(handling.handle({ stream: { decider: counter, readModels: [{ name: 'failing', tables: [], projections: [failing] }] }, streamId: 'c-atomic', command: count(1) })).rejects.toThrow('read model unavailable');
    expect(await store.readStream('c-atomic')).toHaveLength(0);
  });

  it('decides a stream the server just minted without reading it; one that existed anyway is a version conflict', async () => {
    await handling.handle({ stream: { decider: counter }, streamId: 'c-minted', command: count(1), newStream: true });
    expect(await store.readStream('c-minted')).toHaveLength(1);
    await expect(handling.handle({ stream: { decider: counter }, streamId: 'c-minted', command: count(1), newStream: true })).rejects.toMatchObject({ code: 'COMMON.VERSION_CONFLICT' });
    expect(await store.readStream('c-minted')).toHaveLength(1);
  });

  describe('facts of another stream: this process\'s last fold of it, checked by the append', () => {
    // the step is the leader's total less `less`: the counter refuses a negative one
    const following = (leaderId: string, less: number) => ({
      decider: counter,
      facts: async (request: Count, _state: number, context: FactsContext): Promise<Count> => ({ ...request, data: { by: (await context.fact(counter, leaderId)).state - less } }),
    });
    const follow = (leaderId: string, streamId: string, less = 5) => handling.handle({ stream: following(leaderId, less), streamId, command: count(0) });
    // another replica of the service, on the same schema
    const lead = (leaderId: string, by: number) => new CommandHandling(dataSource, new EventStore(dataSource, schema)).handle({ stream: { decider: counter }, streamId: leaderId, command: count(by) });

    it('decides on the kept fold without reading the fact\'s stream, and again on the stream read now once another process moved it', async () => {
      await lead('c-leader-1', 6);
      await follow('c-leader-1', 'c-follower-1');
      const reads = jest.spyOn(store, 'currentState');
      try {
        expect((await follow('c-leader-1', 'c-follower-2')).events).toMatchObject([{ data: { by: 1 } }]);
        expect(reads).not.toHaveBeenCalledWith(counter, 'c-leader-1');
        await lead('c-leader-1', 2);
        // kept: 6, so a step of 1; the append finds the leader at version 2 and the command is decided again on 8
        expect((await follow('c-leader-1', 'c-follower-3')).events).toMatchObject([{ data: { by: 3 } }]);
        expect(reads).toHaveBeenCalledWith(counter, 'c-leader-1');
      } finally {
        reads.mockRestore();
      }
      expect((await store.readStream('c-follower-3')).map((event) => event.data)).toEqual([{ by: 3 }]);
    });

    it('decides a refusal on a kept fold again on the stream read now: the fold may be behind', async () => {
      await lead('c-leader-2', 3);
      await expect(follow('c-leader-2', 'c-follower-4')).rejects.toMatchObject({ code: 'TEST-1' });
      await lead('c-leader-2', 4);
      // kept: 3, a step of -2, refused; read again: 7, a step of 2
      expect((await follow('c-leader-2', 'c-follower-5')).events).toMatchObject([{ data: { by: 2 } }]);
      // refused on the kept fold and on the stream read now: refused, nothing written
      await expect(follow('c-leader-2', 'c-follower-6', 10)).rejects.toMatchObject({ code: 'TEST-1' });
      expect(await store.readStream('c-follower-6')).toHaveLength(0);
    });
  });

  describe('statement projections: the read model and the idempotency record in the append\'s one statement', () => {
    const totals: StatementProjection = (events) =>
      events.length === 0
        ? []
        : [{ sql: `INSERT INTO "${schema}".totals (id, total, version) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET total = totals.total + EXCLUDED.total, version = EXCLUDED.version`, parameters: [events[0]!.streamId, events.reduce((sum, event) => sum + (event.data as { by: number }).by, 0), events.at(-1)!.streamVersion] }];
    const countedTotals = { decider: counter, readModels: [{ name: 'totals', tables: [], statements: [totals] }] };
    const total = async (id: string) => (await dataSource.query(`SELECT total, version FROM "${schema}".totals WHERE id = $1`, [id]))[0];
    const statementsSent: string[] = [];

    beforeAll(async () => {
      await dataSource.query(`CREATE TABLE "${schema}".totals (id text PRIMARY KEY, total integer NOT NULL, version integer NOT NULL)`);
      const query = dataSource.query.bind(dataSource);
      jest.spyOn(dataSource, 'query').mockImplementation((sql: string, parameters?: unknown[]) => {
        statementsSent.push(sql);
        return query(sql, parameters);
      });
      // the store sends its own statements on the pool under the DataSource
      const pool = poolOf(dataSource);
      const poolQuery = pool.query.bind(pool) as (statement: string | QueryConfig, parameters?: unknown[]) => Promise<QueryResult>;
      // as a text, or as a prepared statement's config
      jest.spyOn(pool, 'query').mockImplementation(((statement: string | QueryConfig, parameters?: unknown[]) => {
        statementsSent.push(typeof statement === 'string' ? statement : statement.text);
        return poolQuery(statement, parameters);
      }) as never);
    });
    afterAll(() => jest.restoreAllMocks());

    it('writes the event, the read model and the idempotency record in one statement, without a transaction', async () => {
      statementsSent.length = 0;
      await handling.handle({ stream: countedTotals, streamId: 'c-one', command: count(2), idempotencyKey: 'key-one' });
      // one read of the stream, one idempotency lookup, then one write
      expect(statementsSent.filter((sql) => /INSERT/.test(sql))).toEqual([expect.stringMatching(/^WITH s0 AS \(INSERT INTO .*events.*s1 AS \(INSERT INTO .*totals.*s2 AS \(INSERT INTO .*idempotency_keys/s)]);
      expect(statementsSent.some((sql) => /^(BEGIN|START TRANSACTION)/i.test(sql))).toBe(false);
      expect(await total('c-one')).toEqual({ total: 2, version: 1 });
      expect(await handling.handle({ stream: countedTotals, streamId: 'c-one', command: count(2), idempotencyKey: 'key-one' })).toMatchObject({ version: 1 });
      expect(await total('c-one')).toEqual({ total: 2, version: 1 });
    });

    it('is atomic: a conflict or a failing statement leaves neither event nor read model behind', async () => {
      await handling.handle({ stream: countedTotals, streamId: 'c-two', command: count(1) });
      await expect(handling.handle({ stream: countedTotals, streamId: 'c-two', command: count(5), expectedVersion: 0 })).rejects.toMatchObject({ code: 'COMMON.VERSION_CONFLICT' });
      const broken: StatementProjection = () => [{ sql: `UPDATE "${schema}".no_such_table SET x = 1`, parameters: [] }];
      await expect(handling.handle({ stream: { decider: counter, readModels: [{ name: 'totals', tables: [], statements: [totals, broken] }] }, streamId: 'c-two', command: count(5) })).rejects.toThrow(/no_such_table/);
      expect(await store.readStream('c-two')).toHaveLength(1);
      expect(await total('c-two')).toEqual({ total: 1, version: 1 });
    });

    it('two writers on one stream: exactly one wins, and the read model counts it once', async () => {
      // both decided on the empty stream (If-Match 0): whichever comes second conflicts, at the check or at the key
      const results = await Promise.allSettled([1, 2].map(() => handling.handle({ stream: countedTotals, streamId: 'c-race', command: count(3), expectedVersion: 0 })));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason)).toEqual([expect.objectContaining({ code: 'COMMON.VERSION_CONFLICT' })]);
      expect(await total('c-race')).toEqual({ total: 3, version: 1 });
    });
  });
});
