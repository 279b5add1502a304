/** How a refusal maps onto HTTP: one platform filter turns the kind into the status. */
export type ViolationKind = 'invalid' | 'forbidden' | 'notFound' | 'conflict' | 'unprocessable';

/**
 * A refused command. `code` is stable English (e.g. `SEAL-3`, `COMMON.VERSION_CONFLICT`);
 * `title` and `detail` are the Chinese text shown to users. Codes survive process
 * boundaries where `instanceof` does not.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly kind: ViolationKind,
    readonly title: string,
    readonly detail: string = title,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'RuleViolation';
  }
}

export function isRuleViolation(error: unknown): error is RuleViolation {
  return error instanceof Error && error.name === 'RuleViolation' && typeof (error as RuleViolation).code === 'string';
}
