import type { ApiReply } from '@oa/testing';
import { checkDelivery, expectDeliveredOnce, waitForAuditTrail } from './support/delivery-checks';
import { PrivatePostgres } from './support/private-postgres';
import { recordSummary, scaled } from './support/summary';
import { SERVICES, startStack, type Service, type Stack } from './support/stack';
import { Workload } from './support/workload';

/** "Never a hang past a bounded timeout": no answer within this is a failure. */
const ANSWER_BOUND_MILLIS = 15_000;

/**
 * Issue 10, scenario 3: PostgreSQL is restarted (an immediate stop: every connection cut)
 * under mixed load. Requests meanwhile fail cleanly — 503 with a code, no 500, no answer
 * later than the bound — the services reconnect on their own, and afterwards the checks of
 * scenario 1 hold. The server is one of the scenario's own, never the shared one.
 */
describe('reliability 3: database restart', () => {
  const postgres = new PrivatePostgres();
  let stack: Stack;
  const statuses = new Map<string, number>();
  const unclean: string[] = [];

  beforeAll(async () => {
    const databaseUrl = await postgres.start('reliability');
    stack = await startStack('dbrestart', SERVICES, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'fatal' });
  }, 300_000);

  afterAll(async () => {
    try {
      await stack?.close();
    } finally {
      await postgres.stop();
    }
  }, 120_000);

  /** Every call of the load, bounded in time and sorted: a 5xx other than a 503 with a code is unclean. */
  const bounded = async (service: Service, method: string, path: string, token: string, body?: unknown): Promise<ApiReply> => {
    let timer: NodeJS.Timeout | undefined;
    const reply = await Promise.race([
      stack.call(service, method, path, token, body),
      new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ANSWER_BOUND_MILLIS))),
    ]).finally(() => clearTimeout(timer));
    if (reply === 'hang') {
      unclean.push(`${service} ${method} ${path}: no answer within ${ANSWER_BOUND_MILLIS} ms`);
      throw new Error('hang');
    }
    const key = `${reply.status} ${String(reply.body['code'] ?? '')}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    if (reply.status >= 500 && !(reply.status === 503 && typeof reply.body['code'] === 'string')) unclean.push(`${service} ${method} ${path} → ${reply.status} ${reply.text.slice(0, 200)}`);
    if (/\bat \S+ \(/.test(reply.text)) unclean.push(`${service} ${method} ${path}: a stack trace in the answer`);
    return reply;
  };

  it('answers 503 with a code while the database is away, reconnects, and loses nothing', async () => {
    const workload = await new Workload(bounded, stack.token).prepare();
    const workflows = scaled(150);
    const load = workload.run(workflows, 6);
    while (workload.commandCount < workflows * 2) await new Promise((resolve) => setTimeout(resolve, 50));
    await postgres.restart();
    const restartedAt = workload.commandCount;
    await load;
    // the services reconnect on their own: the same workload succeeds again afterwards
    const after = await new Workload(stack.call, stack.token).prepare();
    await after.run(8, 4);
    await waitForAuditTrail(stack.query);
    await workload.fileCandidates();
    const acknowledged = [...workload.result().acknowledged, ...after.result().acknowledged];
    const report = await checkDelivery(stack.query, stack.env['KAFKA_BROKERS']!.split(','), stack.topicPrefix, acknowledged);
    const unavailable = [...statuses].filter(([key]) => key.startsWith('503')).reduce((sum, [, count]) => sum + count, 0);
    recordSummary({
      scenario: '3 database restart',
      commands: workload.commandCount + after.commandCount,
      events: report.events,
      losses: report.losses,
      duplicates: report.duplicates,
      serverErrors: unclean.length,
      detections: `${unavailable} clean 503s, ${unclean.length} unclean answers`,
      restartedAtCommand: restartedAt,
      statuses: Object.fromEntries(statuses),
      afterRestart: after.result().acknowledged.length,
    });
    expect(unclean.slice(0, 10)).toEqual([]);
    expect(after.result().serverErrors).toEqual([]);
    expect(after.result().acknowledged.length).toBeGreaterThan(0);
    expectDeliveredOnce(report);
  }, 1_800_000);
});
