import { GENESIS_HASH, sealEnvelope, type ChainHead, type EventEnvelope } from '@oa/core';
import { checkArrivals } from './chain-check';

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

const head = (event: EventEnvelope): ChainHead => ({ version: event.streamVersion, hash: event.hash, eventId: event.eventId });

describe('AUD-10 on arrival', () => {
  // the chain's own breaks are core's checkLink (libs/common/core/src/hash-chain.spec.ts)
  const [e1, e2] = chain(2) as [EventEnvelope, EventEnvelope];
  const problemsOf = (before: EventEnvelope | undefined, event: EventEnvelope, signature: 'verified' | 'missing' | 'invalid') =>
    checkArrivals(new Map(before ? [['a', head(before)]] : []), [{ stream: 'a', event, signature }]).checked[0]!.problems;

  it('AUD-10 finds a well-chained event its relay did not sign, or signed with another key (a forgery with a valid chain)', () => {
    expect(problemsOf(undefined, e1, 'verified')).toEqual([]);
    expect(problemsOf(undefined, e1, 'missing')).toEqual([{ kind: 'unsigned' }]);
    expect(problemsOf(e1, e2, 'invalid')).toEqual([{ kind: 'badSignature' }]);
  });

  it('checks a batch in order: a stream\'s head advances within the batch, as if its events came one by one', () => {
    const [f1, f2, f3, f4] = chain(4) as [EventEnvelope, EventEnvelope, EventEnvelope, EventEnvelope];
    const foreign = { ...f1, streamId: 's-2' };
    const heads = new Map<string, ChainHead>([['a', head(f1)]]);
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
