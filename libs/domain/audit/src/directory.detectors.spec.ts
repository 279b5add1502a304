import type { Actor, EventEnvelope } from '@oa/core';
import type { ChangedBy } from '@oa/domain-directory';
import { actor, stream, type StreamBuilder } from './audit.fixtures';
import { detectAll } from './detect-all';
import { detectDirectoryFindings } from './directory.detectors';

const BOOTSTRAP = '2026-01-05T00:00:00.000Z';
const NOW = '2026-01-20T00:00:00.000Z';
const hour = (h: number, day = 5) => `2026-01-${String(day).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;

const sysAdmin = actor('u-sysadmin', ['sysAdmin'], '张系管');
const securityAdmin = actor('u-secadmin', ['securityAdmin'], '钱安管');
const byAdmin = (who: Actor = sysAdmin): ChangedBy => ({ personId: who.id, name: who.name, under: { kind: 'role', role: who === sysAdmin ? 'sysAdmin' : 'securityAdmin', grantId: `grant-${who.id}` } });

/** The directory's events as the directory service records them: each with `by` and `at` (the instant authorityAt counts it from). */
function directory() {
  const events: EventEnvelope[] = [];
  const boot = stream('directoryBootstrap', 'directory', BOOTSTRAP);
  const installation = { personId: 'installer', name: '安装人员', under: { kind: 'installation' } };
  events.push(
    boot.add('DirectoryBootstrapped', {
      sysAdmin: { personId: sysAdmin.id, name: sysAdmin.name, homeUnitId: 'unit-office', identityId: 'id-sys' },
      securityAdmin: { personId: securityAdmin.id, name: securityAdmin.name, homeUnitId: 'unit-office', identityId: 'id-sec' },
      reason: '系统上线',
      by: installation,
      at: BOOTSTRAP,
    }),
  );
  const streams = new Map<string, StreamBuilder>();
  const record = (personId: string, type: string, data: object, at: string, who: Actor = sysAdmin) => {
    const person = streams.get(personId) ?? stream('person', personId, at);
    streams.set(personId, person);
    const event = person.add(type, { personId, ...data, by: byAdmin(who), at }, { at, by: who });
    events.push(event);
    return event;
  };
  return {
    events,
    register: (who: Actor, at = hour(1)) => record(who.id, 'PersonRegistered', { name: who.name, homeUnitId: 'unit-office', identityId: `id-${who.id}`, reason: '入职' }, at),
    grant: (who: Actor, role: string, at = hour(1)) => record(who.id, 'RoleGranted', { role, reason: '岗位需要' }, at),
    revoke: (who: Actor, role: string, at: string) => record(who.id, 'RoleRevoked', { role, reason: '调整岗位' }, at),
    clearance: (who: Actor, level: string, at = hour(1)) => record(who.id, 'ClearanceGranted', { level, basis: '保密委审批〔2026〕1号' }, at, securityAdmin),
    revokeClearance: (who: Actor, previousLevel: string, at: string) => record(who.id, 'ClearanceRevoked', { previousLevel, basis: '脱密期满' }, at, securityAdmin),
    depart: (who: Actor, at: string) => record(who.id, 'PersonDeparted', { reason: '调出' }, at),
    assignPost: (who: Actor, postId: string, at = hour(1)) =>
      record(who.id, 'PostAssigned', { identityId: `id-${who.id}`, unitId: 'unit-office', postId, postKind: 'officeDirector', title: '办公室主任', reason: '任命' }, at),
    relievePost: (who: Actor, postId: string, at: string) => record(who.id, 'PostRelieved', { identityId: `id-${who.id}`, unitId: 'unit-office', postId, reason: '免职' }, at),
    delegate: (from: Actor, to: Actor, role: string, period: { from: string; until: string }, at = hour(2)) =>
      record(
        from.id,
        'DutyDelegated',
        { delegationId: `dlg-${from.id}`, delegatorName: from.name, deputyId: to.id, deputyName: to.name, duty: { kind: 'role', role }, unitId: 'unit-office', ...period, reason: '休假' },
        at,
      ),
  };
}

const keeper = actor('u-keeper', ['sealKeeper'], '王保管');
const deputy = actor('u-deputy', ['sealKeeper'], '赵代理');

/** A seal usage by the actor at the instant, with the roles (and clearance) their token claimed. */
function sealUsed(by: Actor, at: string, data: object = {}): EventEnvelope {
  return stream('seal', `seal-${at}-${by.id}`, at).add('SealUsed', { sealId: 'seal-1', impressions: 1, ...data }, { at, by });
}

describe('detectDirectoryFindings', () => {
  it('AUD-14 raises a role used after the directory revoked it, proven by the act and the revocation; not the same act before', () => {
    const dir = directory();
    dir.register(keeper);
    dir.grant(keeper, 'sealKeeper');
    const revocation = dir.revoke(keeper, 'sealKeeper', hour(10));
    const before = sealUsed(keeper, hour(9));
    const after = sealUsed(keeper, hour(11));
    const found = detectDirectoryFindings([...dir.events, before, after], NOW);
    expect(found).toEqual([
      {
        rule: 'AUD-14',
        severity: 'high',
        title: '操作所依据的角色、职务或涉密等级在目录中并不具备',
        detail: `王保管（u-keeper）于 ${hour(11)} 的操作 SealUsed（seal ${after.streamId}）：角色 sealKeeper 已于 ${hour(10)} 撤销（DIR-4）。`,
        streamIds: [after.streamId, 'u-keeper'],
        eventIds: [after.eventId, revocation.eventId],
      },
    ]);
  });

  it('AUD-14 raises a departed person acting (the departure proves it) and a person the directory never registered', () => {
    const dir = directory();
    dir.register(keeper);
    dir.grant(keeper, 'sealKeeper');
    const departure = dir.depart(keeper, hour(12));
    const byDeparted = sealUsed(keeper, hour(13));
    const stranger = sealUsed(actor('u-stranger', ['sealKeeper'], '孙某'), hour(13));
    const found = detectDirectoryFindings([...dir.events, byDeparted, stranger], NOW);
    expect(found.map((item) => [item.title, item.eventIds])).toEqual([
      ['操作人在目录中无在职记录', [byDeparted.eventId, departure.eventId]],
      ['操作人在目录中无在职记录', [stranger.eventId]],
    ]);
    expect(found[0]!.detail).toContain(`操作人已于 ${hour(12)} 离岗`);
    expect(found[1]!.detail).toContain('操作人当时不在组织与人员目录中（未登记）');
  });

  it('AUD-14 raises a clearance claimed above the directory’s grant (the grant shows the level), and above none after its revocation', () => {
    const reader = actor('u-reader', ['handler'], '周承办');
    const dir = directory();
    dir.register(reader);
    dir.grant(reader, 'handler');
    const grant = dir.clearance(reader, 'mimi');
    const withinGrant = sealUsed({ ...reader, clearance: 'mimi' }, hour(3));
    const above = sealUsed({ ...reader, clearance: 'jimi' }, hour(4));
    const revocation = dir.revokeClearance(reader, 'mimi', hour(5));
    const afterRevocation = sealUsed({ ...reader, clearance: 'mimi' }, hour(6));
    const found = detectDirectoryFindings([...dir.events, withinGrant, above, afterRevocation], NOW);
    expect(found.map((item) => item.eventIds)).toEqual([
      [above.eventId, grant.eventId],
      [afterRevocation.eventId, revocation.eventId],
    ]);
    expect(found[0]!.detail).toContain('自称涉密等级机密，目录授予的为秘密');
    expect(found[1]!.detail).toContain('自称涉密等级秘密，目录授予的为非密');
  });

  it('AUD-14 a delegation in force makes the deputy’s act legitimate; before and after its period the same act is raised', () => {
    const dir = directory();
    for (const person of [keeper, deputy]) dir.register(person);
    dir.grant(keeper, 'sealKeeper');
    dir.delegate(keeper, deputy, 'sealKeeper', { from: hour(8), until: hour(18) });
    const early = sealUsed(deputy, hour(7));
    const during = sealUsed(deputy, hour(9));
    const late = sealUsed(deputy, hour(19));
    const found = detectDirectoryFindings([...dir.events, early, during, late], NOW);
    expect(found.map((item) => item.eventIds)).toEqual([[early.eventId], [late.eventId]]);
    expect(found[0]!.detail).toContain('目录未授予角色 sealKeeper');
  });

  it('AUD-14 checks a post the event says it relied on (by.under): held, nothing; after the relief, raised with it', () => {
    const director = actor('u-director', ['officeDirector'], '李主任');
    const dir = directory();
    dir.register(director);
    dir.grant(director, 'officeDirector');
    dir.assignPost(director, 'post-director');
    const relief = dir.relievePost(director, 'post-director', hour(10));
    const under = { kind: 'post', unitId: 'unit-office', postId: 'post-director', postKind: 'officeDirector', identityId: 'id-u-director' };
    const asDirector = (at: string) => sealUsed(director, at, { by: { personId: director.id, name: director.name, under } });
    const held = asDirector(hour(9));
    const relieved = asDirector(hour(11));
    const found = detectDirectoryFindings([...dir.events, held, relieved], NOW);
    expect(found.map((item) => item.eventIds)).toEqual([[relieved.eventId, relief.eventId]]);
    expect(found[0]!.detail).toContain('所依据的职务 unit-office/post-director（身份 id-u-director）已免去');
  });

  it('AUD-14 raises nothing before the bootstrap, for system actors or the security log, nor in an installation without a directory', () => {
    const dir = directory();
    const beforeBootstrap = sealUsed(keeper, '2026-01-04T23:00:00.000Z');
    const scheduler = sealUsed(actor('system:scheduler', ['scheduler'], '系统定时任务'), hour(3));
    const intake = sealUsed(actor('svc-archives', ['system'], '档案服务'), hour(3));
    const denied = stream('securityLog', 'log-1', hour(3)).add('AccessDenied', { method: 'POST', path: '/api/v1/seals/seal-1/use', reason: 'role', status: 403 }, { by: keeper });
    expect(detectDirectoryFindings([...dir.events, beforeBootstrap, scheduler, intake, denied], NOW)).toEqual([]);
    // no directory in the trail: the tokens are all there is, nothing is replayed
    expect(detectDirectoryFindings([sealUsed(keeper, hour(3)), sealUsed(deputy, hour(4))], NOW)).toEqual([]);
    // and nothing recorded after `now`
    expect(detectDirectoryFindings([...dir.events, sealUsed(keeper, hour(3))], hour(2))).toEqual([]);
  });

  it('AUD-14 is among detectAll’s rules', () => {
    const dir = directory();
    expect(detectAll([...dir.events, sealUsed(keeper, hour(3))], NOW).map((item) => item.rule)).toEqual(['AUD-14']);
  });
});
