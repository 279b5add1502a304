import type { DomainEvent } from '@oa/core';

/** A documents event at its schema version (1 unless its shape changed: a new shape gets a new version and an upcaster, upcasters.ts). */
export type DocumentEvent<Type extends string, Data extends object, Version extends number = 1> = DomainEvent<Type, Data> & { readonly schemaVersion: Version };

export function documentEvent<Type extends string, Data extends object>(type: Type, data: Data): DocumentEvent<Type, Data>;
export function documentEvent<Type extends string, Data extends object, Version extends number>(type: Type, data: Data, schemaVersion: Version): DocumentEvent<Type, Data, Version>;
export function documentEvent(type: string, data: object, schemaVersion = 1): DocumentEvent<string, object, number> {
  return { type, data, schemaVersion };
}

/** Event data is hashed as canonical JSON: optional keys are left out, never written as undefined. */
export function optional<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}

/** The `never` check of `decide`: a command type nobody handles fails to compile. */
export function unhandledCommand(command: never): never {
  throw new Error(`unhandled command ${(command as { type?: string }).type}`);
}

/** The `never` check of `evolve`: compile-time exhaustive, and at run time an unknown event leaves the state as it was. */
export function unhandledEvent<S>(_event: never, state: S): S {
  return state;
}
