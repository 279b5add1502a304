// lint-as: apps/seals/src/api/lint-fixture.ts
// expect: @typescript-eslint/no-restricted-imports
import { leaked } from '../infrastructure/read-models';
export const again = leaked;
