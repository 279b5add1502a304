// lint-as: apps/seals/src/application/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { meetingDecider } from '@oa/domain-meetings';
export const leaked = meetingDecider;
