import { BoundedCalls, expectRecovered } from './support/database-outage';
import { PrivatePostgres } from './support/private-postgres';
import { scaled } from './support/summary';
import { SERVICES, startStack, type Stack } from './support/stack';
import { Workload } from './support/workload';

/**
 * Issue 10, scenario 3: PostgreSQL is restarted (an immediate stop: every connection cut)
 * under mixed load. Requests meanwhile fail cleanly — 503 with a code, no 500, no answer
 * later than the bound — the services reconnect on their own, and afterwards the checks of
 * scenario 1 hold. The server is one of the scenario's own, never the shared one.
 */
describe('reliability 3: database restart', () => {
  const postgres = new PrivatePostgres();
  let stack: Stack;

  beforeAll(async () => {
    const databaseUrl = await postgres.start('reliability');
    // errors logged: an unclean answer's stack (ProblemDetails) shows in the output
    stack = await startStack('dbrestart', SERVICES, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' });
  }, 300_000);

  afterAll(async () => {
    try {
      await stack?.close();
    } finally {
      await postgres.stop();
    }
  }, 120_000);

  it('answers 503 with a code while the database is away, reconnects, and loses nothing', async () => {
    const calls = new BoundedCalls(stack.call);
    const workload = await new Workload(calls.bounded, stack.token).prepare();
    const workflows = scaled(100);
    const load = workload.run(workflows, 6);
    while (workload.commandCount < workflows * 2) await new Promise((resolve) => setTimeout(resolve, 50));
    await postgres.restart();
    const restartedAt = workload.commandCount;
    await load;
    await expectRecovered(stack, calls, workload, '3 database restart', { restartedAtCommand: restartedAt });
  }, 1_800_000);
});
