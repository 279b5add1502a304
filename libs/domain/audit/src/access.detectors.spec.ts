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
});
