import { DeciderSpecification } from '@oa/core';
import { actors, commandOf } from '../affairs.fixtures';
import { dutyDayDecider, type DutyDayCommand, type DutyDayEvent } from './duty-day';

const spec = DeciderSpecification.for(dutyDayDecider);
const command = commandOf<DutyDayCommand>();
const DATE = '2026-12-12';
const leader = { id: 'chen.weidong', name: '陈卫东' };
const officer = { id: 'wu.xiuying', name: '吴秀英' };
const nightOfficer = { id: 'huang.xiaodong', name: '黄晓东' };
const office = { id: actors.office.id, name: actors.office.name };
const PLANNED_AT = '2026-12-01T02:00:00.000Z';
const scheduled: DutyDayEvent = { type: 'DutyScheduled', schemaVersion: 1, data: { date: DATE, leaderOnDuty: leader, officers: [officer, nightOfficer], scheduledBy: office, scheduledAt: PLANNED_AT } };
const logged: DutyDayEvent = {
  type: 'DutyLogEntryRecorded',
  schemaVersion: 1,
  data: { date: DATE, entryId: 'log-1', occurredAt: '2026-12-12T01:10:00.000Z', kind: 'call', summary: '县应急局来电：某镇道路塌方，无人员伤亡', recordedBy: officer, recordedAt: '2026-12-12T01:15:00.000Z' },
};

describe('值班 (duty day)', () => {
  const schedule = (data: Partial<Extract<DutyDayCommand, { type: 'ScheduleDuty' }>['data']> = {}, now = PLANNED_AT) =>
    command('ScheduleDuty', { date: DATE, leaderOnDuty: leader, officers: [officer, nightOfficer], ...data }, { actor: actors.office, now });

  it('DUTY-1 a roster names the leader on duty and the officers of the day', () => {
    spec.given([]).when(schedule()).then([scheduled]);
  });

  it('DUTY-1 a leader on duty holds a leader role in the directory at the instant, and the roster names the grant relied on', () => {
    const onFile = (role: string) => ({ ...leader, roleGrants: [{ role: 'officeDirector', grantId: 'grant-director-chen' }, { role, grantId: `grant-${role}-chen` }] });
    spec.given([]).when(schedule({ leaderOnDuty: onFile('leader') })).then([{ ...scheduled, data: { ...scheduled.data, leaderGrantId: 'grant-leader-chen' } } as DutyDayEvent]);
    spec.given([]).when(schedule({ leaderOnDuty: onFile('handler') })).thenThrows('DUTY-1');
    spec.given([]).when(schedule({ leaderOnDuty: { ...leader, roleGrants: [] } })).thenThrows('DUTY-1');
  });

  it('DUTY-1 refuses a day without a leader on duty or without an officer, or the leader as their own officer', () => {
    spec.given([]).when(schedule({ leaderOnDuty: { id: '', name: '' } })).thenThrows('DUTY-1');
    spec.given([]).when(schedule({ officers: [] })).thenThrows('DUTY-1');
    spec.given([]).when(schedule({ officers: [leader] })).thenThrows('DUTY-1');
  });

  it('DUTY-1 a roster changes before its day with a reason, never on or after it', () => {
    const changed = schedule({ leaderOnDuty: { id: 'liu.haiyan', name: '刘海燕' }, reason: '陈卫东出差' }, '2026-12-10T02:00:00.000Z');
    spec
      .given([scheduled])
      .when(changed)
      .then([
        {
          type: 'DutyRosterChanged',
          schemaVersion: 1,
          data: { date: DATE, leaderOnDuty: { id: 'liu.haiyan', name: '刘海燕' }, officers: [officer, nightOfficer], reason: '陈卫东出差', changedBy: office, changedAt: '2026-12-10T02:00:00.000Z' },
        },
      ]);
    spec.given([scheduled]).when(schedule({ reason: '' }, '2026-12-10T02:00:00.000Z')).thenThrows('DUTY-1');
    // 08:00 Beijing on the day itself
    spec.given([scheduled]).when(schedule({ reason: '临时调整' }, '2026-12-12T00:00:00.000Z')).thenThrows('DUTY-1');
  });

  it('DUTY-1 the officer on shift hands over to the next with the open items; nobody else hands over their shift', () => {
    const handOver = (actor: typeof actors.officer | typeof actors.handler) =>
      command('HandOverShift', { incomingOfficer: nightOfficer, openItems: ['某镇道路塌方续报待县应急局回复'] }, { actor, now: '2026-12-12T10:00:00.000Z' });
    spec
      .given([scheduled, logged])
      .when(handOver(actors.officer))
      .then([{ type: 'ShiftHandedOver', schemaVersion: 1, data: { date: DATE, outgoingOfficer: officer, incomingOfficer: nightOfficer, openItems: ['某镇道路塌方续报待县应急局回复'], handedOverAt: '2026-12-12T10:00:00.000Z' } }]);
    spec.given([scheduled]).when(handOver(actors.handler)).thenThrows('DUTY-1');
  });

  it('DUTY-1 the duty log records each call with its time, never ahead of it', () => {
    const record = (occurredAt: string) => command('RecordDutyLogEntry', { entryId: 'log-1', occurredAt, kind: 'call', summary: '县应急局来电：某镇道路塌方，无人员伤亡' }, { actor: actors.officer, now: '2026-12-12T01:15:00.000Z' });
    spec.given([scheduled]).when(record('2026-12-12T01:10:00.000Z')).then([logged]);
    spec.given([scheduled]).when(record('09:10')).thenThrows('DUTY-1');
    spec.given([scheduled]).when(record('2026-12-12T02:00:00.000Z')).thenThrows('DUTY-1');
    spec.given([]).when(record('2026-12-12T01:10:00.000Z')).thenThrows('DUTY-1');
  });

  it('DUTY-1 an entry is amended beside itself, never edited: the correction and its reason are a new event', () => {
    const amend = (entryId: string, reason = '来电单位记录有误') => command('AmendDutyLogEntry', { entryId, correction: '来电单位为县交通运输局', reason }, { actor: actors.officer, now: '2026-12-12T03:00:00.000Z' });
    spec
      .given([scheduled, logged])
      .when(amend('log-1'))
      .then([{ type: 'DutyLogEntryAmended', schemaVersion: 1, data: { date: DATE, entryId: 'log-1', correction: '来电单位为县交通运输局', reason: '来电单位记录有误', amendedBy: officer, amendedAt: '2026-12-12T03:00:00.000Z' } }]);
    spec.given([scheduled, logged]).when(amend('log-9')).thenThrows('AFFAIRS.NOT_FOUND');
    spec.given([scheduled, logged]).when(amend('log-1', '')).thenThrows('DUTY-1');
  });
});
