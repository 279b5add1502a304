import { GENESIS_HASH, sealEnvelope, type EventEnvelope } from '@oa/core';
import { checkArrival, checkArrivals, nextHead, type StreamHead } from './chain-check';

function chain(count: number): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  for (let version = 1; version <= count; version++) {
    events.push(
      sealEnvelope({
        eventId: `00000000-0000-4000-8000-00000000000${version}`,
        streamType: 'seal',
        streamId: 's-1',
        streamVersion: version,
        type: 'SealRegistered',
        schemaVersion: 1,
        data: { n: version },
        metadata: { actor: { id: 'u1', name: '张三', roles: ['sealKeeper'] } },
        recordedAt: '2026-11-24T00:00:00.000Z',
        prevHash: events[version - 2]?.hash ?? GENESIS_HASH,
      }),
    );
  }
  return events;
}

const head = (event: EventEnvelope): StreamHead => ({ version: event.streamVersion, hash: event.hash, eventId: event.eventId });

describe('AUD-10 on arrival', () => {
  const [e1, e2, e3] = chain(3) as [EventEnvelope, EventEnvelope, EventEnvelope];

  it('accepts a chain in order', () => {
    expect(checkArrival(undefined, e1)).toEqual([]);
    expect(checkArrival(head(e1), e2)).toEqual([]);
    expect(checkArrival(head(e2), e3)).toEqual([]);
  });

  it('finds a gap, a reorder, a broken link, a changed data and a forged hash', () => {
    expect(checkArrival(head(e1), e3)).toEqual([{ kind: 'gap', streamVersion: 3, expectedVersion: 2 }]);
    expect(checkArrival(head(e3), e2)).toEqual([{ kind: 'reorder', streamVersion: 2, expectedVersion: 4 }]);
    expect(checkArrival(undefined, e2)).toEqual([{ kind: 'gap', streamVersion: 2, expectedVersion: 1 }]);
    expect(checkArrival(head(e1), { ...e2, prevHash: GENESIS_HASH })).toEqual([{ kind: 'prevHashMismatch', streamVersion: 2 }, { kind: 'hashMismatch', streamVersion: 2 }]);
    expect(checkArrival(head(e1), { ...e2, data: { n: 99 } })).toEqual([{ kind: 'dataDigestMismatch', streamVersion: 2 }]);
    expect(checkArrival(head(e1), { ...e2, type: 'SealDestroyed' })).toEqual([{ kind: 'hashMismatch', streamVersion: 2 }]);
    expect(checkArrival(head(e1), { ...e2, streamVersion: '2' } as unknown as EventEnvelope)).toEqual([expect.objectContaining({ kind: 'malformed' })]);
  });

  it('keeps the highest version as the head', () => {
    expect(nextHead(head(e3), e2)).toBeUndefined();
    expect(nextHead(head(e1), e3)).toEqual(head(e3));
    expect(nextHead(undefined, e1)).toEqual(head(e1));
  });

  it('AUD-10 finds a well-chained event its relay did not sign, or signed with another key (a forgery with a valid chain)', () => {
    expect(checkArrival(undefined, e1, 'sha256', 'verified')).toEqual([]);
    expect(checkArrival(undefined, e1, 'sha256', 'missing')).toEqual([{ kind: 'unsigned' }]);
    expect(checkArrival(head(e1), e2, 'sha256', 'invalid')).toEqual([{ kind: 'badSignature' }]);
  });

  it('checks a batch in order: a stream\'s head advances within the batch, as if its events came one by one', () => {
    const [f1, f2, f3, f4] = chain(4) as [EventEnvelope, EventEnvelope, EventEnvelope, EventEnvelope];
    const foreign = { ...f1, streamId: 's-2' };
    const heads = new Map<string, StreamHead>([['a', head(f1)]]);
    const tampered = { ...f3, data: { n: 99 } };
    const { checked, moved } = checkArrivals(heads, [
      { stream: 'a', event: f2 },
      { stream: 'b', event: foreign },
      { stream: 'a', event: tampered },
      { stream: 'a', event: f4, signature: 'missing' },
      { stream: 'a', event: f2, signature: 'verified' },
      { stream: 'c', event: { ...f1, streamVersion: '1' } as unknown as EventEnvelope },
    ]);
    expect(checked.map(({ head: before, problems }) => [before?.version, problems.map((problem) => problem.kind)])).toEqual([
      [1, []],
      [undefined, ['hashMismatch']], // hashed as s-1's
      [2, ['dataDigestMismatch']],
      [3, ['unsigned']], // the tampered event still moved the head: its successor links to it
      [4, ['reorder']],
      [undefined, ['malformed']],
    ]);
    expect(heads).toEqual(new Map([['a', head(f4)], ['b', head(foreign)]]));
    expect(moved).toEqual(new Set(['a', 'b']));
  });
});
