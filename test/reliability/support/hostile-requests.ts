import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { ROLE_NAMES, SEPARATED_ADMIN_ROLES, type Role } from '@oa/platform';
import { SECRECY_LEVELS } from '@oa/core';
import type { Service } from './stack';

/** The subset of JSON Schema the committed OpenAPI documents use. */
interface Schema {
  readonly type?: string;
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: Schema;
}

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly schema?: Schema;
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  readonly components: { schemas: Record<string, Schema> };
}

export interface Operation {
  readonly service: Service;
  readonly method: string;
  /** As in the document, with `{id}` placeholders, without the /api/v1 prefix. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body?: Schema;
  readonly document: OpenApiDocument;
}

/** Every operation of the committed OpenAPI documents (docs/openapi/<service>.json) under /api/v1. */
export function operationsOf(services: readonly Service[]): Operation[] {
  return services.flatMap((service) => {
    const document = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'openapi', `${service}.json`), 'utf8')) as OpenApiDocument;
    return Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          service,
          method: method.toUpperCase(),
          path: path.slice('/api/v1'.length),
          parameters: operation.parameters ?? [],
          body: operation.requestBody?.content['application/json']?.schema,
          document,
        })),
      );
  });
}

function resolve(schema: Schema, document: OpenApiDocument): Schema {
  if (schema.$ref) return resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!, document);
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolve(part, document));
    return { type: 'object', properties: Object.assign({}, ...parts.map((part) => part.properties)), required: parts.flatMap((part) => part.required ?? []) };
  }
  return schema;
}

const DATE_LIKE = /At$|date|deadline|due|from|to$|asOf|effective/i;

/** A value the schema admits (within bounds), so the mutations below are near misses, not noise. */
export function conforming(schema: Schema, document: OpenApiDocument, name = '', depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, document);
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  switch (resolved.type) {
    case 'string':
      if (resolved.format === 'uuid') return fc.uuid();
      if (DATE_LIKE.test(name)) return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString());
      return fc.string({ minLength: 1, maxLength: Math.min(resolved.maxLength ?? 30, 30) });
    case 'number':
    case 'integer':
      return fc.integer({ min: Math.max(resolved.minimum ?? -1000, -1e6), max: Math.min(resolved.maximum ?? 1000, 1e6) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 || !resolved.items ? fc.constant([]) : fc.array(conforming(resolved.items, document, name, depth + 1), { maxLength: 3 });
    default: {
      const properties = Object.entries(resolved.properties ?? {});
      if (depth > 4 || properties.length === 0) return fc.constant({});
      return fc.record(Object.fromEntries(properties.map(([key, property]) => [key, conforming(property, document, key, depth + 1)])), {
        requiredKeys: (resolved.required ?? []).filter((key) => resolved.properties?.[key]),
      });
    }
  }
}

const SQL = ["' OR '1'='1", "'; DROP TABLE events; --", '1; SELECT pg_sleep(30)', "\\'; TRUNCATE seals.events CASCADE; --", '$$; COPY x TO PROGRAM $$id', "' UNION SELECT * FROM pg_shadow --"];
const SCRIPT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{constructor.constructor("return process")()}}', '${process.exit(1)}', '../../../../etc/passwd'];
const DATES = ['9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.001Z', '-271821-04-19T00:00:00.000Z', '0000-00-00T00:00:00Z', '2026-02-30T00:00:00Z', '2026-13-01', '1970-01-01T00:00:00Z', 'yesterday', '2026-12-01T25:61:61Z', ''];
const NUMBERS = [1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, 0, -0, 0.5, 1e-320, 2 ** 31, -(2 ** 63)];
const STRANGE_STRINGS = ['', ' ', '\u0000', '\uD800', '\uDFFF\uD800', '\u202E', 'null', 'undefined', 'NaN', '__proto__', '%00', '%2e%2e%2f', '\r\nX-Injected: 1'];

/** A value of the wrong kind, a hostile string, an out-of-range date or number. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...SQL, ...SCRIPT, ...DATES, ...NUMBERS, ...STRANGE_STRINGS, null, true, false, [], {}, [null], { $gt: '' }, { __proto__: { admin: true } }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(60_000, 95_000).chain((length) => fc.constantFrom('x'.repeat(length), '中'.repeat(length / 3), '\u{1F600}'.repeat(length / 4))),
  fc.jsonValue({ maxDepth: 3 }),
  fc.double(),
);

/** A body that fits the schema except for one mistake: a wrong value, a missing or an extra field. */
function nearMiss(schema: Schema, document: OpenApiDocument): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, document);
  const keys = Object.keys(resolved.properties ?? {});
  const base = conforming(schema, document);
  const asObject = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  return fc.oneof(
    base,
    keys.length === 0 ? base : fc.tuple(base, fc.constantFrom(...keys), hostileValue).map(([value, key, wrong]) => ({ ...asObject(value), [key]: wrong })),
    keys.length === 0 ? base : fc.tuple(base, fc.constantFrom(...keys)).map(([value, key]) => Object.fromEntries(Object.entries(asObject(value)).filter(([name]) => name !== key))),
    fc.tuple(base, fc.constantFrom('extra', 'id', 'actor', 'streamVersion', 'constructor', 'prototype', '__proto__'), hostileValue).map(([value, key, extra]) => {
      const copy = { ...asObject(value) };
      Object.defineProperty(copy, key, { value: extra, enumerable: true, writable: true, configurable: true });
      return copy;
    }),
    hostileValue,
  );
}

export interface RawBody {
  readonly contentType?: string;
  readonly bytes?: Uint8Array;
  readonly label: string;
}

const encoder = new TextEncoder();
const json = (value: unknown, label: string): RawBody => ({ contentType: 'application/json', bytes: encoder.encode(JSON.stringify(value) ?? 'null'), label });

/** Byte sequences that are not UTF-8: a lone continuation byte, an overlong encoding, a surrogate, 0xFF. */
const INVALID_UTF8 = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0xc3, 0x28], [0xf4, 0x90, 0x80, 0x80]];

function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Everything a body can be: near misses of the schema, broken bytes, deep or oversized JSON, the wrong media type, none. */
export function hostileBody(operation: Operation): fc.Arbitrary<RawBody> {
  const schema = operation.body ?? { type: 'object' };
  return fc.oneof(
    { weight: 6, arbitrary: nearMiss(schema, operation.document).map((value) => json(value, 'near-miss')) },
    {
      weight: 1,
      arbitrary: fc.tuple(conforming(schema, operation.document), fc.constantFrom(...INVALID_UTF8)).map(([value, bad]) => {
        const text = JSON.stringify(value) ?? '{}';
        const at = text.indexOf('"', 1) > 0 ? text.indexOf('"', 1) : 1;
        const head = encoder.encode(text.slice(0, at));
        const tail = encoder.encode(text.slice(at));
        return { contentType: 'application/json', bytes: new Uint8Array([...head, ...bad, ...tail]), label: 'invalid UTF-8' };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(10_000, 30_000, 45_000).chain((depth) =>
        fc.constantFrom<'array' | 'object'>('array', 'object').map((kind): RawBody => ({ contentType: 'application/json', bytes: encoder.encode(deepJson(kind === 'object' ? depth / 3 : depth, kind)), label: `deep JSON ${kind}` })),
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(200_000, 2_000_000).map((size): RawBody => ({ contentType: 'application/json', bytes: encoder.encode(JSON.stringify({ content: 'x'.repeat(size) })), label: `oversized ${size}` })) },
    { weight: 1, arbitrary: fc.constantFrom('{"a":', '{"a":1}}', "{'a':1}", 'NaN', '\u0000', '[1,]', '{"a":1,"a":2}').map((text): RawBody => ({ contentType: 'application/json', bytes: encoder.encode(text), label: 'malformed JSON' })) },
    {
      weight: 1,
      arbitrary: fc.tuple(conforming(schema, operation.document), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1')).map(
        ([value, contentType]): RawBody => ({ contentType, bytes: encoder.encode(JSON.stringify(value) ?? ''), label: `content-type ${contentType}` }),
      ),
    },
    { weight: 1, arbitrary: fc.constant<RawBody>({ label: 'no body' }) },
  );
}

/** Roles a lawful token may carry: any set without two of the separated admin roles (COMMON-1). */
const lawfulRoles = fc
  .subarray(ROLE_NAMES, { minLength: 0, maxLength: 4 })
  .map((roles) => roles.filter((role, index, all) => !SEPARATED_ADMIN_ROLES.includes(role as never) || all.findIndex((other) => SEPARATED_ADMIN_ROLES.includes(other as never)) === index));

export type TokenKind = 'valid' | 'missing' | 'forged' | 'expired' | 'garbage' | 'alg none' | 'bad claims' | 'not bearer';

export interface HostileToken {
  readonly kind: TokenKind;
  readonly authorization?: string;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Valid tokens of random roles and clearances, and every way a token can be wrong. */
export function hostileToken(secret: string): fc.Arbitrary<() => Promise<HostileToken>> {
  const sign = (claims: Record<string, unknown>, key: string, issuedAt: number, lifetime: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetime)
      .sign(encoder.encode(key));
  const now = () => Math.floor(Date.now() / 1000);
  const claims = fc.record({ sub: fc.constantFrom('u-fuzz-1', 'u-fuzz-2', 'u-m1'), name: fc.constantFrom('模糊测试', '张三'), roles: lawfulRoles, clearance: fc.constantFrom(...SECRECY_LEVELS), orgUnit: fc.constant('办公室') });
  return fc.oneof(
    { weight: 14, arbitrary: claims.map((payload) => async (): Promise<HostileToken> => ({ kind: 'valid', authorization: `Bearer ${await sign(payload, secret, now(), 3600)}` })) },
    { weight: 1, arbitrary: fc.constant(async (): Promise<HostileToken> => ({ kind: 'missing' })) },
    { weight: 1, arbitrary: claims.map((payload) => async (): Promise<HostileToken> => ({ kind: 'forged', authorization: `Bearer ${await sign(payload, 'f'.repeat(64), now(), 3600)}` })) },
    { weight: 1, arbitrary: claims.map((payload) => async (): Promise<HostileToken> => ({ kind: 'expired', authorization: `Bearer ${await sign(payload, secret, now() - 7200, 60)}` })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((text) => async (): Promise<HostileToken> => ({ kind: 'garbage', authorization: `Bearer ${text.replace(/[\r\n]/g, '')}` })) },
    {
      weight: 1,
      arbitrary: claims.map((payload) => async (): Promise<HostileToken> => ({ kind: 'alg none', authorization: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...payload, exp: now() + 3600 })}.` })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ roles: fc.constantFrom<unknown>(['root'], 'sealKeeper', [...SEPARATED_ADMIN_ROLES], [1], null), clearance: fc.constantFrom<unknown>('top', 5, null, 'juemi'), sub: fc.constantFrom<unknown>('', 7, 'u-x') })
        .map((payload) => async (): Promise<HostileToken> => ({ kind: 'bad claims', authorization: `Bearer ${await sign({ ...payload, name: '伪造' }, secret, now(), 3600)}` })),
    },
    { weight: 1, arbitrary: claims.map((payload) => async (): Promise<HostileToken> => ({ kind: 'not bearer', authorization: `Basic ${await sign(payload, secret, now(), 3600)}` })) },
  );
}

export const PATH_IDS = ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', "1' OR '1'='1", '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(5000), '中文', '-1', '1e400'];

/** A path parameter: an id the stack really has, a random UUID, or a hostile string. */
export function hostileId(known: () => readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.nat().map((index) => known()[index % Math.max(known().length, 1)] ?? '00000000-0000-4000-8000-000000000000') },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...PATH_IDS), fc.string({ maxLength: 50 })) },
  );
}

/** Query values: schema-shaped, out-of-range dates and numbers, hostile strings, repeated keys. */
export function hostileQuery(operation: Operation): fc.Arbitrary<string> {
  const names = operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
  if (names.length === 0) return fc.constantFrom('', '?unknown=1', '?limit=-1&limit=2');
  const value = fc.oneof(
    fc.constantFrom(...DATES, ...NUMBERS.map(String), ...SQL, ...SCRIPT, 'json', 'csv', 'pdf', 'x'.repeat(10_000), '2026-12-01T00:00:00.000Z', '10', 'true'),
    fc.string({ maxLength: 40 }),
  );
  return fc.array(fc.tuple(fc.constantFrom(...names, 'extra'), value), { maxLength: 4 }).map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`));
}

export const COMMAND_HEADERS = fc.record(
  {
    'if-match': fc.oneof(fc.constantFrom('0', '-1', '99999999999999999999', '"1"', 'W/"1"', '*', 'abc'), fc.nat({ max: 20 }).map(String)),
    'idempotency-key': fc.oneof(fc.uuid(), fc.constantFrom('', 'x'.repeat(10_000), "'; DROP TABLE idempotency_keys; --"), fc.string({ maxLength: 40 }).map((text) => text.replace(/[^\x20-\x7e]/g, ''))),
    'x-request-id': fc.constantFrom('', 'x'.repeat(500), "'; --", 'dup'),
  },
  { requiredKeys: [] },
);

export type { Role };
