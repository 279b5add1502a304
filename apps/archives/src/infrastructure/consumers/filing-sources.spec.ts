import { bareHash, candidateItemId, formatOf, officeDateOf } from './filing-sources';

describe('ARC-1 filing candidates from source events', () => {
  it('derives the same item id for the same source, a different one otherwise', () => {
    const id = candidateItemId('documents', 'd-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(candidateItemId('documents', 'd-1')).toBe(id);
    expect(candidateItemId('meetings', 'd-1')).not.toBe(id);
  });

  it('takes the office calendar date (UTC+8) of an instant', () => {
    expect(officeDateOf('2026-11-23T17:30:00.000Z')).toBe('2026-11-24');
    expect(officeDateOf('2026-11-23T15:30:00.000Z')).toBe('2026-11-23');
  });

  it('records hashes as bare lower-case hex and formats from the file extension', () => {
    expect(bareHash('sha256:ABCDEF')).toBe('abcdef');
    expect(bareHash(undefined)).toBe('');
    expect(formatOf('附件1.PDF')).toBe('pdf');
    expect(formatOf('说明')).toBe('txt');
  });
});
