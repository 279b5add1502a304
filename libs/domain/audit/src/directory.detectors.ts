import { instantOf, type Actor } from '@oa/core';
import { SECRECY_LABELS, SECRECY_LEVELS, isSecrecyLevel } from '@oa/domain-documents';
import type { ActedUnder, Authority, ChangedBy, DirectoryRole, LedgerRecord, PersonEvent } from '@oa/domain-directory';
import { DIRECTORY_STREAM_TYPES, DirectoryLedger, directoryInstantOf, isDirectoryRole } from '@oa/domain-directory';
import { STREAM_TYPES } from './events';
import type { AnyEnvelope, AuditFinding } from './finding';
import { finding, upTo } from './finding';

/** A job of the services themselves (`system:scheduler`, `system:archives-intake`, …): no person, nothing the directory grants. */
function isSystemActor(actor: Actor): boolean {
  return actor.id.startsWith('system:') || actor.roles.some((role) => role === 'system' || role === 'scheduler');
}

/** A directory event's `at`, the instant `authorityAt` counts it from. */
const atOf = (record: LedgerRecord): number | undefined => instantOf(directoryInstantOf(record));

/** The last event of the person's stream at or before the instant that matches, e.g. the revocation of a role. */
function lastOf(ledger: DirectoryLedger, personId: string, at: number, matches: (event: PersonEvent) => boolean): AnyEnvelope[] {
  const found = ledger.streamOf(personId).filter((record) => (atOf(record) ?? Infinity) <= at && matches(record as unknown as PersonEvent)).at(-1);
  return found ? [found as AnyEnvelope] : [];
}

/** What the event says it was done under (DIR-4), when it records a `by` of the directory's shape for its actor. */
function actedUnder(event: AnyEnvelope, actorId: string): ActedUnder | undefined {
  const by = (event.data as { by?: Partial<ChangedBy> } | null)?.by;
  return by?.personId === actorId && typeof by.under === 'object' && by.under !== null ? by.under : undefined;
}

interface Shortfall {
  readonly text: string;
  readonly proving: readonly AnyEnvelope[];
}

/** Each claim of the acting event the directory did not hold at its instant, with the directory events that show it. */
function shortfalls(index: DirectoryLedger, event: AnyEnvelope, authority: Authority, at: number): Shortfall[] {
  const { actor } = event.metadata;
  if (authority.person === undefined) return [{ text: '操作人当时不在组织与人员目录中（未登记）', proving: [] }];
  if (!authority.active) {
    const departure = lastOf(index, actor.id, at, (record) => record.type === 'PersonDeparted');
    return [{ text: `操作人已于 ${authority.person.departedAt ?? '此前'} 离岗（离职、调出），其角色、职务和涉密等级随之终止`, proving: departure }];
  }
  const found: Shortfall[] = [];
  const under = actedUnder(event, actor.id);
  const deputyFor = authority.actingAsDeputy.map((delegation) => delegation.duty);
  const claimedRoles = new Set<DirectoryRole>([...actor.roles.filter(isDirectoryRole), ...(under?.kind === 'role' ? [under.role] : [])]);
  for (const role of claimedRoles) {
    if (authority.roles.some((held) => held.role === role) || deputyFor.some((duty) => duty.kind === 'role' && duty.role === role)) continue;
    const revoked = lastOf(index, actor.id, at, (record) => record.type === 'RoleRevoked' && record.data.role === role);
    found.push({ text: revoked[0] ? `角色 ${role} 已于 ${directoryInstantOf(revoked[0])} 撤销` : `目录未授予角色 ${role}`, proving: revoked });
  }
  if (under?.kind === 'post') {
    const holds = authority.posts.some((post) => post.unitId === under.unitId && post.postId === under.postId && post.identityId === under.identityId);
    const deputy = deputyFor.some((duty) => duty.kind === 'post' && duty.unitId === under.unitId && duty.postId === under.postId);
    if (!holds && !deputy) {
      const relieved = lastOf(index, actor.id, at, (record) => record.type === 'PostRelieved' && record.data.postId === under.postId && record.data.identityId === under.identityId);
      found.push({ text: `所依据的职务 ${under.unitId}/${under.postId}（身份 ${under.identityId}）${relieved.length > 0 ? '已免去' : '目录中并不由其担任'}`, proving: relieved });
    }
  }
  const claimed = actor.clearance;
  const held = authority.clearance.level;
  if (isSecrecyLevel(claimed) && SECRECY_LEVELS.indexOf(claimed) > SECRECY_LEVELS.indexOf(held)) {
    // the grant in force shows the level held; without one, its revocation (脱密), if any
    const { grantId } = authority.clearance;
    const basis = grantId
      ? (index.streamOf(actor.id) as AnyEnvelope[]).filter((record) => record.eventId === grantId)
      : lastOf(index, actor.id, at, (record) => record.type === 'ClearanceRevoked');
    found.push({ text: `自称涉密等级${SECRECY_LABELS[claimed]}，目录授予的为${SECRECY_LABELS[held]}`, proving: basis });
  }
  return found;
}

/**
 * AUD-14: an action that relied on a role, post, clearance or delegation the directory did not
 * hold at that instant (DIR-4), replayed from the directory's own events with `authorityAt`.
 *
 * Every event of the other services records in `metadata.actor` the roles and clearance the
 * request's token claimed. For each event recorded after the directory was bootstrapped —
 * not the directory's own (decided against this very replay), not the security log's (refused
 * attempts, AUD-11's), not a system job's (`system:…`, roles `system` / `scheduler`) — the actor
 * at `recordedAt` must be a person on file and not departed; each claimed role the directory
 * knows must be theirs or held as a deputy under a delegation in force (DIR-6); a claimed
 * clearance may not exceed theirs; and where the event records the directory's `by.under` for
 * its actor, that role or post must be held then (or delegated to them).
 *
 * An installation without a directory raises nothing: with no `DirectoryBootstrapped` in the
 * trail the tokens are the only record of authority, and nothing is replayed. Nor does anything
 * before the bootstrap: the directory was not yet the system of record.
 *
 * One finding per acting event (high), all its shortfalls in the detail: a finding's identity
 * is its proving events, so a finding per event stays the same finding from run to run, where
 * one per actor and day would grow, and change, with each new event of that day. Proving: the
 * acting event, then the directory events that show the state — the role's revocation, the
 * post's relief, the departure, the clearance grant or revocation in force; none when the
 * directory never granted it.
 */
export function detectDirectoryFindings(events: readonly AnyEnvelope[], now: string): AuditFinding[] {
  const trail = upTo(events, now);
  const index = new DirectoryLedger();
  for (const event of trail) if (DIRECTORY_STREAM_TYPES.includes(event.streamType)) index.add(event);
  const bootstrappedAt = index.bootstrappedAt;
  if (bootstrappedAt === undefined) return [];
  const findings: AuditFinding[] = [];
  for (const event of trail) {
    if (DIRECTORY_STREAM_TYPES.includes(event.streamType) || event.streamType === STREAM_TYPES.securityLog) continue;
    const actor = event.metadata?.actor;
    const at = instantOf(event.recordedAt);
    if (actor === undefined || typeof actor.id !== 'string' || !Array.isArray(actor.roles) || isSystemActor(actor)) continue;
    if (at === undefined || at <= bootstrappedAt) continue;
    const authority = index.authorityAt(actor.id, event.recordedAt);
    const found = shortfalls(index, event, authority, at);
    if (found.length === 0) continue;
    findings.push(
      finding(
        'AUD-14',
        'high',
        authority.active ? '操作所依据的角色、职务或涉密等级在目录中并不具备' : '操作人在目录中无在职记录',
        `${actor.name}（${actor.id}）于 ${event.recordedAt} 的操作 ${event.type}（${event.streamType} ${event.streamId}）：${found.map((item) => item.text).join('；')}（DIR-4）。`,
        [event, ...found.flatMap((item) => item.proving)],
      ),
    );
  }
  return findings;
}
