import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DIR-2 / DIR-5: who holds which clearance or post is the directory's to say, never a request's.
 * Every request body of the services (their exported OpenAPI documents, which the test command
 * keeps current) is searched for a field naming a clearance or a post; the directory itself, the
 * system of record, is where they are granted and assigned.
 */
const AUTHORITY_FIELD = /^(clearance|clearanceLevel|secrecyClearance|post|postId|postKind|posts)$/i;
const OPENAPI = join(__dirname, '../../docs/openapi');

type Schema = { properties?: Record<string, Schema>; items?: Schema; $ref?: string; allOf?: Schema[] };
type Document = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };

/** Every `a.b[].c` field of a schema, references followed once. */
function fieldsOf(schema: Schema | undefined, document: Document, prefix = '', seen = new Set<string>()): string[] {
  if (schema === undefined) return [];
  if (schema.$ref !== undefined) {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    return fieldsOf(document.components?.schemas?.[schema.$ref.split('/').at(-1)!], document, prefix, seen);
  }
  const own = Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [`${prefix}${name}`, ...fieldsOf(property, document, `${prefix}${name}.`, seen)]);
  return [...own, ...fieldsOf(schema.items, document, prefix.replace(/\.$/, '[].'), seen), ...(schema.allOf ?? []).flatMap((part) => fieldsOf(part, document, prefix, seen))];
}

describe('request bodies carry no clearance and no post (DIR-2, DIR-5)', () => {
  const services = readdirSync(OPENAPI).filter((file) => file.endsWith('.json') && file !== 'directory.json');

  it('reads the OpenAPI documents of every service but the directory', () => {
    expect(services.sort()).toEqual(['affairs.json', 'archives.json', 'audit.json', 'documents.json', 'meetings.json', 'seals.json']);
  });

  it.each(services)('%s: no request field names a clearance or a post', (file) => {
    const document = JSON.parse(readFileSync(join(OPENAPI, file), 'utf8')) as Document;
    const offending = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.values(operation.requestBody?.content ?? {})
          .flatMap((content) => fieldsOf(content.schema, document))
          .filter((field) => AUTHORITY_FIELD.test(field.split(/[.[\]]+/).filter(Boolean).at(-1)!))
          .map((field) => `${method.toUpperCase()} ${path}: ${field}`),
      ),
    );
    expect(offending).toEqual([]);
  });
});
