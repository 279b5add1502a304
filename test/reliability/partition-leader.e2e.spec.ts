import { Kafka, logLevel } from 'kafkajs';
import { eventsTopic } from '@oa/platform';
import { checkDelivery, deliverySummary, expectDeliveredOnce, waitForAuditTrail } from './support/delivery-checks';
import { FaultCluster } from './support/fault-broker';
import { recordSummary, scaled } from './support/summary';
import { startStack, type Stack } from './support/stack';
import { Workload } from './support/workload';

/**
 * Issue 29, scenario 9: three KRaft nodes of the scenario's own (19095–19097), every topic
 * replicated three times with two in sync. While mixed commands go to the services: the leader of
 * a busy partition (the seals topic's partition 0) is killed (kill -9) and started again, three
 * times — whichever node leads it then; the active controller is stopped and started; a broker is
 * frozen (SIGSTOP) for 30 s and thawed. Afterwards every stored event is on its topic once and in
 * stream order, in the audit once, and no acknowledged command is missing.
 */
describe('reliability 9: partition leaders, the controller and a hung broker in a three-broker cluster', () => {
  const cluster = new FaultCluster(19095, 'leader');
  let stack: Stack;

  /** The node that leads the partition now (KRaft node id). */
  const leaderOf = async (topic: string, partition: number): Promise<number> => {
    const admin = new Kafka({ clientId: 'reliability-leader', brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const leader = topics[0]?.partitions.find((each) => each.partitionId === partition)?.leader;
      if (leader === undefined || leader < 0) throw new Error(`${topic}/${partition} has no leader`);
      return leader;
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    await cluster.start();
    stack = await startStack('leaderfaults', undefined, { KAFKA_BROKERS: cluster.brokers.join(','), KAFKA_REPLICATION_FACTOR: '3', LOG_LEVEL: 'error' });
  }, 300_000);

  afterAll(async () => {
    try {
      await stack?.close();
    } finally {
      await cluster.stop();
    }
  }, 120_000);

  it('loses and duplicates nothing when leaders die, the controller moves and a broker hangs, under load', async () => {
    const workload = await new Workload(stack.call, stack.token).prepare();
    const workflows = scaled(400);
    const expectedCommands = workflows * 7;
    const started = Date.now();
    const phase = (what: string) => console.log(`[reliability] partition leader: ${what} after ${((Date.now() - started) / 1000).toFixed(0)} s, ${workload.commandCount} commands`);
    const topic = eventsTopic('seals', stack.topicPrefix);
    // the leader kills at a quarter, a half and three quarters of a first load
    const load = workload.run(workflows, 6);
    const killed: number[] = [];
    for (const round of [1, 2, 3]) {
      await workload.issued((expectedCommands * round) / 4, load);
      const leader = await leaderOf(topic, 0);
      await cluster.node(leader).kill();
      killed.push(leader);
      phase(`leader ${leader} of ${topic}/0 killed (${round})`);
      await workload.issued((expectedCommands * round) / 4 + 150, load);
      await cluster.node(leader).start();
      phase(`node ${leader} started (${round})`);
    }
    await load;
    // the controller and the hung broker under a second load
    const second = workload.run(scaled(250), 6, undefined, workflows);
    const before = workload.commandCount;
    await workload.issued(before + 100, second);
    const controller = await cluster.activeController(cluster.node(1));
    await cluster.node(controller).stop();
    phase(`active controller ${controller} stopped`);
    await workload.issued(workload.commandCount + 150, second);
    await cluster.node(controller).start();
    const successor = await cluster.activeController(cluster.node(controller));
    phase(`node ${controller} started; the quorum is led by ${successor}`);
    const hung = await leaderOf(topic, 0);
    await cluster.node(hung).pause();
    phase(`leader ${hung} frozen (SIGSTOP)`);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    await cluster.node(hung).resume();
    phase(`node ${hung} thawed (SIGCONT)`);
    await second;
    phase('load done');
    await waitForAuditTrail(stack.query);
    await workload.fileCandidates();
    const result = workload.result();
    const report = await checkDelivery(stack.query, cluster.brokers, stack.topicPrefix, result.acknowledged);
    phase(`checked (leaders killed: ${killed.join(', ')})`);
    recordSummary({ scenario: '9 partition leader', ...deliverySummary(result, report), leaderKills: killed.length, controllerStops: 1, brokerFreezes: 1 });
    expect(result.serverErrors).toEqual([]);
    expectDeliveredOnce(report);
    expect(report.events).toBeGreaterThanOrEqual(scaled(2_500));
  }, 1_800_000);
});
