import type { ApiReply } from '@oa/testing';
import { checkDelivery, expectDeliveredOnce, waitForAuditTrail } from './delivery-checks';
import { recordSummary } from './summary';
import type { Service, Stack } from './stack';
import { Workload } from './workload';

type Call = (service: Service, method: string, path: string, token: string, body?: unknown) => Promise<ApiReply>;

/** "Never a hang past a bounded timeout": no answer within this is a failure. */
const ANSWER_BOUND_MILLIS = 15_000;

/**
 * The calls of a load while the database is away, bounded in time and sorted by answer: a 5xx
 * other than a 503 with a code, a hang or a stack trace is unclean.
 */
export class BoundedCalls {
  readonly statuses = new Map<string, number>();
  readonly unclean: string[] = [];

  constructor(private readonly call: Call) {}

  /** How many clean 503s were answered. */
  get unavailable(): number {
    return [...this.statuses].filter(([key]) => key.startsWith('503')).reduce((sum, [, count]) => sum + count, 0);
  }

  bounded = async (service: Service, method: string, path: string, token: string, body?: unknown): Promise<ApiReply> => {
    let timer: NodeJS.Timeout | undefined;
    const reply = await Promise.race([
      this.call(service, method, path, token, body),
      new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ANSWER_BOUND_MILLIS))),
    ]).finally(() => clearTimeout(timer));
    if (reply === 'hang') {
      this.unclean.push(`${service} ${method} ${path}: no answer within ${ANSWER_BOUND_MILLIS} ms`);
      throw new Error('hang');
    }
    const key = `${reply.status} ${String(reply.body['code'] ?? '')}`;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    if (reply.status >= 500 && !(reply.status === 503 && typeof reply.body['code'] === 'string')) this.unclean.push(`${service} ${method} ${path} → ${reply.status} ${reply.text.slice(0, 200)}`);
    if (/\bat \S+ \(/.test(reply.text)) this.unclean.push(`${service} ${method} ${path}: a stack trace in the answer`);
    return reply;
  };
}

/**
 * After a database outage (scenarios 3 and 11): the services, reconnected on their own, take the
 * same workload again; then the checks of scenario 1 run over both loads, the summary is
 * recorded with `facts`, and the outage must have been clean.
 */
export async function expectRecovered(stack: Stack, calls: BoundedCalls, workload: Workload, scenario: string, facts: Record<string, unknown>): Promise<void> {
  const after = await new Workload(stack.call, stack.token).prepare();
  await after.run(8, 4, undefined, 10_000);
  await waitForAuditTrail(stack.query);
  await workload.fileCandidates();
  const acknowledged = [...workload.result().acknowledged, ...after.result().acknowledged];
  const report = await checkDelivery(stack.query, stack.env['KAFKA_BROKERS']!.split(','), stack.topicPrefix, acknowledged);
  recordSummary({
    scenario,
    commands: workload.commandCount + after.commandCount,
    events: report.events,
    losses: report.losses,
    duplicates: report.duplicates,
    serverErrors: calls.unclean.length,
    detections: `${calls.unavailable} clean 503s, ${calls.unclean.length} unclean answers`,
    ...facts,
    statuses: Object.fromEntries(calls.statuses),
    acknowledgedAfterOutage: after.result().acknowledged.length,
    outOfOrder: report.outOfOrder.length,
  });
  expect(calls.unclean.slice(0, 10)).toEqual([]);
  expect(after.result().serverErrors).toEqual([]);
  expect(after.result().acknowledged.length).toBeGreaterThan(0);
  expectDeliveredOnce(report);
}
