// lint-as: apps/seals/src/application/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { DocumentsModule } from '../../../documents/src/documents.module';
export const leaked = DocumentsModule;
