import { PerformanceObserver, constants, monitorEventLoopDelay, type PerformanceEntry } from 'node:perf_hooks';

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

/** What the bench process (and a service it hosts) went through while `observeProcess` ran. */
export interface ProcessPauses {
  /** The event loop's delay beyond its 10 ms sampling, ms. */
  readonly loopDelayP99: number;
  readonly loopDelayMax: number;
  /** V8 major collections (mark-compact) and their summed pause on the main thread, ms. */
  readonly majorCollections: number;
  readonly majorCollectionMillis: number;
  readonly minorCollectionMillis: number;
  /** The longest minor collection, ms: a tail the size of one young generation's scavenge. */
  readonly minorCollectionMaxMillis: number;
}

/**
 * Watches this process's event loop and garbage collector until the returned function is
 * called: where a served figure's tail latency goes when neither PostgreSQL nor the code is slow.
 */
export function observeProcess(): () => ProcessPauses {
  const resolution = 10;
  const delay = monitorEventLoopDelay({ resolution });
  const collections: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  delay.enable();
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    delay.disable();
    observer.disconnect();
    const major = collections.filter((entry) => (entry as PerformanceEntry & { readonly detail?: { readonly kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    const minor = collections.filter((entry) => !major.includes(entry));
    const sum = (entries: readonly PerformanceEntry[]) => entries.reduce((total, entry) => total + entry.duration, 0);
    return {
      loopDelayP99: Math.max(0, delay.percentile(99) / 1e6 - resolution),
      loopDelayMax: Math.max(0, delay.max / 1e6 - resolution),
      majorCollections: major.length,
      majorCollectionMillis: sum(major),
      minorCollectionMillis: sum(minor),
      minorCollectionMaxMillis: Math.max(0, ...minor.map((entry) => entry.duration)),
    };
  };
}
