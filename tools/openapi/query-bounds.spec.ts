import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A client reading the contract learns every bound the validation enforces: each `limit` query
 * parameter of every service states its maximum (a request over it is a 400).
 */
const OPENAPI = join(__dirname, '../../docs/openapi');

type Parameter = { name: string; in: string; schema?: { maximum?: number } };
type Document = { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };

describe('query bounds stated in the contract', () => {
  it('every limit parameter states its maximum (GET /audit/entries: 10000)', () => {
    const unbounded: string[] = [];
    let entriesLimit: number | undefined;
    for (const file of readdirSync(OPENAPI).filter((name) => name.endsWith('.json'))) {
      const document = JSON.parse(readFileSync(join(OPENAPI, file), 'utf8')) as Document;
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const limit = (operation.parameters ?? []).find((parameter) => parameter.in === 'query' && parameter.name === 'limit');
          if (limit && limit.schema?.maximum === undefined) unbounded.push(`${file} ${method.toUpperCase()} ${path}`);
          if (limit && path.endsWith('/audit/entries') && method === 'get') entriesLimit = limit.schema?.maximum;
        }
      }
    }
    expect(unbounded).toEqual([]);
    expect(entriesLimit).toBe(10000);
  });
});
