// lint-as: libs/domain/seals/src/lint-fixture.ts
// expect: @typescript-eslint/no-restricted-imports
import { outgoingDocumentDecider } from '@oa/domain-documents';
export const leaked = outgoingDocumentDecider;
