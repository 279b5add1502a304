import type { AccessDenied } from './events';
import { STREAM_TYPES } from './events';
import type { AnyEnvelope, AuditFinding, Envelope } from './finding';
import { finding, millis, ofType, upTo } from './finding';

export interface AccessAuditConfig {
  /** How many denials by one actor within the window raise AUD-11: 5. */
  readonly deniedThreshold?: number;
  /** The window, in minutes: 10. */
  readonly deniedWindowMinutes?: number;
}

export const DEFAULT_DENIED_THRESHOLD = 5;
export const DEFAULT_DENIED_WINDOW_MINUTES = 10;

/**
 * AUD-11: AccessDenied events of `securityLog` streams, grouped by metadata.actor.id and
 * ordered by recordedAt. Whenever `threshold` denials fall within the window, one finding
 * covers the whole burst (every denial chained to the previous within the window).
 */
export function detectAccessFindings(events: readonly AnyEnvelope[], now: string, config: AccessAuditConfig = {}): AuditFinding[] {
  const threshold = config.deniedThreshold ?? DEFAULT_DENIED_THRESHOLD;
  const windowMs = (config.deniedWindowMinutes ?? DEFAULT_DENIED_WINDOW_MINUTES) * 60_000;
  const byActor = new Map<string, Envelope<AccessDenied>[]>();
  for (const event of upTo(events, now)) {
    if (event.streamType !== STREAM_TYPES.securityLog || !ofType<AccessDenied>(event, 'AccessDenied')) continue;
    const actorId = event.metadata.actor.id;
    byActor.set(actorId, [...(byActor.get(actorId) ?? []), event]);
  }
  const findings: AuditFinding[] = [];
  for (const [actorId, denials] of byActor) {
    const ordered = [...denials].sort((a, b) => millis(a.recordedAt) - millis(b.recordedAt));
    let start = 0;
    while (start < ordered.length) {
      // the first window from `start` holding `threshold` denials
      const first = ordered[start]!;
      const end = start + threshold - 1;
      const last = ordered[end];
      if (last === undefined) break;
      if (millis(last.recordedAt) - millis(first.recordedAt) > windowMs) {
        start++;
        continue;
      }
      // extend the burst while each next denial is within the window of the one `threshold - 1` before it
      let burstEnd = end;
      while (burstEnd + 1 < ordered.length && millis(ordered[burstEnd + 1]!.recordedAt) - millis(ordered[burstEnd + 2 - threshold]!.recordedAt) <= windowMs) burstEnd++;
      const burst = ordered.slice(start, burstEnd + 1);
      const name = first.metadata.actor.name;
      const paths = [...new Set(burst.map((event) => `${event.data.method} ${event.data.path}`))].slice(0, 5).join('、');
      findings.push(
        finding(
          'AUD-11',
          'high',
          '同一用户多次被拒绝访问',
          `用户 ${name}（${actorId}）在 ${first.recordedAt} 至 ${burst.at(-1)!.recordedAt} 间被拒绝 ${burst.length} 次（阈值 ${threshold} 次 / ${windowMs / 60_000} 分钟）：${paths}。`,
          burst,
        ),
      );
      start = burstEnd + 1;
    }
  }
  return findings;
}
