import type { EventEnvelope } from '@oa/core';
import { actor, stream } from './audit.fixtures';
import { detectAccessFindings } from './access.detectors';

const NOW = '2026-01-05T12:00:00.000Z';

/** Denials by one actor at the given minutes past 10:00. */
function denials(actorId: string, minutes: readonly number[]): EventEnvelope[] {
  const s = stream('securityLog', `log-${actorId}`);
  for (const minute of minutes) {
    const at = new Date(Date.parse('2026-01-05T10:00:00.000Z') + minute * 60_000).toISOString();
    s.add('AccessDenied', { method: 'GET', path: '/api/v1/archive-items/arc-1', reason: 'clearance', status: 403 }, { at, by: actor(actorId, ['staff']) });
  }
  return s.events;
}

const SECRET_TITLE = '关于某专项工作的机密通知';

/** Probes by one actor at the given minutes past 10:00: reads of a 机密 document COMMON-3 answered 404, each in a stream of its own. */
function probes(actorId: string, minutes: readonly number[], itemId = 'doc-jimi-1'): EventEnvelope[] {
  return minutes.map((minute, index) => {
    const at = new Date(Date.parse('2026-01-05T10:00:00.000Z') + minute * 60_000).toISOString();
    const data = { method: 'GET', path: `/api/v1/outgoing-documents/${itemId}`, itemId, streamType: 'outgoingDocument', reason: 'COMMON-3', basis: 'clearance', status: 404, clientAddress: '10.0.0.7' };
    return stream('securityLog', `security-documents-2026-01-05-${actorId}-${index}`).add('HiddenItemProbed', data, { at, by: actor(actorId, ['leader'], '孙阅') });
  });
}

describe('detectAccessFindings', () => {
  it('AUD-11 raises five denials of one user within ten minutes', () => {
    const events = denials('eve', [0, 2, 4, 6, 8]);
    expect(detectAccessFindings(events, NOW)).toEqual([
      expect.objectContaining({ rule: 'AUD-11', severity: 'high', eventIds: events.map((event) => event.eventId) }),
    ]);
  });

  it('AUD-11 does not raise denials spread out or spread over users, and honours the configured threshold', () => {
    const spread = denials('eve', [0, 5, 11, 17, 23]);
    const fourEach = [...denials('ann', [0, 1, 2, 3]), ...denials('bob', [0, 1, 2, 3])];
    expect(detectAccessFindings(spread, NOW)).toEqual([]);
    expect(detectAccessFindings(fourEach, NOW)).toEqual([]);
    expect(detectAccessFindings(fourEach, NOW, { deniedThreshold: 4 }).map((f) => f.rule)).toEqual(['AUD-11', 'AUD-11']);
  });

  it('AUD-11 counts probes (reads answered 404 under COMMON-3) among the denied attempts, and raises five of them within ten minutes', () => {
    const events = probes('eve', [0, 1, 2, 3, 4]);
    const [found] = detectAccessFindings(events, NOW);
    expect(found).toMatchObject({ rule: 'AUD-11', severity: 'high', title: '同一用户多次被拒绝访问或试探涉密对象', eventIds: events.map((event) => event.eventId) });
    expect(found!.streamIds).toHaveLength(5);
    expect(found!.detail).toContain('其中 5 次查询无权知悉的涉密对象（按不存在答复）：outgoingDocument doc-jimi-1');
  });

  it('AUD-11 counts probes and 403s together for one user, and names each probed item once', () => {
    const mixed = [...denials('eve', [0, 2]), ...probes('eve', [4, 6], 'doc-jimi-1'), ...probes('eve', [8], 'arc-jimi-2')];
    const [found] = detectAccessFindings(mixed, NOW);
    expect(found?.eventIds).toHaveLength(5);
    expect(found?.detail).toContain('被拒绝 5 次');
    expect(found?.detail).toContain('其中 3 次查询无权知悉的涉密对象（按不存在答复）：outgoingDocument doc-jimi-1、outgoingDocument arc-jimi-2；');
    expect(detectAccessFindings([...denials('ann', [0, 1]), ...probes('bob', [2, 3, 4])], NOW)).toEqual([]);
  });

  it('AUD-11 shows a probe in the evidence without the item’s title', () => {
    const events = probes('eve', [0, 1, 2, 3, 4]);
    const found = detectAccessFindings(events, NOW);
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain(SECRET_TITLE);
    const evidence = events.filter((event) => found[0]!.eventIds.includes(event.eventId));
    expect(evidence.map((event) => event.type)).toEqual(Array(5).fill('HiddenItemProbed'));
    for (const event of evidence) expect(Object.keys(event.data as object)).not.toContain('title');
  });

  it('AUD-11 ignores a probe-shaped event outside the security log', () => {
    const elsewhere = probes('eve', [0, 1, 2, 3, 4]).map((event) => ({ ...event, streamType: 'outgoingDocument' }));
    expect(detectAccessFindings(elsewhere, NOW)).toEqual([]);
  });
});
