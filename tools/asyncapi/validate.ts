/**
 * 校验 AsyncAPI (validate the event contract) with the AsyncAPI parser: any diagnostic of
 * error or warning severity fails, so the document stays clean, as the OpenAPI lint does.
 */
import { readFileSync } from 'node:fs';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'docs/asyncapi.json';
  const { document, diagnostics } = await new Parser().parse(readFileSync(file, 'utf8'), { source: file });
  const problems = diagnostics.filter((diagnostic) => diagnostic.severity <= DiagnosticSeverity.Warning);
  for (const problem of problems) console.error(`[asyncapi] ${DiagnosticSeverity[problem.severity]} ${problem.code} ${problem.path.join('.')}: ${problem.message}`);
  if (!document || problems.length > 0) {
    console.error(`[asyncapi] ${file} 未通过校验 (invalid contract)`);
    process.exit(1);
  }
  console.log(`[asyncapi] ${file}: ${document.channels().length} 个主题, ${document.messages().length} 种消息, 校验通过 (valid)`);
}

main().catch((error: unknown) => {
  console.error(`[asyncapi] 校验失败 (validation failed): ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
