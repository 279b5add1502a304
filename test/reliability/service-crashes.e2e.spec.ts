import { checkDelivery, deliverySummary, expectDeliveredOnce, waitForAuditTrail } from './support/delivery-checks';
import { LocalBroker } from '@oa/testing';
import { ProcessStack } from './support/process-stack';
import { recordSummary, scaled } from './support/summary';
import type { Service } from './support/stack';
import { Workload } from './support/workload';

/**
 * The crashes: a service that only relays (documents), the consumer of every topic (audit),
 * one that relays and consumes (seals); the soak scale adds the other two.
 */
const VICTIMS: readonly Service[] = Number(process.env['RELIABILITY_SCALE'] ?? '1') > 1 ? ['documents', 'archives', 'audit', 'seals', 'meetings'] : ['documents', 'audit', 'seals'];

/**
 * Issue 10, scenario 2: the services run as processes under mixed load; one after another
 * is SIGKILLed while its relay has events to publish and while it consumes, and started
 * again. Afterwards the checks of scenario 1 hold: every stored event once on its topic in
 * stream order and once in the audit, no acknowledged command missing.
 */
describe('reliability 2: service crashes', () => {
  const broker = new LocalBroker(19094, 19095, 'crashes');
  let stack: ProcessStack;

  beforeAll(async () => {
    await broker.start();
    stack = await new ProcessStack('crashes', { KAFKA_BROKERS: broker.brokers.join(',') }).start();
  }, 300_000);

  afterAll(async () => {
    try {
      await stack?.stop();
    } finally {
      await broker.stop();
    }
  }, 120_000);

  it('loses and duplicates nothing when services are killed while relaying and consuming', async () => {
    const workload = await new Workload(stack.call, stack.token).prepare();
    const workflows = scaled(100);
    // workflows cut short by a restart issue fewer commands than the 7 of a whole one
    const expectedCommands = workflows * 5;
    const load = workload.run(workflows, 6);
    let finished = false;
    void load.finally(() => (finished = true));
    const crashes: Array<{ service: Service; atCommand: number; unrelayed: number; notYetAudited: number }> = [];
    for (const [round, service] of VICTIMS.entries()) {
      while (workload.commandCount < (expectedCommands * (round + 1)) / (VICTIMS.length + 1) && !finished) await new Promise((resolve) => setTimeout(resolve, 50));
      // what the victim has not published yet, and what the audit has not consumed yet, at the moment of the kill
      const [{ unrelayed }] = await stack.query<{ unrelayed: string }>(`SELECT count(*) AS unrelayed FROM "${service}".events WHERE position > coalesce((SELECT max(position) FROM "${service}".relay_checkpoints), 0)`);
      const [{ missing }] = await stack.query<{ missing: string }>(`SELECT count(*) AS missing FROM "${service}".events e WHERE NOT EXISTS (SELECT 1 FROM audit.entries a WHERE a.event_id = e.event_id::text)`);
      await stack.kill(service);
      crashes.push({ service, atCommand: workload.commandCount, unrelayed: Number(unrelayed), notYetAudited: Number(missing) });
      await stack.startService(service);
    }
    await stack.unlessCrashed(load);
    await stack.unlessCrashed(waitForAuditTrail(stack.query));
    await workload.fileCandidates();
    const result = workload.result();
    const report = await checkDelivery(stack.query, broker.brokers, stack.topicPrefix, result.acknowledged);
    recordSummary({ scenario: '2 service crashes', ...deliverySummary(result, report), crashes });
    expect(crashes.map((crash) => crash.service)).toEqual(VICTIMS);
    expect(result.serverErrors).toEqual([]);
    // a SIGKILL between the broker's acknowledgement and the relay's checkpoint: the restarted relay
    // reads each partition's last message and does not send those events again
    expectDeliveredOnce(report);
  }, 1_800_000);
});
