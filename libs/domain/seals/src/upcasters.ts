import type { Upcaster } from '@oa/core';
import type { SealUsageApplicationApproved, SealUsageRecorded } from './seal-usage-application/seal-usage-application.events';

/**
 * The seals events whose shape changed, lifted to the current one on every read. SEAL-7: an
 * approval or a usage of version 1 recorded no document facts, so it reads as relying on none
 * (the field is optional; the step only moves the version).
 */
export const sealsUpcasters: readonly Upcaster[] = [
  { type: 'SealUsageApplicationApproved', fromVersion: 1, upcast: (data: SealUsageApplicationApproved['data']): SealUsageApplicationApproved['data'] => data },
  { type: 'SealUsageRecorded', fromVersion: 1, upcast: (data: SealUsageRecorded['data']): SealUsageRecorded['data'] => data },
];
