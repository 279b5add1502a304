import { IsIn, IsOptional, Matches } from 'class-validator';
import type { InformationPeriodKind, InformationQuota } from '@oa/domain-affairs';

/** The affairs service's own configuration, checked at start like the platform's. */
export class AffairsEnvironment {
  /** INFO-2 each unit's quota per period: `unit-a=2,unit-b=1`. */
  @IsOptional()
  @Matches(/^([^=,\s]+=\d+)(,[^=,\s]+=\d+)*$/, { message: 'AFFAIRS_INFORMATION_QUOTAS 须写作 单位编号=份数,… (unit=count,…)' })
  AFFAIRS_INFORMATION_QUOTAS?: string;

  /** INFO-2 the period the quotas count over: `month` (default) or `quarter`, in Beijing time. */
  @IsOptional()
  @IsIn(['month', 'quarter'], { message: 'AFFAIRS_INFORMATION_PERIOD 须为 month 或 quarter' })
  AFFAIRS_INFORMATION_PERIOD?: InformationPeriodKind;
}

/** INFO-2 the configured period kind. */
export const informationPeriodOf = (settings: AffairsEnvironment): InformationPeriodKind => settings.AFFAIRS_INFORMATION_PERIOD ?? 'month';

/** INFO-2 the configured quotas. */
export function informationQuotasOf(settings: AffairsEnvironment): InformationQuota[] {
  return (settings.AFFAIRS_INFORMATION_QUOTAS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [unitId, count] = pair.split('=');
      return { unitId: unitId!, perPeriod: Number(count) };
    });
}
