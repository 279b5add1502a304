import { waitForAuditTrail } from './support/delivery-checks';
import { ProcessStack } from './support/process-stack';
import { recordSummary } from './support/summary';
import { SERVICES, type Service } from './support/stack';
import { Workload } from './support/workload';

const MINUTES = Number(process.env['SOAK_MINUTES'] ?? '30');
const SAMPLE_SECONDS = Number(process.env['SOAK_SAMPLE_SECONDS'] ?? '30');

interface Sample {
  readonly at: number;
  readonly rss: Record<Service, number>;
  /** Stored events not yet published, per service. */
  readonly relayLag: number;
  /** Stored events not yet in the audit trail (the consumers' lag). */
  readonly consumerLag: number;
}

/**
 * Issue 10, scenario 8 (not in CI: `npm run soak`, which sets RELIABILITY_SOAK): the
 * services as processes; their capacity is measured with an unbounded load for a minute,
 * then mixed load runs at half of it for SOAK_MINUTES (30). Zero errors, each service's
 * resident memory flat after the warm-up (growth under 10 %), relay and consumer lag bounded
 * and back to zero at the end.
 */
(process.env['RELIABILITY_SOAK'] ? describe : describe.skip)('reliability 8: soak', () => {
  let stack: ProcessStack;

  beforeAll(async () => {
    stack = await new ProcessStack('soak', {}).start();
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  const sample = async (): Promise<Sample> => {
    let relayLag = 0;
    let consumerLag = 0;
    for (const service of SERVICES) {
      const [row] = await stack.query<{ unrelayed: string; unaudited: string }>(
        `SELECT (SELECT count(*) FROM "${service}".events WHERE position > coalesce((SELECT max(position) FROM "${service}".relay_checkpoints), 0)) AS unrelayed,
                (SELECT count(*) FROM "${service}".events e WHERE NOT EXISTS (SELECT 1 FROM audit.entries a WHERE a.service = $1 AND a.event_id = e.event_id::text)) AS unaudited`,
        [service],
      );
      relayLag += Number(row!.unrelayed);
      consumerLag += Number(row!.unaudited);
    }
    return { at: Date.now(), rss: Object.fromEntries(SERVICES.map((service) => [service, stack.residentKilobytes(service)])) as Record<Service, number>, relayLag, consumerLag };
  };

  it('runs at half capacity with zero errors, flat memory and bounded lag', async () => {
    const workload = await new Workload(stack.call, stack.token).prepare();
    // capacity: as many workflows as 8 callers manage in a minute
    const measuredFrom = Date.now();
    await workload.run(100_000, 8, () => Date.now() - measuredFrom > 60_000);
    const capacity = workload.commandCount / ((Date.now() - measuredFrom) / 1000);
    // half of it: one workflow (about 7 commands) started every 14 / capacity seconds
    const interval = (14 / capacity) * 1000;
    const samples: Sample[] = [];
    const end = Date.now() + MINUTES * 60_000;
    let next = Date.now();
    let index = 100_000;
    const inFlight = new Set<Promise<void>>();
    let nextSample = Date.now();
    while (Date.now() < end) {
      if (Date.now() >= nextSample) {
        samples.push(await sample());
        nextSample += SAMPLE_SECONDS * 1000;
      }
      if (Date.now() >= next) {
        const run = workload.run(1, 1, undefined, index++).finally(() => inFlight.delete(run));
        inFlight.add(run);
        next += interval;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all(inFlight);
    await waitForAuditTrail(stack.query);
    const final = await sample();
    const warm = samples.filter((each) => each.at >= samples[0]!.at + (MINUTES * 60_000) / 6);
    const growth = Object.fromEntries(
      SERVICES.map((service) => {
        const first = warm.slice(0, 3).reduce((sum, each) => sum + each.rss[service], 0) / Math.min(3, warm.length);
        const last = warm.slice(-3).reduce((sum, each) => sum + each.rss[service], 0) / Math.min(3, warm.length);
        return [service, (last - first) / first];
      }),
    ) as Record<Service, number>;
    const { commands, refusals, serverErrors } = workload.result();
    const maxRelayLag = Math.max(...samples.map((each) => each.relayLag));
    const maxConsumerLag = Math.max(...samples.map((each) => each.consumerLag));
    recordSummary({
      scenario: '8 soak',
      commands,
      events: 0,
      losses: 0,
      duplicates: 0,
      serverErrors: serverErrors.length,
      minutes: MINUTES,
      capacityPerSecond: Number(capacity.toFixed(1)),
      rssGrowth: Object.fromEntries(Object.entries(growth).map(([service, value]) => [service, `${(value * 100).toFixed(1)}%`])),
      maxRelayLag,
      maxConsumerLag,
      refusals,
    });
    expect(serverErrors).toEqual([]);
    expect(refusals).toEqual({});
    for (const service of SERVICES) expect({ service, growth: growth[service] < 0.1 }).toEqual({ service, growth: true });
    // bounded: never more behind than a minute of load, and caught up at the end
    expect(Math.max(maxRelayLag, maxConsumerLag)).toBeLessThan(capacity * 60);
    expect(final.relayLag + final.consumerLag).toBe(0);
  }, (MINUTES + 20) * 60_000);
});
