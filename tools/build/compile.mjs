#!/usr/bin/env node
// 编译 (compile): TypeScript sources into dist/ beside their place in the repository
// (dist/apps/seals/src/main.js …), with the @oa/* aliases of tsconfig.base.json rewritten to
// relative requires, so production runs `node dist/…` without a TypeScript loader.
// Usage: node tools/build/compile.mjs <source folder>...   (the Nx build targets call it)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { swcDir } from '@swc/cli';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const sources = process.argv.slice(2);
if (sources.length === 0) {
  console.error('用法 (usage): node tools/build/compile.mjs <源目录>...');
  process.exit(2);
}
process.chdir(root);
await swcDir({
  cliOptions: {
    filenames: sources,
    outDir: 'dist',
    extensions: ['.ts'],
    // the CLI's TypeScript loader (tools/cli/oa.js) is for the repository: dist/tools/cli/oa.js is oa.ts compiled
    ignore: ['**/*.spec.ts', '**/*.fixtures.ts', 'tools/cli/oa.js'],
    copyFiles: true,
    includeDotfiles: false,
    deleteDirOnStart: false,
    stripLeadingPaths: false,
    sync: false,
    quiet: true,
    watch: false,
    logWatchCompilation: false,
    only: [],
  },
  swcOptions: {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      baseUrl: root,
      paths: compilerOptions.paths,
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
  },
  callbacks: {
    onFail(event) {
      for (const [file, reason] of event.reasons) console.error(`${file}: ${reason}`);
      process.exit(1);
    },
  },
});
