import type { EntityManager } from 'typeorm';
import { findingIdentity } from '../application/finding-identity';

export interface FindingRecord {
  readonly rule: string;
  readonly severity: string;
  readonly title: string;
  readonly streamIds: readonly string[];
  readonly eventIds: readonly string[];
  readonly detail: unknown;
  /** Services and units (处室) of the proving events, and the instant of the latest: what auditors filter by. */
  readonly services: readonly string[];
  readonly units: readonly string[];
  readonly occurredAt: string | null;
  /** Default: the database's now (findings raised on arrival). */
  readonly detectedAt?: string;
  /** Tells apart findings whose proving events are the same (a forged copy read at another offset). */
  readonly where?: string;
}

/** Stores a finding once (keyed by its identity); returns whether it was new. */
export async function recordFinding(manager: EntityManager, finding: FindingRecord): Promise<boolean> {
  const { id, key } = findingIdentity(finding.rule, finding.eventIds, finding.where);
  const inserted: unknown[] = await manager.query(
    `INSERT INTO "audit".findings (id, finding_key, rule, severity, status, title, stream_ids, event_ids, detail, services, units, occurred_at, detected_at)
     VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, COALESCE($12::timestamptz, now()))
     ON CONFLICT (finding_key) WHERE finding_key IS NOT NULL DO NOTHING RETURNING id`,
    [id, key, finding.rule, finding.severity, finding.title, finding.streamIds, finding.eventIds, JSON.stringify(finding.detail), finding.services, finding.units, finding.occurredAt, finding.detectedAt ?? null],
  );
  return inserted.length > 0;
}
