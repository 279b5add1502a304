import type { EventEnvelope } from '@oa/core';
import { stream } from './audit.fixtures';
import { detectChainFindings } from './chain.detectors';

function sealStream(): EventEnvelope[] {
  const s = stream('seal', 'seal-1');
  s.add('SealActivated', { sealId: 'seal-1', activatedAt: '2026-01-05T01:00:00.000Z' });
  s.add('SealSuspended', { sealId: 'seal-1', reason: '检查', suspendedAt: '2026-01-06T01:00:00.000Z' });
  s.add('SealResumed', { sealId: 'seal-1', resumedAt: '2026-01-07T01:00:00.000Z' });
  return s.events;
}

describe('AUD-10 detectChainFindings', () => {
  it('AUD-10 raises an event whose data was changed after it was written', () => {
    const events = sealStream();
    const tampered = { ...events[1]!, data: { sealId: 'seal-1', reason: '无', suspendedAt: '2026-01-06T01:00:00.000Z' } };
    const findings = detectChainFindings([events[0]!, tampered, events[2]!]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'AUD-10', severity: 'critical', eventIds: [tampered.eventId] })]);
  });

  it('AUD-10 raises a deleted event (a gap) and a reorder', () => {
    const events = sealStream();
    const gap = detectChainFindings([events[0]!, events[2]!]);
    expect(gap.map((f) => f.rule)).toEqual(['AUD-10']); // the gap; the successor's prevHash cannot match after it, so it is not a second break
    expect(gap[0]).toEqual(expect.objectContaining({ severity: 'critical', eventIds: [events[0]!.eventId, events[2]!.eventId] }));
    expect(detectChainFindings([events[0]!, events[2]!, events[1]!]).length).toBeGreaterThan(0);
  });

  it('AUD-10 does not raise intact streams', () => {
    const other = stream('meeting', 'mtg-1');
    other.add('MeetingOpened', { meetingId: 'mtg-1', openedBy: 'chair', openedAt: '2026-01-05T01:00:00.000Z' });
    expect(detectChainFindings([...sealStream(), ...other.events])).toEqual([]);
  });
});
