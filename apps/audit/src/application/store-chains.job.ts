import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SERVICE_RUNTIME, checkChainHeadsReport, mintToken, type ChainHeadsReport, type ServiceRuntime } from '@oa/platform';
import { compareStoredChains, linksToCompare, type LoggedLink, type StoreChainFinding } from '@oa/domain-audit';
import { AUDIT_SETTINGS, type AuditSettings } from '../infrastructure/audit-settings';
import { recordFinding } from '../infrastructure/findings.store';

/** How long the audit waits for one service's heads (a first report verifies the whole store). */
const HEADS_TIMEOUT_MS = 120_000;

/**
 * AUD-10 in the services' own stores (DOMAIN.md: "any stream, anywhere"): every
 * AUDIT_STORE_CHECK_INTERVAL_SECONDS (default 5 minutes) each service's chain heads
 * (`GET /api/v1/internal/chain-heads`, signed with the event key) are compared with the log
 * (compareStoredChains, libs/domain/audit), and each difference is stored once as a critical
 * finding naming the stream and the differing event. A service that cannot be reached is logged
 * and asked again at the next run; a report whose digest or signature does not hold is a finding.
 */
@Injectable()
export class StoreChainsJob extends PeriodicJob {
  private lastRun?: number;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    super(runtime);
  }

  async runOnce(now: Date): Promise<number> {
    const interval = this.settings.storeCheckIntervalSeconds;
    if (interval === 0) return 0;
    if (this.lastRun !== undefined && now.getTime() - this.lastRun < interval * 1000) return 0;
    this.lastRun = now.getTime();
    return this.checkStores(this.settings.storeServiceUrls, now);
  }

  /** Compares the stores at `urls` (service → base URL) with the log now; returns the new findings. */
  async checkStores(urls: Readonly<Record<string, string>>, now: Date = new Date()): Promise<number> {
    let found = 0;
    for (const [service, url] of Object.entries(urls)) {
      try {
        found += await this.checkStore(service, url, now);
      } catch (error) {
        this.runtime.logger.warn({ err: error, service, url }, `无法核对 ${service} 服务的存储链头，下次重试 (store chain heads not compared)`);
      }
    }
    return found;
  }

  private async checkStore(service: string, url: string, now: Date): Promise<number> {
    // the log's heads first: an event logged after the service was read is never taken for one it lost
    const loggedHeads: Array<{ streamId: string; version: number }> = (
      await this.runtime.dataSource.query(`SELECT stream_id, version FROM "audit".stream_heads WHERE service = $1`, [service])
    ).map((row: { stream_id: string; version: number }) => ({ streamId: row.stream_id, version: row.version }));
    const report = await this.fetchHeads(service, url, now);
    if (report === undefined) return 0;
    const wanted = linksToCompare(report.streams, loggedHeads);
    const rows: Array<{ stream_type: string; stream_id: string; stream_version: number; event_id: string; hash: string }> = await this.runtime.dataSource.query(
      `SELECT e.stream_type, e.stream_id, e.stream_version, e.event_id, e.envelope::jsonb->>'hash' AS hash
         FROM unnest($2::text[], $3::int[]) AS wanted(stream_id, version)
         JOIN "audit".entries e ON e.stream_id = wanted.stream_id AND e.stream_version = wanted.version AND e.service = $1
        WHERE NOT EXISTS (SELECT 1 FROM "audit".findings f WHERE f.rule = 'AUD-10' AND f.detail->>'source' IS DISTINCT FROM 'store' AND e.event_id = ANY(f.event_ids))`,
      [service, wanted.map((link) => link.streamId), wanted.map((link) => link.version)],
    );
    // the events found forged on arrival are left out: the store never held them
    const logged: LoggedLink[] = rows.map((row) => ({ streamType: row.stream_type, streamId: row.stream_id, version: row.stream_version, hash: row.hash, eventId: row.event_id }));
    let found = 0;
    for (const finding of compareStoredChains(service, report.streams, logged)) {
      if (await this.record(service, finding, now)) found++;
    }
    return found;
  }

  /** The service's report, or undefined when its digest or signature does not hold (recorded as a finding). */
  private async fetchHeads(service: string, url: string, now: Date): Promise<ChainHeadsReport | undefined> {
    const response = await fetch(`${url}/api/v1/internal/chain-heads`, { headers: { authorization: `Bearer ${await this.token(now)}` }, signal: AbortSignal.timeout(HEADS_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`GET ${url}/api/v1/internal/chain-heads → ${response.status} ${await response.text()}`);
    // parsed here rather than by fetch: the digest is recomputed over plain objects of this realm
    const report = JSON.parse(await response.text()) as ChainHeadsReport;
    if (report.service !== service) throw new Error(`${url} 答复的服务是 ${report.service}，不是 ${service}`);
    const keys = this.runtime.eventVerificationKeys;
    const check = keys.length > 0 ? checkChainHeadsReport(report, keys) : 'verified';
    if (check === 'verified') return report;
    await recordFinding(this.runtime.dataSource.manager, {
      rule: 'AUD-10',
      severity: 'critical',
      title: '哈希链异常：服务链头报告的摘要或签名无效 (chainHeadsUnverified)',
      streamIds: [],
      eventIds: [],
      detail: { source: 'store', service, problem: check, detail: `${service} 服务的链头报告${check === 'missing' ? '缺少事件签名' : check === 'digestMismatch' ? '摘要与内容不符' : '签名无效'}，未据以核对。` },
      services: [service],
      units: [],
      occurredAt: null,
      detectedAt: now.toISOString(),
      // one such finding per service and day, however often it is asked
      where: `store-heads:${service}:${now.toISOString().slice(0, 10)}`,
    });
    return undefined;
  }

  private async record(service: string, finding: StoreChainFinding, now: Date): Promise<boolean> {
    return recordFinding(this.runtime.dataSource.manager, {
      rule: finding.rule,
      severity: finding.severity,
      title: `哈希链异常：${finding.title} (${finding.difference})`,
      streamIds: finding.streamIds,
      eventIds: finding.eventIds,
      detail: { source: 'store', service, difference: finding.difference, detail: finding.detail },
      services: [service],
      units: [],
      occurredAt: null,
      detectedAt: now.toISOString(),
      // apart from the arrival findings of the same events: this one says the store differs
      where: `store:${service}:${finding.difference}`,
    });
  }

  /** A service account token: the configured one, or minted for 5 minutes with the shared JWT secret. */
  private async token(now: Date): Promise<string> {
    if (this.settings.serviceToken) return this.settings.serviceToken;
    const secret = this.runtime.environment.JWT_SECRET;
    if (!secret) throw new Error('未配置 AUDIT_SERVICE_TOKEN 或 JWT_SECRET，无法读取各服务的链头 (no token for the chain heads)');
    return mintToken(
      { sub: 'system:audit', name: '审计服务', roles: ['auditor'], clearance: 'none' },
      { secret, lifetimeSeconds: 300, now, ...(this.runtime.environment.JWT_ISSUER && { issuer: this.runtime.environment.JWT_ISSUER }) },
    );
  }
}
