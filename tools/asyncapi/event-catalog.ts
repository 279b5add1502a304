/**
 * 事件目录 (event catalog): every event type each service publishes, with a JSON Schema of its
 * data, read from the TypeScript types themselves through the compiler's type checker, so the
 * contract cannot list an event the code does not have or miss one it has.
 *
 * Why the checker and not a generator package: ts-json-schema-generator needs Node 22 from 2.5
 * on (this project runs on Node 20), and 2.4.0 is not installed; the TypeScript compiler is,
 * and its checker resolves aliases, generics, intersections and unions exactly as `tsc` does.
 */
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** The areas whose domain libraries hold the events of the service of the same name. */
export const EVENT_AREAS = ['documents', 'meetings', 'archives', 'seals', 'directory', 'affairs'] as const;
export type EventArea = (typeof EVENT_AREAS)[number];

export type JsonSchema = { readonly [key: string]: unknown };

export interface EventMessage {
  readonly type: string;
  readonly schemaVersion: number;
  readonly description?: string;
  readonly data: JsonSchema;
}

export interface EventCatalog {
  /** The domain events of each area, ordered by type. */
  readonly areas: Readonly<Record<EventArea, readonly EventMessage[]>>;
  /** AccessDenied and CommandRefused: every service records them on its own topic. */
  readonly platform: readonly EventMessage[];
  /** The stored and published form of every event (data left open: each message narrows it). */
  readonly envelope: JsonSchema;
  readonly headers: JsonSchema;
}

const ROOT = join(__dirname, '..', '..');
const PLATFORM = join(ROOT, 'libs/common/platform/src');
const SOURCES = {
  domain: (area: EventArea) => join(ROOT, `libs/domain/${area}/src/index.ts`),
  platformEvents: join(PLATFORM, 'auth/security-log.ts'),
  relay: join(PLATFORM, 'relay/relay.ts'),
  envelope: join(ROOT, 'libs/common/core/src/envelope.ts'),
};

function createProgram(): ts.Program {
  const configPath = join(ROOT, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const files = [...EVENT_AREAS.map(SOURCES.domain), SOURCES.platformEvents, SOURCES.relay, SOURCES.envelope];
  return ts.createProgram(files, { ...options, noEmit: true });
}

function documentation(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): { description?: string } {
  const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : '';
  return text ? { description: text } : {};
}

/** JSON Schema (draft 7, as AsyncAPI schemas are) of a JSON-safe TypeScript type. */
class SchemaWriter {
  private readonly visiting: ts.Type[] = [];

  constructor(private readonly checker: ts.TypeChecker) {}

  schemaOf(type: ts.Type): JsonSchema {
    const f = ts.TypeFlags;
    // unknown, and the envelope's open Data parameter: each message narrows it
    if (type.flags & (f.Any | f.Unknown | f.TypeParameter)) return {};
    if (type.isStringLiteral()) return { type: 'string', const: type.value };
    if (type.isNumberLiteral()) return { type: 'number', const: type.value };
    if (type.flags & f.BooleanLiteral) return { type: 'boolean', const: (type as { intrinsicName?: string }).intrinsicName === 'true' };
    if (type.flags & f.String) return { type: 'string' };
    if (type.flags & f.Number) return { type: 'number' };
    if (type.flags & f.Boolean) return { type: 'boolean' };
    if (type.flags & f.Null) return { type: 'null' };
    // JsonValue refers to itself: a value met again inside itself is any JSON value
    if (this.visiting.includes(type)) return {};
    this.visiting.push(type);
    try {
      if (type.isUnion()) return this.unionOf(type.types);
      return this.checker.isArrayType(type) || this.checker.isTupleType(type) ? this.arrayOf(type) : this.objectOf(type);
    } finally {
      this.visiting.pop();
    }
  }

  private unionOf(members: readonly ts.Type[]): JsonSchema {
    // optional properties add undefined, and `boolean` itself is true | false
    const present = members.filter((member) => !(member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const booleans = present.filter((member) => member.flags & ts.TypeFlags.BooleanLiteral);
    const others = present.filter((member) => !(member.flags & ts.TypeFlags.BooleanLiteral));
    const schemas = [...others.map((member) => this.schemaOf(member)), ...(booleans.length === 2 ? [{ type: 'boolean' }] : booleans.map((member) => this.schemaOf(member)))];
    if (schemas.length === 1) return schemas[0]!;
    const kind = schemas[0]!['type'];
    if (schemas.every((schema) => 'const' in schema && schema['type'] === kind)) return { type: kind, enum: schemas.map((schema) => schema['const']) };
    return { anyOf: schemas };
  }

  private arrayOf(type: ts.Type): JsonSchema {
    const elements = this.checker.getTypeArguments(type as ts.TypeReference);
    if (this.checker.isTupleType(type)) {
      return { type: 'array', items: elements.map((element) => this.schemaOf(element)), minItems: elements.length, maxItems: elements.length };
    }
    return { type: 'array', items: this.schemaOf(elements[0]!) };
  }

  private objectOf(type: ts.Type): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of this.checker.getPropertiesOfType(type)) {
      properties[property.name] = { ...documentation(this.checker, property), ...this.schemaOf(this.checker.getTypeOfSymbol(property)) };
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    const index = this.checker.getIndexInfosOfType(type)[0];
    return {
      type: 'object',
      properties,
      ...(required.length > 0 && { required }),
      additionalProperties: index ? this.schemaOf(index.type) : false,
    };
  }
}

/** A domain event type: an object whose `type` is a string literal and which has `data` and no `metadata` (a command has). */
function eventMembers(checker: ts.TypeChecker, type: ts.Type): ts.Type[] | undefined {
  const members = type.isUnion() ? type.types : [type];
  const isEvent = (member: ts.Type) => {
    const kind = member.getProperty('type');
    return !!kind && checker.getTypeOfSymbol(kind).isStringLiteral() && !!member.getProperty('data') && !member.getProperty('metadata');
  };
  return members.length > 0 && members.every(isEvent) ? [...members] : undefined;
}

function exportedTypeSymbols(program: ts.Program, file: string): ts.Symbol[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`[asyncapi] 找不到 ${file} (module not found)`);
  return checker
    .getExportsOfModule(module)
    .map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol))
    .filter((symbol) => symbol.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface));
}

/** A generic helper (DocumentEvent<Type, Data>) is a shape, not an event. */
const isGeneric = (symbol: ts.Symbol) =>
  !!symbol.declarations?.some((declaration) => (ts.isTypeAliasDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) && declaration.typeParameters);

function messagesOf(program: ts.Program, file: string, writer: SchemaWriter): EventMessage[] {
  const checker = program.getTypeChecker();
  const byType = new Map<string, EventMessage>();
  for (const symbol of exportedTypeSymbols(program, file).filter((candidate) => !isGeneric(candidate))) {
    const members = eventMembers(checker, checker.getDeclaredTypeOfSymbol(symbol)) ?? [];
    for (const member of members) {
      const type = (checker.getTypeOfSymbol(member.getProperty('type')!) as ts.StringLiteralType).value;
      const version = member.getProperty('schemaVersion');
      const versionType = version && checker.getTypeOfSymbol(version);
      byType.set(type, {
        type,
        schemaVersion: versionType?.isNumberLiteral() ? versionType.value : 1,
        // the comment on the event's own alias, not on a union that lists it
        ...(members.length === 1 ? documentation(checker, symbol) : byType.get(type)),
        data: byType.get(type)?.data ?? writer.schemaOf(checker.getTypeOfSymbol(member.getProperty('data')!)),
      });
    }
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

function namedType(program: ts.Program, file: string, name: string): ts.Type {
  const found = exportedTypeSymbols(program, file).find((symbol) => symbol.name === name);
  if (!found) throw new Error(`[asyncapi] ${file} 未导出 ${name} (type not exported)`);
  return program.getTypeChecker().getDeclaredTypeOfSymbol(found);
}

export function readEventCatalog(): EventCatalog {
  const program = createProgram();
  const writer = new SchemaWriter(program.getTypeChecker());
  const areas = Object.fromEntries(EVENT_AREAS.map((area) => [area, messagesOf(program, SOURCES.domain(area), writer)])) as Record<EventArea, EventMessage[]>;
  return {
    areas,
    platform: messagesOf(program, SOURCES.platformEvents, writer),
    envelope: writer.schemaOf(namedType(program, SOURCES.envelope, 'EventEnvelope')),
    headers: writer.schemaOf(namedType(program, SOURCES.relay, 'EventHeaders')),
  };
}
