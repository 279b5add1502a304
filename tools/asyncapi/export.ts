/**
 * 导出 AsyncAPI (export the event contract): writes <out> (default docs/asyncapi.json) from the
 * event types in the code. `npm test` exports to a temporary file and fails when the committed
 * document differs, so the contract never drifts from the code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from './asyncapi-document';
import { readEventCatalog } from './event-catalog';

const out = process.argv[2] ?? join(__dirname, '..', '..', 'docs', 'asyncapi.json');
const { version } = require('../../package.json') as { version: string };
writeFileSync(out, `${JSON.stringify(asyncApiDocument(readEventCatalog(), version), null, 2)}\n`);
console.log(`[asyncapi] → ${out}`);
