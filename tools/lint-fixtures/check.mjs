// Each fixture breaks one boundary rule on purpose; this fails unless ESLint reports exactly
// that rule for it. A rule never seen failing is not a rule.
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const eslint = new ESLint({ cwd: root, ignore: false });
let failures = 0;
for (const name of readdirSync(here).filter((file) => file.endsWith('.ts')).sort()) {
  const code = readFileSync(join(here, name), 'utf8');
  const lintAs = /^\/\/ lint-as: (.+)$/m.exec(code)?.[1];
  const expected = /^\/\/ expect: (.+)$/m.exec(code)?.[1];
  if (!lintAs || !expected) {
    console.error(`✗ ${name}: 缺少 lint-as 或 expect 标注 (missing header)`);
    failures += 1;
    continue;
  }
  const [result] = await eslint.lintText(code, { filePath: join(root, lintAs) });
  const rules = result.messages.filter((message) => message.severity === 2).map((message) => message.ruleId);
  if (rules.includes(expected)) {
    console.log(`✓ ${name}: ${expected} 如期报错 (fails as it must)`);
  } else {
    console.error(`✗ ${name}: 期望 ${expected} 报错，实际 ${JSON.stringify(rules)} (boundary rule not enforced)`);
    failures += 1;
  }
}
if (failures > 0) process.exit(1);
