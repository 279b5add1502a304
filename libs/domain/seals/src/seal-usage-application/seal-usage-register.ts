import { CHINA_STANDARD_TIME_OFFSET_MINUTES, localDateOf } from '@oa/core';
import { instantOf } from '../seals.guards';
import { refuse } from '../seals.rules';
import type { SealUsageApplicationEvent, SealUsageApprovalBasis, SealUsageRecorded } from './seal-usage-application.events';

/**
 * SEAL-9 用印登记簿: one row per usage, with the columns the register is exported with.
 * Ids sit beside the names so an export can be traced back to the streams.
 */
export interface SealUsageRegisterRow {
  /** Calendar date of the usage in the office's time zone, `YYYY-MM-DD`. */
  readonly date: string;
  readonly usedAt: string;
  readonly sealId: string;
  readonly applicationId: string;
  readonly usageId: string;
  readonly purpose: string;
  /** The document title (文件标题). */
  readonly document: string;
  readonly documentId?: string;
  readonly copies: number;
  readonly impressions: number;
  readonly applicant: string;
  readonly applicantId: string;
  readonly approver: string;
  readonly approverId: string;
  readonly approvalBasis?: SealUsageApprovalBasis;
  readonly keeper: string;
  readonly keeperId: string;
  readonly witness: string;
  readonly witnessId: string;
}

/** What the register needs of an application, from its Submitted and Approved events. */
export interface SealUsageApplicationFacts {
  readonly applicationId: string;
  readonly purpose: string;
  readonly documentTitle: string;
  readonly documentId?: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly approverId?: string;
  readonly approverName?: string;
  readonly approvalBasis?: SealUsageApprovalBasis;
}

export interface SealUsageRegisterQuery {
  readonly sealId: string;
  /** Inclusive ISO instant. */
  readonly from?: string;
  /** Exclusive ISO instant. */
  readonly to?: string;
  /** Offset of the office's time zone for the `date` column; default +08:00 (北京时间). */
  readonly utcOffsetMinutes?: number;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Application facts by application id, from any mix of usage-application events. */
export function sealUsageApplicationFacts(
  events: readonly SealUsageApplicationEvent[],
): ReadonlyMap<string, SealUsageApplicationFacts> {
  const facts = new Map<string, SealUsageApplicationFacts>();
  for (const event of events) {
    if (event.type === 'SealUsageApplicationSubmitted') {
      const { applicationId, purpose, documentTitle, documentId, applicantId, applicantName } = event.data;
      facts.set(applicationId, {
        ...facts.get(applicationId),
        applicationId,
        purpose,
        documentTitle,
        ...(documentId !== undefined ? { documentId } : {}),
        applicantId,
        applicantName,
      });
    } else if (event.type === 'SealUsageApplicationApproved') {
      const known = facts.get(event.data.applicationId);
      if (!known) continue;
      facts.set(event.data.applicationId, {
        ...known,
        approverId: event.data.approverId,
        approverName: event.data.approverName,
        approvalBasis: event.data.basis,
      });
    }
  }
  return facts;
}

/**
 * The register rows of one seal in a period, oldest first. A read model must not throw on
 * the events it is given: a usage whose application is unknown is still listed, with the
 * application's columns empty, so nothing stamped is ever left out of the register.
 */
export function sealUsageRegisterRows(
  usages: readonly SealUsageRecorded['data'][],
  applications: ReadonlyMap<string, SealUsageApplicationFacts>,
  query: SealUsageRegisterQuery,
): SealUsageRegisterRow[] {
  const from = periodBound(query.from, '起始时间');
  const to = periodBound(query.to, '截止时间');
  const offset = query.utcOffsetMinutes ?? CHINA_STANDARD_TIME_OFFSET_MINUTES;
  const inPeriod = (at: number) => (from === undefined || at >= from) && (to === undefined || at < to);
  return usages
    .flatMap((usage) => {
      const at = instantOf(usage.usedAt);
      return usage.sealId === query.sealId && at !== undefined && inPeriod(at) ? [{ usage, at }] : [];
    })
    .sort((a, b) => a.at - b.at || compareText(a.usage.usageId, b.usage.usageId))
    .map(({ usage }) => {
      const application = applications.get(usage.applicationId);
      return {
        date: localDateOf(usage.usedAt, offset),
        usedAt: usage.usedAt,
        sealId: usage.sealId,
        applicationId: usage.applicationId,
        usageId: usage.usageId,
        purpose: application?.purpose ?? '',
        document: application?.documentTitle ?? '',
        ...(application?.documentId !== undefined ? { documentId: application.documentId } : {}),
        copies: usage.copies,
        impressions: usage.impressions,
        applicant: application?.applicantName ?? '',
        applicantId: application?.applicantId ?? '',
        approver: application?.approverName ?? '',
        approverId: application?.approverId ?? '',
        ...(application?.approvalBasis !== undefined ? { approvalBasis: application.approvalBasis } : {}),
        // DIR-6 a deputy's stamping names both, as the register is kept by hand: 周建军（代孙晓梅）
        keeper: usage.deputyFor === undefined ? usage.keeperName : `${usage.keeperName}（代${usage.deputyFor.keeperName}）`,
        keeperId: usage.keeperId,
        witness: usage.witnessName,
        witnessId: usage.witnessId,
      };
    });
}

/** A malformed bound would silently widen the export, so it is refused rather than ignored. */
function periodBound(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const at = instantOf(value);
  if (at === undefined) throw refuse('SEAL.INVALID_INPUT', 'invalid', `登记簿导出的${name}格式有误`);
  return at;
}

/** SEAL-9 from the events of the seal's usage applications (any order of streams). */
export function sealUsageRegister(
  events: readonly SealUsageApplicationEvent[],
  query: SealUsageRegisterQuery,
): SealUsageRegisterRow[] {
  const usages = events.filter((e): e is SealUsageRecorded => e.type === 'SealUsageRecorded').map((e) => e.data);
  return sealUsageRegisterRows(usages, sealUsageApplicationFacts(events), query);
}
