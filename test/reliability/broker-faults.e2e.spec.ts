import { checkDelivery, deliverySummary, expectDeliveredOnce, waitForAuditTrail } from './support/delivery-checks';
import { LocalBroker } from '@oa/testing';
import { recordSummary, scaled } from './support/summary';
import { startStack, type Stack } from './support/stack';
import { Workload } from './support/workload';

/**
 * Issue 10, scenario 1: while mixed commands go to all four services, the broker is killed
 * (kill -9) and started again, three times. Afterwards every stored event is on its topic
 * exactly once and in stream order, in the audit exactly once, and no acknowledged command
 * is missing. The broker is one of the scenario's own (port 19092), never the shared one.
 */
describe('reliability 1: broker faults', () => {
  const broker = new LocalBroker(19092, 19093, 'faults');
  let stack: Stack;

  beforeAll(async () => {
    await broker.start();
    stack = await startStack('brokerfaults', undefined, { KAFKA_BROKERS: broker.brokers.join(','), LOG_LEVEL: 'error' });
  }, 300_000);

  afterAll(async () => {
    try {
      await stack?.close();
    } finally {
      await broker.stop();
    }
  }, 120_000);

  it('loses and duplicates nothing across three broker crashes under load', async () => {
    const workload = await new Workload(stack.call, stack.token).prepare();
    const started = Date.now();
    const phase = (what: string) => console.log(`[reliability] broker faults: ${what} after ${((Date.now() - started) / 1000).toFixed(0)} s, ${workload.commandCount} commands`);
    // one load, three workflows at a time, new ones started until the three crashes are behind it
    let faulting = true;
    const load = workload.run(scaled(100_000), 3, () => !faulting);
    const after = (commands: number) => workload.issued(workload.commandCount + scaled(commands), load);
    for (const round of [1, 2, 3]) {
      await after(400);
      await broker.kill();
      phase(`broker killed (${round})`);
      // the services keep taking commands while the broker is down: the outbox holds the events
      await after(150);
      await broker.start();
      phase(`broker started (${round})`);
    }
    await after(150);
    faulting = false;
    await load;
    phase('load done');
    // candidates that arrived after the last filing round
    await waitForAuditTrail(stack.query);
    phase('audit caught up');
    await workload.fileCandidates();
    const result = workload.result();
    const report = await checkDelivery(stack.query, broker.brokers, stack.topicPrefix, result.acknowledged);
    phase('checked');
    recordSummary({ scenario: '1 broker faults', ...deliverySummary(result, report), brokerKills: 3 });
    expect(result.serverErrors).toEqual([]);
    expectDeliveredOnce(report);
    expect(report.events).toBeGreaterThanOrEqual(scaled(1_800));
  }, 1_800_000);
});
