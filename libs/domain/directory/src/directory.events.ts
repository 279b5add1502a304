import type { DomainEvent } from '@oa/core';
import type { ChangedBy } from './directory.actor';

/**
 * Every directory event is at schema version 1; a new shape gets a new version and an upcaster.
 * DIR-1: each records who made the change (`by`), why (`reason`, or `basis` for a clearance),
 * and when (`at`, the command's time: `authorityAt` reads it).
 */
export type DirectoryEventOf<Type extends string, Data extends object> = DomainEvent<
  Type,
  Data & { readonly by: ChangedBy; readonly at: string }
> & { readonly schemaVersion: 1 };
