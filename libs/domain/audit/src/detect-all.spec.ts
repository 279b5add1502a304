import { actor, stream } from './audit.fixtures';
import { detectAll } from './detect-all';

describe('detectAll', () => {
  it('combines the detectors over one trail, ordered by rule, with their configuration', () => {
    const log = stream('securityLog', 'log-1');
    for (const at of ['2026-01-05T10:00:00.000Z', '2026-01-05T10:01:00.000Z', '2026-01-05T10:02:00.000Z']) {
      log.add('AccessDenied', { method: 'POST', path: '/api/v1/seals/seal-1/activate', reason: 'role', status: 403 }, { at, by: actor('eve') });
    }
    const seal = stream('seal', 'seal-1');
    seal.add('SealActivated', { sealId: 'seal-1', activatedAt: '2026-01-05T01:00:00.000Z' });
    const tampered = { ...seal.add('SealSuspended', { sealId: 'seal-1', reason: '检查', suspendedAt: '2026-01-06T01:00:00.000Z' }), recordedAt: '2026-01-04T00:00:00.000Z' };
    const events = [...log.events, seal.events[0]!, tampered];
    const now = '2026-01-06T00:00:00.000Z';
    expect(detectAll(events, now).map((f) => f.rule)).toEqual(['AUD-10']);
    expect(detectAll(events, now, { access: { deniedThreshold: 3 } }).map((f) => f.rule)).toEqual(['AUD-10', 'AUD-11']);
  });
});
