import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One scenario's counts, as the note on issue 10 quotes them. */
export interface ScenarioSummary {
  readonly scenario: string;
  readonly commands: number;
  readonly events: number;
  readonly losses: number;
  readonly duplicates: number;
  readonly serverErrors: number;
  /** Detections / attempts, for the scenarios that tamper or attack. */
  readonly detections?: string;
  readonly [more: string]: unknown;
}

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'reliability');

/**
 * The size knob: CI runs at 1, `npm run soak` raises RELIABILITY_SCALE (10 for the issue's
 * soak counts). Every scenario multiplies its counts by it.
 */
export function scaled(base: number): number {
  const scale = Number(process.env['RELIABILITY_SCALE'] ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Prints the one-line summary and appends it to test-artifacts/reliability/summary.jsonl. */
export function recordSummary(summary: ScenarioSummary): void {
  const line = { at: new Date().toISOString(), scale: Number(process.env['RELIABILITY_SCALE'] ?? '1'), ...summary };
  console.log(
    `[reliability] ${summary.scenario}: commands=${summary.commands} events=${summary.events} losses=${summary.losses} duplicates=${summary.duplicates} 5xx=${summary.serverErrors}` +
      (summary.detections === undefined ? '' : ` detections=${summary.detections}`),
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(join(ARTIFACTS, 'summary.jsonl'), `${JSON.stringify(line)}\n`);
}
