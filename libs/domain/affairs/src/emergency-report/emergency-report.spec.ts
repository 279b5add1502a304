import { DeciderSpecification } from '@oa/core';
import { actors, commandOf } from '../affairs.fixtures';
import { emergencyReportDecider, type EmergencyReportCommand, type EmergencyReportEvent } from './emergency-report';

const spec = DeciderSpecification.for(emergencyReportDecider);
const command = commandOf<EmergencyReportCommand>();
const LEARNT_AT = '2026-12-12T01:10:00.000Z';
const officer = { id: 'wu.xiuying', name: '吴秀英' };
const recipients = ['市委办公室', '市政府总值班室'];
const first = (now: string) =>
  command('SubmitFirstEmergencyReport', { incidentId: 'inc-1212', learntAt: LEARNT_AT, what: '道路塌方，无人员伤亡', where: '某镇某村村道', when: '12月12日9时许', recipients }, { actor: actors.officer, now });
const firstReported = (reportedAt: string, minutes: number, late: boolean): EmergencyReportEvent => ({
  type: 'EmergencyFirstReported',
  schemaVersion: 1,
  data: { incidentId: 'inc-1212', learntAt: LEARNT_AT, what: '道路塌方，无人员伤亡', where: '某镇某村村道', when: '12月12日9时许', recipients, reportedBy: officer, reportedAt, minutesAfterLearning: minutes, allowedMinutes: 30, late },
});

describe('突发事件信息报送 (emergency report)', () => {
  it('INFO-1 the first report says what, where and when, within 30 minutes of learning of it', () => {
    spec.given([]).when(first('2026-12-12T01:35:00.000Z')).then([firstReported('2026-12-12T01:35:00.000Z', 25, false)]);
  });

  it('INFO-1 a first report 40 minutes after learning of it is recorded late', () => {
    spec.given([]).when(first('2026-12-12T01:50:00.000Z')).then([firstReported('2026-12-12T01:50:00.000Z', 40, true)]);
  });

  it('INFO-1 refuses a first report without what, where or when, or without recipients', () => {
    const bad = (data: Partial<Extract<EmergencyReportCommand, { type: 'SubmitFirstEmergencyReport' }>['data']>) =>
      command('SubmitFirstEmergencyReport', { incidentId: 'inc-1212', learntAt: LEARNT_AT, what: '道路塌方', where: '某镇', when: '9时许', recipients, ...data }, { actor: actors.officer, now: '2026-12-12T01:35:00.000Z' });
    spec.given([]).when(bad({ where: '' })).thenThrows('INFO-1');
    spec.given([]).when(bad({ recipients: [] })).thenThrows('INFO-1');
    spec.given([]).when(bad({ learntAt: '2026-12-12T02:00:00.000Z' })).thenThrows('INFO-1');
  });

  it('INFO-1 先报事、再报情、后报因、最后报果: no continued or final report before the first, nothing after the final', () => {
    const continued = command('SubmitContinuedEmergencyReport', { situation: '已封闭道路，抢修中', recipients }, { actor: actors.officer, now: '2026-12-12T03:00:00.000Z' });
    const final = command('SubmitFinalEmergencyReport', { cause: '连日降雨致边坡失稳', outcome: '道路已抢通', recipients }, { actor: actors.officer, now: '2026-12-13T03:00:00.000Z' });
    spec.given([]).when(continued).thenThrows('INFO-1');
    spec.given([]).when(final).thenThrows('INFO-1');
    const reported = firstReported('2026-12-12T01:35:00.000Z', 25, false);
    const situation: EmergencyReportEvent = {
      type: 'EmergencyReportContinued',
      schemaVersion: 1,
      data: { incidentId: 'inc-1212', sequence: 1, situation: '已封闭道路，抢修中', recipients, reportedBy: officer, reportedAt: '2026-12-12T03:00:00.000Z' },
    };
    spec.given([reported]).when(continued).then([situation]);
    const closed: EmergencyReportEvent = {
      type: 'EmergencyFinalReported',
      schemaVersion: 1,
      data: { incidentId: 'inc-1212', cause: '连日降雨致边坡失稳', outcome: '道路已抢通', recipients, reportedBy: officer, reportedAt: '2026-12-13T03:00:00.000Z' },
    };
    spec.given([reported, situation]).when(final).then([closed]);
    spec.given([reported, situation, closed]).when(continued).thenThrows('INFO-1');
    spec.given([reported]).when(command('SubmitFinalEmergencyReport', { cause: '', outcome: '道路已抢通', recipients }, { actor: actors.officer, now: '2026-12-13T03:00:00.000Z' })).thenThrows('INFO-1');
  });
});
