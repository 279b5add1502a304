import type { DomainEvent } from '@oa/core';

/**
 * The streams the detectors read, by the stream types the areas' deciders declare. The events
 * themselves are the areas' own types, imported (type-only) from @oa/domain-seals, -documents,
 * -meetings and -archives.
 */
export const STREAM_TYPES = {
  seal: 'seal',
  sealUsageApplication: 'sealUsageApplication',
  meeting: 'meeting',
  minutes: 'minutes',
  outgoingDocument: 'outgoingDocument',
  incomingDocument: 'incomingDocument',
  archiveItem: 'archiveItem',
  securityLog: 'securityLog',
} as const;

/**
 * Every service's AccessDenied (AUD-11), with the fields read. Its type is @oa/platform's
 * (libs/common/platform/src/auth/security-log.ts), which a domain library may not import.
 */
export type AccessDenied = DomainEvent<'AccessDenied', { readonly method: string; readonly path: string; readonly reason: string; readonly status: number }>;
