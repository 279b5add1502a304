import { RuleViolation, type ViolationKind } from './rule-violation';

/** Throws nothing itself: decide writes `throw refuse(...)`, so control flow stays visible. */
export type Refuse<Code extends string> = (code: Code, kind: ViolationKind, detail?: string) => RuleViolation;

/**
 * An area's rule book: its table of stable codes and Chinese titles, and the one way its
 * deciders refuse. The title is looked up here, so no area builds a `RuleViolation` by hand
 * and no code can be refused without a title.
 */
export function ruleBook<Code extends string>(titles: Readonly<Record<Code, string>>): Refuse<Code> {
  return (code, kind, detail) => new RuleViolation(code, kind, titles[code], detail ?? titles[code]);
}
