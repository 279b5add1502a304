/** Seal kinds (印章种类) with their Chinese names, as DOMAIN.md lists them. */
export const SEAL_KINDS = {
  partyCommittee: '党委印章',
  administrative: '行政印章',
  office: '办公室印章',
  special: '专用章',
  embossed: '钢印',
  personalName: '名章',
} as const;

export type SealKind = keyof typeof SEAL_KINDS;

export const sealKinds: readonly SealKind[] = Object.keys(SEAL_KINDS) as SealKind[];

export function isSealKind(value: unknown): value is SealKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SEAL_KINDS, value);
}
