import { refuse } from './documents.rules';
import {
  SECRECY_LABELS,
  URGENCY_LABELS,
  isClassified,
  isSecrecyLevel,
  isUrgency,
  type SecrecyLevel,
  type SecrecyPeriod,
  type Urgency,
} from './document.vocabulary';

/** DOC-6 the longest secrecy periods, in years (保密法实施条例: 绝密 30, 机密 20, 秘密 10). */
export const MAX_SECRECY_PERIOD_YEARS: Readonly<Record<'mimi' | 'jimi' | 'juemi', number>> = { mimi: 10, jimi: 20, juemi: 30 };

/**
 * DOC-6: a classified document carries a secrecy period within the maximum for its level,
 * whole years, or whole months when under a year; an unclassified one carries none.
 */
export function assertSecrecy(level: unknown, period: SecrecyPeriod | undefined): void {
  if (!isSecrecyLevel(level)) throw refuse('DOC-6', 'invalid', `密级须为 none、internal、mimi、jimi 或 juemi，收到“${String(level)}”`);
  if (!isClassified(level)) {
    if (period !== undefined) throw refuse('DOC-6', 'invalid', `${SECRECY_LABELS[level]}公文不标注保密期限`);
    return;
  }
  const label = SECRECY_LABELS[level];
  if (period === undefined) throw refuse('DOC-6', 'invalid', `${label}公文须标注保密期限`);
  if (period.unit !== 'year' && period.unit !== 'month') throw refuse('DOC-6', 'invalid', '保密期限的单位须为年或月');
  if (!Number.isInteger(period.value) || period.value < 1) throw refuse('DOC-6', 'invalid', '保密期限须为正整数');
  const maxYears = MAX_SECRECY_PERIOD_YEARS[level as 'mimi' | 'jimi' | 'juemi'];
  if (period.unit === 'month') {
    if (period.value > 11) throw refuse('DOC-6', 'invalid', `保密期限满一年的以年计，不写作${period.value}个月`);
    return;
  }
  if (period.value > maxYears) throw refuse('DOC-6', 'invalid', `${label}公文的保密期限最长${maxYears}年，不能标注${period.value}年`);
}

export function assertUrgency(urgency: unknown): asserts urgency is Urgency {
  if (!isUrgency(urgency)) throw refuse('DOC-6', 'invalid', `紧急程度只能是不标注、加急（urgent）或特急（extraUrgent），收到“${String(urgency)}”`);
}

/** GB/T 9704 7.2.2: `机密★1年`, `秘密★6个月`; `内部` as a handling marking; nothing for 非密. */
export function renderSecrecyMarking(level: SecrecyLevel, period?: SecrecyPeriod): string | undefined {
  if (level === 'none') return undefined;
  if (!isClassified(level) || period === undefined) return SECRECY_LABELS[level];
  return `${SECRECY_LABELS[level]}★${period.value}${period.unit === 'year' ? '年' : '个月'}`;
}

/** GB/T 9704 7.2.3: `特急`, `加急`; nothing when not urgent. */
export function renderUrgencyMarking(urgency: Urgency): string | undefined {
  return URGENCY_LABELS[urgency] || undefined;
}
