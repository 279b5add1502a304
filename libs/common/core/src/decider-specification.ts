import { canonicalJson } from './canonical-json';
import type { Command, Decider, DomainEvent } from './decider';
import { fold } from './decider';
import { isRuleViolation } from './rule-violation';

/**
 * Given events / when command / then events or the refusal, for any decider.
 * Pure: it throws a plain Error with both sides as canonical JSON, so it works under any runner.
 */
export const DeciderSpecification = {
  for<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
    return {
      given(events: readonly E[] = []) {
        return {
          when(command: C) {
            const run = () => decider.decide(command, fold(decider, events));
            return {
              then(expected: readonly E[]): readonly E[] {
                const actual = run();
                const want = canonicalJson(expected);
                const got = canonicalJson(actual);
                if (want !== got) throw new Error(`expected events\n  ${want}\nbut decide produced\n  ${got}`);
                return actual;
              },
              thenNothingHappens(): void {
                const actual = run();
                if (actual.length > 0) throw new Error(`expected no events but decide produced ${canonicalJson(actual)}`);
              },
              thenThrows(code: string): void {
                let produced: readonly E[];
                try {
                  produced = run();
                } catch (error) {
                  if (isRuleViolation(error) && error.code === code) return;
                  throw new Error(`expected refusal ${code} but got ${isRuleViolation(error) ? error.code : String(error)}`);
                }
                throw new Error(`expected refusal ${code} but decide produced ${canonicalJson(produced)}`);
              },
            };
          },
        };
      },
    };
  },
};
