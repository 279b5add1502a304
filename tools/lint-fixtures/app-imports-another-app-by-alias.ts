// lint-as: apps/seals/src/application/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { DocumentsModule } from '@oa/app-documents';
export const leaked = DocumentsModule;
