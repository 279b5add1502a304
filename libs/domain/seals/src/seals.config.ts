import { sealKinds, type SealKind } from './seal/seal.kinds';

/**
 * Roles an approver must hold: every role of `allOf` and, when `anyOf` is not empty, at
 * least one of `anyOf`.
 */
export interface ApproverRoleRequirement {
  readonly allOf: readonly string[];
  readonly anyOf: readonly string[];
}

/** What an office configures (DOMAIN.md: a configured value is configuration, not code). */
export interface SealsConfig {
  /** SEAL-3: days an approved application stays valid (default 7). */
  readonly applicationValidityDays: number;
  /** SEAL-4: roles of the approver of a usage application, per seal kind. */
  readonly usageApproverRoles: Readonly<Record<SealKind, ApproverRoleRequirement>>;
  /** SEAL-8: roles of whoever approves a checkout (any one of them; default the principal leader). */
  readonly checkoutApproverRoles: readonly string[];
}

const sealApproverOnly: ApproverRoleRequirement = { allOf: ['sealApprover'], anyOf: [] };
/** SEAL-4 公章、党委印章由办公室主任及以上审批: office director or a leader, besides sealApprover. */
const officeDirectorOrAbove: ApproverRoleRequirement = { allOf: ['sealApprover'], anyOf: ['officeDirector', 'leader'] };

export const defaultSealsConfig: SealsConfig = {
  applicationValidityDays: 7,
  usageApproverRoles: {
    partyCommittee: officeDirectorOrAbove,
    administrative: officeDirectorOrAbove,
    office: sealApproverOnly,
    special: sealApproverOnly,
    embossed: sealApproverOnly,
    personalName: sealApproverOnly,
  },
  checkoutApproverRoles: ['leader'],
};

export interface SealsConfigOverrides {
  readonly applicationValidityDays?: number;
  readonly usageApproverRoles?: Partial<Readonly<Record<SealKind, ApproverRoleRequirement>>>;
  readonly checkoutApproverRoles?: readonly string[];
}

/** The defaults with an office's overrides; refuses a configuration that could never be met. */
export function sealsConfig(overrides: SealsConfigOverrides = {}): SealsConfig {
  const config: SealsConfig = {
    applicationValidityDays: overrides.applicationValidityDays ?? defaultSealsConfig.applicationValidityDays,
    usageApproverRoles: { ...defaultSealsConfig.usageApproverRoles, ...overrides.usageApproverRoles },
    checkoutApproverRoles: overrides.checkoutApproverRoles ?? defaultSealsConfig.checkoutApproverRoles,
  };
  if (!(config.applicationValidityDays > 0) || !Number.isFinite(config.applicationValidityDays)) {
    throw new TypeError(`applicationValidityDays must be a positive number, got ${config.applicationValidityDays}`);
  }
  if (config.checkoutApproverRoles.length === 0) throw new TypeError('checkoutApproverRoles must name at least one role');
  for (const kind of sealKinds) {
    const requirement = config.usageApproverRoles[kind];
    if (!requirement || requirement.allOf.length + requirement.anyOf.length === 0) {
      throw new TypeError(`usageApproverRoles.${kind} must name at least one role`);
    }
  }
  return config;
}

export function holdsApproverRoles(roles: readonly string[], requirement: ApproverRoleRequirement): boolean {
  return (
    requirement.allOf.every((role) => roles.includes(role)) &&
    (requirement.anyOf.length === 0 || requirement.anyOf.some((role) => roles.includes(role)))
  );
}
