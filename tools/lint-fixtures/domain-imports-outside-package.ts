// lint-as: libs/domain/seals/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { DataSource } from 'typeorm';
export const leaked = DataSource;
