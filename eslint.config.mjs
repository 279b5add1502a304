import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * The dependency rules of ARCHITECTURE.md and STYLE.md, enforced: each has a deliberately
 * violating fixture under tools/lint-fixtures/ that `npm test` expects to fail.
 */
const boundaries = {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      // apps never import each other; they use domain, platform, core, testing
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:core', 'type:testing'] },
      // the domain is pure: the core and other domain libs (the scope rules below say which), no outside package
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:core', 'type:domain'], bannedExternalImports: ['*'] },
      { sourceTag: 'type:core', onlyDependOnLibsWithTags: [], bannedExternalImports: ['*'] },
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:core', 'type:testing'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:core'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:domain', 'type:platform', 'type:core', 'type:testing'] },
      // areas: seals reads documents' event types, archives those of documents and meetings, audit all; every area reads the directory (DIR-4)
      { sourceTag: 'scope:seals', onlyDependOnLibsWithTags: ['scope:seals', 'scope:directory', 'scope:documents', 'scope:shared'] },
      { sourceTag: 'scope:archives', onlyDependOnLibsWithTags: ['scope:archives', 'scope:directory', 'scope:documents', 'scope:meetings', 'scope:shared'] },
      { sourceTag: 'scope:documents', onlyDependOnLibsWithTags: ['scope:documents', 'scope:directory', 'scope:shared'] },
      { sourceTag: 'scope:meetings', onlyDependOnLibsWithTags: ['scope:meetings', 'scope:directory', 'scope:shared'] },
      { sourceTag: 'scope:directory', onlyDependOnLibsWithTags: ['scope:directory', 'scope:shared'] },
      { sourceTag: 'scope:affairs', onlyDependOnLibsWithTags: ['scope:affairs', 'scope:directory', 'scope:documents', 'scope:meetings', 'scope:shared'] },
      { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:audit', 'scope:documents', 'scope:meetings', 'scope:archives', 'scope:seals', 'scope:directory', 'scope:affairs', 'scope:shared'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['*'] },
    ],
        };

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.cache/**', '.nx/**', 'tools/lint-fixtures/**', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // end-to-end tests, the contract export, the administration CLI and the benchmark start the services: the only places an app is imported
    files: ['test/**/*.ts', 'tools/openapi/**/*.ts', 'tools/cli/**/*.ts', 'tools/deploy/**/*.ts', 'bench/src/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { ...boundaries, allow: ['@oa/app-*'] }] },
  },
  {
    // seals and archives may read other areas' event *types* only, never their deciders
    files: ['apps/seals/**/*.ts', 'libs/domain/seals/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: '@oa/domain-documents', message: '印章服务只能引用公文领域的事件类型 (type-only imports)', allowTypeImports: true }] }],
    },
  },
  {
    files: ['apps/archives/**/*.ts', 'libs/domain/archives/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
    paths: [
      { name: '@oa/domain-documents', message: '档案服务只能引用公文领域的事件类型 (type-only imports)', allowTypeImports: true },
      { name: '@oa/domain-meetings', message: '档案服务只能引用会议领域的事件类型 (type-only imports)', allowTypeImports: true },
    ],
        },
      ],
    },
  },
  {
    files: ['apps/affairs/**/*.ts', 'libs/domain/affairs/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@oa/domain-documents', message: '办事服务只能引用公文领域的事件类型 (type-only imports)', allowTypeImports: true },
            { name: '@oa/domain-meetings', message: '办事服务只能引用会议领域的事件类型 (type-only imports)', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // every rule lives in libs/domain: apps cannot raise a RuleViolation themselves
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='RuleViolation']", message: '规则只在 libs/domain 中定义：应用层不得抛出 RuleViolation' }],
    },
  },
  {
    // controllers and DTOs know HTTP, not storage or the broker
    files: ['apps/*/src/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
    paths: [
      { name: 'typeorm', message: 'api/ 不得直接使用 TypeORM' },
      { name: 'kafkajs', message: 'api/ 不得直接使用 KafkaJS' },
    ],
    patterns: [{ group: ['**/infrastructure/**', '../infrastructure', '../infrastructure/*'], message: 'api/ 不得引用 infrastructure/' }],
        },
      ],
    },
  },
);
