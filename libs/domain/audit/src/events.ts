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
 * Every service's AccessDenied and HiddenItemProbed (AUD-11), with the fields read. Their types
 * are @oa/platform's (libs/common/platform/src/auth/security-log.ts), which a domain library may
 * not import. A probe carries the item's id and stream type, never its title (COMMON-3).
 */
export type AccessDenied = DomainEvent<'AccessDenied', { readonly method: string; readonly path: string; readonly reason: string; readonly status: number }>;
export type HiddenItemProbed = DomainEvent<
  'HiddenItemProbed',
  { readonly method: string; readonly path: string; readonly itemId: string; readonly streamType: string; readonly reason: string; readonly status: number }
>;
