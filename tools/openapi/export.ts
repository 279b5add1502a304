/**
 * 导出 OpenAPI (export each service's OpenAPI document): starts every service on a free port
 * against the resolved PostgreSQL and Kafka, reads /api/docs-json and writes
 * <out>/<service>.json (default docs/openapi). `npm test` exports to a temporary folder and
 * fails when the committed documents differ, so the contract never drifts from the code.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { startService, type ServiceDefinition } from '@oa/platform';
import { ArchivesModule, archivesService } from '@oa/app-archives';
import { AuditModule, auditService } from '@oa/app-audit';
import { DirectoryModule, directoryService } from '@oa/app-directory';
import { AffairsModule, affairsService } from '@oa/app-affairs';
import { DocumentsModule, documentsService } from '@oa/app-documents';
import { MeetingsModule, meetingsService } from '@oa/app-meetings';
import { SealsModule, sealsService } from '@oa/app-seals';

const SERVICES: ReadonlyArray<[ServiceDefinition, new () => object]> = [
  [documentsService, DocumentsModule],
  [meetingsService, MeetingsModule],
  [archivesService, ArchivesModule],
  [sealsService, SealsModule],
  [auditService, AuditModule],
  [directoryService, DirectoryModule],
  [affairsService, AffairsModule],
];

async function main(): Promise<void> {
  const out = process.argv[2] ?? join(__dirname, '..', '..', 'docs', 'openapi');
  mkdirSync(out, { recursive: true });
  // Only the document is read: nothing relays, consumes or runs on a schedule meanwhile.
  const env = {
    ...process.env,
    PORT: '0',
    RELAY_ENABLED: 'false',
    CONSUMERS_ENABLED: 'false',
    SCHEDULE_INTERVAL_SECONDS: '0',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    JWT_SECRET: process.env['JWT_SECRET'] ?? randomBytes(32).toString('hex'),
    DOCUMENT_CONTENT_KEY: process.env['DOCUMENT_CONTENT_KEY'] ?? randomBytes(32).toString('hex'),
    MEETING_CONTENT_KEY: process.env['MEETING_CONTENT_KEY'] ?? randomBytes(32).toString('hex'),
    ARCHIVE_CONTENT_KEY: process.env['ARCHIVE_CONTENT_KEY'] ?? randomBytes(32).toString('hex'),
    AUDIT_SIGNING_KEY: process.env['AUDIT_SIGNING_KEY'] ?? generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  for (const [definition, module] of SERVICES) {
    const running = await startService(definition, module as never, env);
    try {
      const document = await (await fetch(`${running.url}/api/docs-json`)).json();
      writeFileSync(join(out, `${definition.service}.json`), `${JSON.stringify(document, null, 2)}\n`);
      console.log(`[openapi] ${definition.service} → ${join(out, `${definition.service}.json`)}`);
    } finally {
      await running.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(`[openapi] 导出失败 (export failed): ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
