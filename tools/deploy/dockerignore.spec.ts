import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore from '@balena/dockerignore';

const root = join(__dirname, '../..');
const rules = readFileSync(join(root, '.dockerignore'), 'utf8');
const ignored = ignore().add(rules);

/**
 * The build context `docker build` sends for deploy/Dockerfile (`COPY . .`): every file of the
 * tree .dockerignore does not exclude, read with Docker's own matching rules. A folder it
 * excludes is not entered, as Docker does when no rule re-includes anything (checked below).
 */
function buildContext(folder = ''): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (ignored.ignores(path)) return [];
    return entry.isDirectory() ? buildContext(path) : [path];
  });
}

describe('the image build context (.dockerignore read against the tree)', () => {
  const context = buildContext();

  it('re-includes nothing, so an excluded folder is excluded whole', () => {
    expect(rules.split('\n').filter((line) => line.trim().startsWith('!'))).toEqual([]);
  });

  it('carries no .cache, node_modules, dist or git history of this working tree', () => {
    expect(context.filter((path) => /(^|\/)(\.cache|node_modules|\.git|\.nx)(\/|$)|^dist\//.test(path))).toEqual([]);
  });

  it('carries no key file: no PEM, no key, no environment file, none of the dev secrets', () => {
    expect(context.filter((path) => /\.(pem|key|p12)$|(^|\/)\.env$|\.env$|dev-[\w-]*(key|secret)/.test(path))).toEqual([]);
  });

  it('leaves out what a fresh tree does not hold yet but a used one does: the dev keys, Kafka, installed and built files', () => {
    for (const path of [
      '.cache/dev-jwt-secret',
      '.cache/dev-audit-signing-key.pem',
      '.cache/kafka/kafka_2.13-3.9.1/libs/kafka-clients.jar',
      'node_modules/pg/package.json',
      'bench/node_modules/pg/package.json',
      'dist/apps/seals/src/main.js',
      'deploy/.env',
      'deploy/tls/server.key',
      'keys/audit-signing.pem',
    ]) {
      expect([path, ignored.ignores(path)]).toEqual([path, true]);
    }
  });

  it('carries what the image is built from', () => {
    expect(context).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', '.npmrc', 'nx.json', 'tsconfig.base.json', 'tools/build/compile.mjs', 'tools/install-deps.sh', 'tools/audit-verify/verify.mjs', 'apps/seals/src/main.ts', 'apps/console/index.html', 'docs/deployment.md', 'deploy/env.example']));
  });
});
