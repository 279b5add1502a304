// lint-as: apps/seals/src/api/lint-fixture.ts
// expect: @typescript-eslint/no-restricted-imports
import { DataSource } from 'typeorm';
export const leaked = DataSource;
