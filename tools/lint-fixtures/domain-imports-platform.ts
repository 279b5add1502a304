// lint-as: libs/domain/seals/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { EventStore } from '@oa/platform';
export const leaked = EventStore;
