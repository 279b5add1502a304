// @ts-check
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * One Jest run, two projects: `unit` (pure, *.spec.ts) needs nothing; `integration`
 * (*.int.spec.ts, test/**\/*.e2e.spec.ts) runs against the real PostgreSQL and Kafka that
 * the global setup provisions, each run in its own database and topics.
 */
const { compilerOptions } = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8'));
/** Jest's module map from the tsconfig path aliases, so there is one list of aliases. */
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, join(__dirname, target)]),
);
const shared = {
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/', '/tools/lint-fixtures/'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts', '<rootDir>/test/**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/tools/jest/global-setup.ts',
      globalTeardown: '<rootDir>/tools/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/integration.setup.ts'],
    },
  ],
};
