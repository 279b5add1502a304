import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@oa/core';
import { PeriodicJob, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import { detectAccessFindings, detectArchiveFindings, detectDocumentFindings, detectMeetingFindings, detectSealFindings, type AuditFinding } from '@oa/domain-audit';

/**
 * Runs the finding detectors (libs/domain/audit) over the trail on the schedule and stores
 * each new finding once, keyed by its rule and proving events. AUD-10 is raised on arrival by
 * the ingest, so the chain detector is not run again here.
 */
@Injectable()
export class FindingsJob extends PeriodicJob {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const rows: Array<{ envelope: string }> = await this.runtime.dataSource.query(
      `SELECT envelope FROM "audit".entries ORDER BY service, stream_id, stream_version, log, log_index`,
    );
    const events = rows.map((row) => JSON.parse(row.envelope) as EventEnvelope);
    const at = now.toISOString();
    const findings: AuditFinding[] = [
      ...detectSealFindings(events, at),
      ...detectMeetingFindings(events, at),
      ...detectDocumentFindings(events, at),
      ...detectArchiveFindings(events, at),
      ...detectAccessFindings(events, at),
    ];
    let stored = 0;
    for (const finding of findings) {
      const key = createHash('sha256').update(`${finding.rule}\u0000${[...finding.eventIds].sort().join(',')}`).digest('hex');
      const inserted: unknown[] = await this.runtime.dataSource.query(
        `INSERT INTO "audit".findings (id, rule, severity, status, title, stream_ids, event_ids, detail, detected_at, finding_key)
         VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9)
         ON CONFLICT (finding_key) WHERE finding_key IS NOT NULL DO NOTHING RETURNING id`,
        [randomUUID(), finding.rule, finding.severity, finding.title, finding.streamIds, finding.eventIds, JSON.stringify({ detail: finding.detail }), at, key],
      );
      stored += inserted.length;
    }
    return stored;
  }
}
