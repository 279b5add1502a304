// lint-as: libs/common/core/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { Injectable } from '@nestjs/common';
export const leaked = Injectable;
