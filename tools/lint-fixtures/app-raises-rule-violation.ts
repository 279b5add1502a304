// lint-as: apps/seals/src/application/lint-fixture.ts
// expect: no-restricted-syntax
import { RuleViolation } from '@oa/core';
export const refused = new RuleViolation('SEAL-3', 'conflict', '先审批后用印');
