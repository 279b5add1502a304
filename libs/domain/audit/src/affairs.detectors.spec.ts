import type { EventEnvelope } from '@oa/core';
import { actor, stream } from './audit.fixtures';
import { detectAffairsFindings } from './affairs.detectors';
import { detectAll } from './detect-all';

const office = actor('he.yulan', ['registrar'], '何玉兰');
const leader = { id: 'chen.weidong', name: '陈卫东' };
const officer = { id: 'wu.xiuying', name: '吴秀英' };
const nightOfficer = { id: 'huang.xiaodong', name: '黄晓东' };
const HASH = 'a'.repeat(64);

function task(deadline: string, closing?: { at: string; evidence: ReadonlyArray<{ name: string; hash: string }> }): EventEnvelope[] {
  const events = stream('supervision', `task-${deadline}`, '2026-11-02T01:00:00.000Z');
  events.add('SupervisionTaskAssigned', { taskId: `task-${deadline}`, source: { kind: 'assignment' }, assigner: leader, ownerUnit: '县委办综合科', responsiblePerson: officer, requirement: '报送调研报告', deadline, createdAt: '2026-11-02T01:00:00.000Z' }, { by: office });
  if (closing) events.add('SupervisionTaskAccepted', { taskId: `task-${deadline}`, opinion: '同意', evidence: closing.evidence, acceptedBy: leader, late: false, closedAt: closing.at }, { at: closing.at });
  return events.events;
}

function duty(date: string, officers = [officer, nightOfficer], handedOverTo: ReadonlyArray<{ id: string; name: string }> = [nightOfficer]): EventEnvelope[] {
  const day = stream('dutyDay', `duty-${date}`, '2026-12-01T01:00:00.000Z');
  day.add('DutyScheduled', { date, leaderOnDuty: leader, officers, scheduledBy: office, scheduledAt: '2026-12-01T01:00:00.000Z' }, { by: office });
  for (const incoming of handedOverTo) day.add('ShiftHandedOver', { date, outgoingOfficer: officer, incomingOfficer: incoming, openItems: [], handedOverAt: `${date}T10:00:00.000Z` }, { at: `${date}T10:00:00.000Z` });
  return day.events;
}

describe('AUD-15 督办 and AUD-16 值班、信息报送', () => {
  const NOW = '2026-12-10T04:00:00.000Z';

  it('AUD-15 a supervision task not closed by the end of its deadline day, closed after it, or closed without evidence', () => {
    const open = task('2026-12-01');
    const onTime = task('2026-12-05', { at: '2026-12-04T02:00:00.000Z', evidence: [{ name: '报告.pdf', hash: HASH }] });
    const late = task('2026-12-06', { at: '2026-12-07T02:00:00.000Z', evidence: [{ name: '报告.pdf', hash: HASH }] });
    const bare = task('2026-12-08', { at: '2026-12-08T02:00:00.000Z', evidence: [] });
    const notYet = task('2026-12-10');
    const findings = detectAffairsFindings([...open, ...onTime, ...late, ...bare, ...notYet], NOW);
    expect(findings.map((found) => [found.rule, found.title, found.streamIds[0]])).toEqual([
      ['AUD-15', '督办事项逾期未办结', 'task-2026-12-01'],
      ['AUD-15', '督办事项逾期办结', 'task-2026-12-06'],
      ['AUD-15', '督办事项无佐证材料办结', 'task-2026-12-08'],
    ]);
  });

  it('AUD-15 a meetings supervision task of MTG-7 overdue is found too', () => {
    const legacy = stream('supervisionTask', 'mtg-task-1', '2026-11-02T01:00:00.000Z');
    legacy.add('SupervisionTaskCreated', { taskId: 'mtg-task-1', meetingId: 'mtg-1', itemId: 'item-1', description: '落实资金安排', ownerUnit: '财务处', deadline: '2026-12-01', createdBy: 'u-office', createdAt: '2026-11-02T01:00:00.000Z' });
    expect(detectAffairsFindings(legacy.events, NOW)).toEqual([expect.objectContaining({ rule: 'AUD-15', title: '督办事项逾期未办结', streamIds: ['mtg-task-1'] })]);
  });

  it('AUD-15 a leader’s instruction on an incoming document, as the documents service recorded it, not disposed of within 2 working days', () => {
    const incoming = stream('incomingDocument', 'doc-in-41', '2026-12-03T02:00:00.000Z');
    const instructed = incoming.add('IncomingDocumentInstructed', { documentId: 'doc-in-41', instruction: '请综合科牵头调研', leaderId: 'li.jianguo', leaderName: '李建国', instructedAt: '2026-12-03T02:00:00.000Z' });
    const other = stream('incomingDocument', 'doc-in-42', '2026-12-03T02:00:00.000Z');
    const onTime = other.add('IncomingDocumentInstructed', { documentId: 'doc-in-42', instruction: '阅', leaderId: 'li.jianguo', leaderName: '李建国', instructedAt: '2026-12-03T02:00:00.000Z' });
    const disposition = stream('leaderInstruction', onTime.eventId, '2026-12-07T09:00:00.000Z');
    disposition.add('InstructionNeedsNoTask', { instructionId: onTime.eventId, documentId: 'doc-in-42', reason: '阅知', late: false, by: office, at: '2026-12-07T09:00:00.000Z' });
    // Thursday's instruction is due on Monday 7 December: at 00:00 Beijing on Tuesday it is overdue
    expect(detectAffairsFindings([...incoming.events, ...other.events, ...disposition.events], '2026-12-07T15:59:00.000Z')).toEqual([]);
    const findings = detectAffairsFindings([...incoming.events, ...other.events, ...disposition.events], '2026-12-07T16:00:00.000Z');
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-15', title: '领导批示未按时立项督办', eventIds: [instructed.eventId] })]);
  });

  it('AUD-16 past days without a roster (one finding a gap), and an officer who took the shift without a handover', () => {
    // NOW is 10 December: the 9th is the last past day, so no gap after it
    const events = [...duty('2026-12-05'), ...duty('2026-12-06'), ...duty('2026-12-07'), ...duty('2026-12-09', [officer, nightOfficer], [])];
    const findings = detectAffairsFindings(events, NOW);
    expect(findings.map((found) => [found.rule, found.detail])).toEqual([
      ['AUD-16', '自 2026-12-08 起没有值班安排（无带班领导和值班员）。'],
      ['AUD-16', '2026-12-09 值班员黄晓东接班时没有交接班记录。'],
    ]);
  });

  it('AUD-16 an emergency first report 40 minutes after the office learnt of it', () => {
    const report = (incidentId: string, minutes: number) => {
      const incident = stream('emergencyReport', incidentId, '2026-12-09T01:00:00.000Z');
      const reportedAt = new Date(Date.parse('2026-12-09T01:00:00.000Z') + minutes * 60_000).toISOString();
      incident.add('EmergencyFirstReported', { incidentId, learntAt: '2026-12-09T01:00:00.000Z', what: '道路塌方', where: '某镇', when: '9时许', recipients: ['市委办公室'], reportedBy: officer, reportedAt, minutesAfterLearning: minutes, allowedMinutes: 30, late: minutes > 30 }, { at: reportedAt });
      return incident.events;
    };
    const findings = detectAll([...report('inc-1', 25), ...report('inc-2', 40)], NOW);
    expect(findings.map((found) => [found.rule, found.title, found.streamIds])).toEqual([['AUD-16', '突发事件首报超时', ['inc-2']]]);
  });
});
