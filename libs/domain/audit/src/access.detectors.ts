import type { AccessDenied, HiddenItemProbed } from './events';
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

/** A denied attempt: a 401/403 (AccessDenied) or a probe, a read COMMON-3 answered 404 (HiddenItemProbed). */
type DeniedAttempt = Envelope<AccessDenied> | Envelope<HiddenItemProbed>;

const isDeniedAttempt = (event: AnyEnvelope): event is DeniedAttempt =>
  event.streamType === STREAM_TYPES.securityLog && (ofType<AccessDenied>(event, 'AccessDenied') || ofType<HiddenItemProbed>(event, 'HiddenItemProbed'));

/** The probed items by stream type and id: a probe's evidence names the item, never its title (COMMON-3). */
function probedItems(burst: readonly DeniedAttempt[]): string {
  const probes = burst.filter((event): event is Envelope<HiddenItemProbed> => event.type === 'HiddenItemProbed');
  if (probes.length === 0) return '';
  const items = [...new Set(probes.map((event) => `${event.data.streamType} ${event.data.itemId}`))];
  return `其中 ${probes.length} 次查询无权知悉的涉密对象（按不存在答复）：${items.slice(0, 5).join('、')}${items.length > 5 ? ` 等 ${items.length} 项` : ''}；`;
}

/**
 * AUD-11: denied attempts in `securityLog` streams — AccessDenied (401/403) and, probes
 * included, HiddenItemProbed (a read answered 404 because COMMON-3 hides the item) — grouped
 * by metadata.actor.id and ordered by recordedAt. Whenever `threshold` of them fall within
 * the window, one finding covers the whole burst (every attempt chained to the previous
 * within the window). A probe is shown by the item's stream type and id only.
 */
export function detectAccessFindings(events: readonly AnyEnvelope[], now: string, config: AccessAuditConfig = {}): AuditFinding[] {
  const threshold = config.deniedThreshold ?? DEFAULT_DENIED_THRESHOLD;
  const windowMs = (config.deniedWindowMinutes ?? DEFAULT_DENIED_WINDOW_MINUTES) * 60_000;
  const byActor = new Map<string, DeniedAttempt[]>();
  for (const event of upTo(events, now)) {
    if (!isDeniedAttempt(event)) continue;
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
      const probes = probedItems(burst);
      findings.push(
        finding(
          'AUD-11',
          'high',
          probes ? '同一用户多次被拒绝访问或试探涉密对象' : '同一用户多次被拒绝访问',
          `用户 ${name}（${actorId}）在 ${first.recordedAt} 至 ${burst.at(-1)!.recordedAt} 间被拒绝 ${burst.length} 次（阈值 ${threshold} 次 / ${windowMs / 60_000} 分钟）；${probes}请求：${paths}。`,
          burst,
        ),
      );
      start = burstEnd + 1;
    }
  }
  return findings;
}
