import { BoundedCalls, expectRecovered } from './support/database-outage';
import { PrivatePostgres } from './support/private-postgres';
import { scaled } from './support/summary';
import { SERVICES, startStack, type Stack } from './support/stack';
import { SwitchableAddress } from './support/switchable-address';
import { Workload } from './support/workload';

/**
 * Issue 29, scenario 11: PostgreSQL with a synchronous streaming standby (pg_basebackup, a
 * server and a port of the scenario's own). Under mixed load, while the relays publish and the
 * audit consumes, the primary dies (an immediate stop), the standby is promoted and the database
 * address moves to it. Requests meanwhile fail cleanly (503 with a code); afterwards no
 * acknowledged command is missing, and every stored event is on its topic once, in stream
 * order, and in the audit once: the relays resume from the checkpoints the standby holds
 * (ADR 0020).
 */
describe('reliability 11: PostgreSQL fails over to a promoted standby', () => {
  const primary = new PrivatePostgres();
  let standby: PrivatePostgres | undefined;
  let address: SwitchableAddress | undefined;
  let stack: Stack;

  beforeAll(async () => {
    const direct = await primary.start('reliability');
    standby = await primary.standby();
    address = new SwitchableAddress(primary.listeningPort);
    const port = await address.listen();
    stack = await startStack('dbfailover', SERVICES, { DATABASE_URL: direct.replace(`:${primary.listeningPort}/`, `:${port}/`), LOG_LEVEL: 'fatal' });
  }, 300_000);

  afterAll(async () => {
    try {
      await stack?.close();
    } finally {
      await address?.close();
      await standby?.stop();
      await primary.stop();
    }
  }, 120_000);

  it('promotes the standby under load: nothing acknowledged is lost, every stored event is on its topic and in the audit once', async () => {
    const calls = new BoundedCalls(stack.call);
    const workload = await new Workload(calls.bounded, stack.token).prepare();
    const workflows = scaled(100);
    const load = workload.run(workflows, 6);
    await workload.issued(workflows * 2, load);
    // what the relays have not published yet when the primary dies
    const unrelayed: Record<string, number> = {};
    for (const service of SERVICES) {
      const [{ count }] = await stack.query<{ count: string }>(
        `SELECT count(*) AS count FROM "${service}".events WHERE (transaction_id, position) > (SELECT transaction_id, position FROM "${service}".relay_checkpoints LIMIT 1)`,
      );
      unrelayed[service] = Number(count);
    }
    await primary.crash();
    const crashedAt = workload.commandCount;
    await standby!.promote();
    address!.moveTo(standby!.listeningPort);
    await load;
    await expectRecovered(stack, calls, workload, '11 database failover', { crashedAtCommand: crashedAt, unrelayedAtCrash: unrelayed });
  }, 1_800_000);
});
