// lint-as: libs/domain/seals/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { meetingDecider } from '@oa/domain-meetings';
export const leaked = meetingDecider;
