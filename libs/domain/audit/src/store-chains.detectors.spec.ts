import { compareStoredChains, linksToCompare, type LoggedLink, type StoredHead } from './store-chains.detectors';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const head = (streamId: string, version: number, more: Partial<StoredHead> = {}): StoredHead => ({ streamType: 'seal', streamId, version, hash: hash(version), eventId: `${streamId}-e${version}`, ...more });
const logged = (streamId: string, version: number, more: Partial<LoggedLink> = {}): LoggedLink => ({ streamType: 'seal', streamId, version, hash: hash(version), eventId: `${streamId}-e${version}`, ...more });

describe('AUD-10 in the stores: a service\'s chain heads against the audit\'s log', () => {
  it('AUD-10 finds nothing when every stored head is the logged event at its version, or the log is still behind', () => {
    expect(compareStoredChains('seals', [head('s-1', 5), head('s-2', 3)], [logged('s-1', 5), logged('s-2', 2)])).toEqual([]);
  });

  it('AUD-10 names the stream and the stored event where the store\'s own chain breaks', () => {
    const [finding, ...rest] = compareStoredChains('seals', [head('s-1', 5, { broken: { kind: 'dataDigestMismatch', streamVersion: 2, eventId: 's-1-e2' } })], [logged('s-1', 5)]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'AUD-10', severity: 'critical', difference: 'storedChainBroken', streamIds: ['s-1'], eventIds: ['s-1-e2'] });
    expect(finding!.detail).toContain('第 2 条事件');
    expect(finding!.detail).toContain('dataDigestMismatch');
  });

  it('AUD-10 names the logged event when the stored head was rewritten and chained again', () => {
    const findings = compareStoredChains('seals', [head('s-1', 5, { hash: 'f'.repeat(64) })], [logged('s-1', 5)]);
    expect(findings).toEqual([expect.objectContaining({ difference: 'storedHeadDiffers', streamIds: ['s-1'], eventIds: ['s-1-e5'] })]);
  });

  it('AUD-10 names the first logged event the store no longer holds, for a shortened stream and a removed one', () => {
    const findings = compareStoredChains('seals', [head('s-1', 3)], [logged('s-1', 3), logged('s-1', 4), logged('s-gone', 1)]);
    expect(findings.map((finding) => [finding.difference, finding.streamIds[0], finding.eventIds[0]])).toEqual([
      ['storeBehindLog', 's-1', 's-1-e4'],
      ['storeBehindLog', 's-gone', 's-gone-e1'],
    ]);
  });

  it('AUD-10 asks the log only for what it held before the store was read', () => {
    // s-1: the log holds up to 6 (compare 5 and 6); s-2: the log is behind (compare nothing); s-3: not in the store
    expect(linksToCompare([head('s-1', 5), head('s-2', 4)], [{ streamId: 's-1', version: 6 }, { streamId: 's-2', version: 3 }, { streamId: 's-3', version: 2 }])).toEqual([
      { streamId: 's-1', version: 5 },
      { streamId: 's-1', version: 6 },
      { streamId: 's-3', version: 1 },
    ]);
  });
});
