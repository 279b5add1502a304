import { GENESIS_HASH, digest, sealEnvelope, verifyChain } from './hash-chain';
import type { EventEnvelope } from './envelope';

const actor = { id: 'u1', name: '张三', roles: ['sealKeeper'] };

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
        metadata: { actor },
        recordedAt: '2024-07-01T00:00:00.000Z',
        prevHash: events[version - 2]?.hash ?? GENESIS_HASH,
      }),
    );
  }
  return events;
}

describe('hash chain', () => {
  it('computes SHA-256 and SM3 as the published test vectors say', () => {
    expect(digest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // GB/T 32905-2016 appendix A, example 1
    expect(digest('abc', 'sm3')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(chain(3))).toEqual([]);
  });

  it('finds changed data, a removed event and a reorder', () => {
    const changed = chain(3).map((e) => (e.streamVersion === 2 ? { ...e, data: { n: 99 } } : e));
    expect(verifyChain(changed)).toContainEqual({ kind: 'dataDigestMismatch', streamVersion: 2 });

    const [first, , third] = chain(3);
    expect(verifyChain([first, third]).map((b) => b.kind)).toEqual(['gap', 'prevHashMismatch']);

    const [a, b] = chain(2);
    expect(verifyChain([b, a]).length).toBeGreaterThan(0);
  });

  it('still verifies the links when the content of an event was removed', () => {
    const withoutContent = chain(2).map((e) => (e.streamVersion === 1 ? { ...e, data: null } : e));
    expect(verifyChain(withoutContent)).toEqual([]);
  });
});
