/** Timing helpers: every figure is the median of repetitions, every latency a percentile of one run. */

export interface Throughput {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function latencies(samples: readonly number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

export const now = (): number => performance.now();

/**
 * Runs `total` operations with `concurrency` workers, each awaiting its previous one (a closed
 * loop, as concurrent clients do). `op(worker, n)`: n counts the worker's own operations.
 */
export async function closedLoop(concurrency: number, total: number, op: (worker: number, n: number) => Promise<void>): Promise<Throughput> {
  const samples: number[] = [];
  let issued = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = 0; issued < total; n += 1) {
        issued += 1;
        const begin = now();
        await op(worker, n);
        samples.push(now() - begin);
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  const { p50, p99 } = latencies(samples);
  return { perSecond: samples.length / seconds, p50, p99 };
}

/** The median of each field over the repetitions. */
export function medianOf<T extends { [K in keyof T]: number }>(runs: readonly T[]): T {
  const keys = Object.keys(runs[0] ?? {}) as Array<keyof T>;
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key] as number))])) as T;
}

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));
