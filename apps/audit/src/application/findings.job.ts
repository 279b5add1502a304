import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@oa/core';
import { PeriodicJob, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import {
  detectAccessFindings,
  detectAffairsFindings,
  detectArchiveFindings,
  detectDirectoryFindings,
  detectDocumentFindings,
  detectMeetingFindings,
  detectSealFindings,
  type AuditFinding,
} from '@oa/domain-audit';
import { recordFinding } from '../infrastructure/findings.store';

interface Proving {
  readonly service: string;
  readonly unit: string | undefined;
  readonly recordedAt: string;
}

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
    const rows: Array<{ service: string; envelope: string }> = await this.runtime.dataSource.query(
      `SELECT service, envelope FROM "audit".entries ORDER BY service, stream_id, stream_version, log, log_index`,
    );
    const events: EventEnvelope[] = [];
    const proving = new Map<string, Proving>();
    for (const row of rows) {
      const event = JSON.parse(row.envelope) as EventEnvelope;
      events.push(event);
      proving.set(event.eventId, { service: row.service, unit: event.metadata?.actor?.orgUnit, recordedAt: event.recordedAt });
    }
    const at = now.toISOString();
    const findings: AuditFinding[] = [
      ...detectSealFindings(events, at),
      ...detectMeetingFindings(events, at),
      ...detectDocumentFindings(events, at),
      ...detectArchiveFindings(events, at),
      ...detectAccessFindings(events, at),
      ...detectDirectoryFindings(events, at),
      ...detectAffairsFindings(events, at),
    ];
    let stored = 0;
    for (const finding of findings) {
      const facts = finding.eventIds.map((eventId) => proving.get(eventId)).filter((fact): fact is Proving => fact !== undefined);
      const recorded = await recordFinding(this.runtime.dataSource.manager, {
        ...finding,
        detail: { detail: finding.detail },
        services: [...new Set(facts.map((fact) => fact.service))],
        units: [...new Set(facts.flatMap((fact) => (fact.unit ? [fact.unit] : [])))],
        occurredAt: facts.map((fact) => fact.recordedAt).sort().at(-1) ?? null,
        detectedAt: at,
      });
      if (recorded) stored++;
    }
    return stored;
  }
}
