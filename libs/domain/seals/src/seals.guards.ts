/** Small pure checks shared by the seal deciders. */
import { nowOf } from '@oa/core';

// the common checks live in the core; this module adds the area's own
export { instantOf, isBlank, isPositiveInteger, nowOf } from '@oa/core';

export function addDays(iso: string, days: number): string {
  return new Date(nowOf(iso) + days * 24 * 60 * 60 * 1000).toISOString();
}
