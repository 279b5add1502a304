// lint-as: apps/seals/src/application/lint-fixture.ts
// expect: @typescript-eslint/no-restricted-imports
import { outgoingDocumentDecider } from '@oa/domain-documents';
export const leaked = outgoingDocumentDecider;
