import { instantOf, type ActorAuthority, type DirectoryPerson } from '@oa/core';
import type { DirectoryBootstrapped } from '../directory-bootstrap/directory-bootstrap.events';
import { directoryBootstrapStreamType } from '../directory-bootstrap/directory-bootstrap.decide';
import type { DutyDelegated } from '../person/person.events';
import { personStreamType } from '../person/person.decide';
import { unitStreamType } from '../unit/unit.decide';
import { authorityAt, type Authority, type DirectoryRecord } from './authority.projection';

/** The directory's own stream types. */
export const DIRECTORY_STREAM_TYPES: readonly string[] = [unitStreamType, personStreamType, directoryBootstrapStreamType];

/** A directory record, with the instant it was stored when known (the bootstrap counts from it if its data has no `at`). */
export type LedgerRecord = DirectoryRecord & { readonly recordedAt?: string };

/** A directory event's `at`, the instant `authorityAt` counts it from. */
export const directoryInstantOf = (record: DirectoryRecord): string => String((record.data as { at?: unknown } | null)?.at ?? '');

/**
 * The directory's events held for answering "who may do what at that instant" (DIR-4) many
 * times over: the services' access guards and the audit's AUD-14 replay both read it. Each
 * answer folds only the streams that decide it (the person's own, the units, the people they
 * exchanged delegations with) and is kept per person and epoch, an epoch being the span
 * between two instants at which the directory's answer can change. Adding a record clears
 * what it may change.
 */
export class DirectoryLedger {
  private readonly units: LedgerRecord[] = [];
  private readonly persons = new Map<string, LedgerRecord[]>();
  private readonly partners = new Map<string, Set<string>>();
  private readonly seen = new Set<string>();
  /** Every instant the answer may change at, sorted: each event's `at`, each delegation's `from` and `until`. */
  private changes: number[] = [];
  private readonly answers = new Map<string, Authority>();
  private bootstrap?: number;

  /** Keeps a record of the directory's streams; false for one already held or of another stream type. */
  add(record: LedgerRecord): boolean {
    if (!DIRECTORY_STREAM_TYPES.includes(record.streamType) || this.seen.has(record.eventId)) return false;
    this.seen.add(record.eventId);
    const at = instantOf(directoryInstantOf(record));
    const instants = at === undefined ? [] : [at];
    if (record.streamType === directoryBootstrapStreamType && record.type === ('DirectoryBootstrapped' satisfies DirectoryBootstrapped['type'])) {
      this.bootstrap ??= at ?? instantOf(record.recordedAt ?? '');
    } else if (record.streamType === unitStreamType) {
      this.units.push(record);
    } else if (record.streamType === personStreamType) {
      this.persons.set(record.streamId, [...(this.persons.get(record.streamId) ?? []), record]);
      if (record.type === ('DutyDelegated' satisfies DutyDelegated['type'])) {
        const { deputyId, from, until } = record.data as DutyDelegated['data'];
        this.partner(deputyId, record.streamId);
        this.partner(record.streamId, deputyId);
        for (const bound of [instantOf(from), instantOf(until)]) if (bound !== undefined) instants.push(bound);
      }
    }
    if (instants.length > 0) this.changes = [...new Set([...this.changes, ...instants])].sort((a, b) => a - b);
    this.answers.clear();
    return true;
  }

  /** When the directory became the system of record (`DirectoryBootstrapped`), in epoch milliseconds; undefined before. */
  get bootstrappedAt(): number | undefined {
    return this.bootstrap;
  }

  get size(): number {
    return this.seen.size;
  }

  /** The person's own stream as held. */
  streamOf(personId: string): readonly LedgerRecord[] {
    return this.persons.get(personId) ?? [];
  }

  /** `authorityAt` over the streams that decide the person's answer. */
  authorityAt(personId: string, instant: string): Authority {
    const at = instantOf(instant);
    if (at === undefined) throw new TypeError(`not an ISO instant: ${String(instant)}`);
    const key = `${this.epochOf(at)}\u0000${personId}`;
    const kept = this.answers.get(key);
    if (kept !== undefined) return kept.instant === instant ? kept : { ...kept, instant };
    const people = [personId, ...(this.partners.get(personId) ?? [])];
    const answer = authorityAt([...this.units, ...people.flatMap((id) => this.persons.get(id) ?? [])], personId, instant);
    this.answers.set(key, answer);
    return answer;
  }

  private partner(a: string, b: string): void {
    this.partners.set(a, (this.partners.get(a) ?? new Set()).add(b));
  }

  /** How many change instants are at or before `at`: between two of them the answer stands still. */
  private epochOf(at: number): number {
    let low = 0;
    let high = this.changes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.changes[middle]! <= at) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** What the events record of an authority: each holding with the directory event it comes from. */
export function actorAuthorityOf(authority: Authority): ActorAuthority {
  return {
    roles: authority.roles.map(({ role, grantId }) => ({ role, grantId })),
    posts: authority.posts.map(({ unitId, unitCode, postId, postKind, identityId, title, assignmentId }) => ({ unitId, ...(unitCode !== undefined && { unitCode }), postId, postKind, identityId, title, assignmentId })),
    clearance: { level: authority.clearance.level, ...(authority.clearance.grantId !== undefined && { grantId: authority.clearance.grantId }) },
    actingAsDeputy: authority.actingAsDeputy.map(({ grantId, delegatorId, delegatorName, duty, until }) => ({
      grantId,
      delegatorId,
      delegatorName,
      duty: duty.kind === 'role' ? { kind: 'role', role: duty.role } : { kind: 'post', unitId: duty.unitId, postId: duty.postId, postKind: duty.postKind },
      until,
    })),
  };
}

/** The person as a service acts on them at the instant: roles held and roles held as a deputy (DIR-6) count alike. */
export function directoryActorAt(ledger: DirectoryLedger, personId: string, instant: string): DirectoryPerson {
  const authority = ledger.authorityAt(personId, instant);
  const deputyRoles = authority.actingAsDeputy.flatMap(({ duty }) => (duty.kind === 'role' ? [duty.role] : []));
  return {
    known: authority.person !== undefined,
    active: authority.active,
    ...(authority.person && { name: authority.person.name, homeUnitId: authority.person.homeUnitId }),
    ...(authority.person?.departedAt !== undefined && { departedAt: authority.person.departedAt }),
    roles: [...new Set([...authority.roles.map(({ role }) => role), ...deputyRoles])],
    clearance: authority.clearance.level,
    authority: actorAuthorityOf(authority),
  };
}

/** How a service reads the directory (its definition's `directory`): a ledger, and a person in it at an instant. */
export const directoryReading = {
  streamTypes: DIRECTORY_STREAM_TYPES,
  view: (): DirectoryLedger => new DirectoryLedger(),
  personAt: directoryActorAt,
};
