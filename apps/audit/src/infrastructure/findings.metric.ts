import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';

/** `oa_audit_findings{rule,severity,status}` at /metrics: the findings raised so far, read from the table at each scrape (exact after a restart too). */
@Injectable()
export class FindingsMetric {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    runtime.metrics.observeRows('oa_audit_findings', '审计发现 (audit findings raised), by rule, severity and status', ['rule', 'severity', 'status'], async () => {
      const rows: Array<{ rule: string; severity: string; status: string; count: string }> = await runtime.dataSource.query(
        `SELECT rule, severity, status, count(*) AS count FROM "audit".findings GROUP BY rule, severity, status`,
      );
      return rows.map(({ count, ...labels }) => ({ labels, value: Number(count) }));
    });
  }
}
