import type { HashAlgorithm } from '@oa/core';

/** What an office configures (DOMAIN.md: a configured value is configuration, not code). */
export interface ArchivesConfig {
  /** ARC-3: documents of a year are filed by this day of the next year (default 30 June). */
  readonly filingDeadline: { readonly month: number; readonly day: number };
  /** The office's time zone, for calendar dates of instants (default UTC+8). */
  readonly utcOffsetMinutes: number;
  /** ARC-4 usability: accepted file formats, lower case (default pdf, ofd, xml, jpg, tif, txt). */
  readonly acceptedFormats: readonly string[];
  /** ARC-4 authenticity: hash algorithms a component may be recorded with (SHA-256, SM3 国密). */
  readonly acceptedHashAlgorithms: readonly HashAlgorithm[];
  /** ARC-3: whether the filing stamp (归档章) shows the organisation code. */
  readonly filingStampShowsOrganisation: boolean;
  /** ARC-1: who files items and records returns (any one of them). */
  readonly archivistRoles: readonly string[];
  /** ARC-5: who approves a loan of an unclassified item (any one of them). */
  readonly loanApproverRoles: readonly string[];
  /** ARC-5: who approves a loan of a classified item, 秘密 and above (default the office director). */
  readonly classifiedLoanApproverRoles: readonly string[];
  /** ARC-6: who appraises (鉴定小组). */
  readonly appraisalRoles: readonly string[];
  /** ARC-6: who approves a destruction (default the leader). */
  readonly destructionApproverRoles: readonly string[];
  /** ARC-6: witnesses of a destruction (监销人), at least 2. */
  readonly minimumDestructionWitnesses: number;
}

export const defaultArchivesConfig: ArchivesConfig = {
  filingDeadline: { month: 6, day: 30 },
  utcOffsetMinutes: 480,
  acceptedFormats: ['pdf', 'ofd', 'xml', 'jpg', 'tif', 'txt'],
  acceptedHashAlgorithms: ['sha256', 'sm3'],
  filingStampShowsOrganisation: true,
  archivistRoles: ['archivist'],
  loanApproverRoles: ['archivist', 'officeDirector'],
  classifiedLoanApproverRoles: ['officeDirector'],
  appraisalRoles: ['appraisalCommittee'],
  destructionApproverRoles: ['leader'],
  minimumDestructionWitnesses: 2,
};

export type ArchivesConfigOverrides = Partial<ArchivesConfig>;

/** The defaults with an office's overrides; refuses a configuration that could never be met. */
export function archivesConfig(overrides: ArchivesConfigOverrides = {}): ArchivesConfig {
  const config: ArchivesConfig = { ...defaultArchivesConfig, ...overrides };
  const { month, day } = config.filingDeadline;
  const probe = new Date(Date.UTC(2001, month - 1, day));
  if (!Number.isInteger(month) || !Number.isInteger(day) || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new TypeError(`filingDeadline must be a day of the year, got ${month}/${day}`);
  }
  if (!Number.isInteger(config.utcOffsetMinutes) || Math.abs(config.utcOffsetMinutes) > 14 * 60) {
    throw new TypeError(`utcOffsetMinutes must be a whole offset within ±14h, got ${config.utcOffsetMinutes}`);
  }
  if (config.acceptedFormats.length === 0) throw new TypeError('acceptedFormats must name at least one format');
  if (config.acceptedHashAlgorithms.length === 0) throw new TypeError('acceptedHashAlgorithms must name at least one algorithm');
  if (!Number.isInteger(config.minimumDestructionWitnesses) || config.minimumDestructionWitnesses < 2) {
    throw new TypeError('ARC-6: minimumDestructionWitnesses must be at least 2');
  }
  for (const key of ['archivistRoles', 'loanApproverRoles', 'classifiedLoanApproverRoles', 'appraisalRoles', 'destructionApproverRoles'] as const) {
    if (config[key].length === 0) throw new TypeError(`${key} must name at least one role`);
  }
  return { ...config, acceptedFormats: config.acceptedFormats.map((format) => format.toLowerCase()) };
}

export function holdsAnyRole(roles: readonly string[], wanted: readonly string[]): boolean {
  return wanted.some((role) => roles.includes(role));
}
