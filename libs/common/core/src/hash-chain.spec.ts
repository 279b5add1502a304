import { GENESIS_HASH, checkLink, digest, sealEnvelope, verifyChain, type ChainHead } from './hash-chain';
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
    expect(verifyChain([first, third]).map((b) => b.kind)).toEqual(['gap']);

    const [a, b] = chain(2);
    expect(verifyChain([b, a]).length).toBeGreaterThan(0);
  });

  it('still verifies the links when the content of an event was removed', () => {
    const withoutContent = chain(2).map((e) => (e.streamVersion === 1 ? { ...e, data: null } : e));
    expect(verifyChain(withoutContent)).toEqual([]);
  });
});

describe('AUD-10 checkLink: one step of the chain fold, as the audit checks each event on arrival', () => {
  const [e1, e2, e3] = chain(3) as [EventEnvelope, EventEnvelope, EventEnvelope];
  const head = (event: EventEnvelope): ChainHead => ({ version: event.streamVersion, hash: event.hash, eventId: event.eventId });

  it('AUD-10 accepts a chain in order', () => {
    expect(checkLink(undefined, e1).breaks).toEqual([]);
    expect(checkLink(head(e1), e2).breaks).toEqual([]);
    expect(checkLink(head(e2), e3).breaks).toEqual([]);
  });

  it('AUD-10 finds a gap, a reorder, a broken link, a changed data and a forged hash', () => {
    expect(checkLink(head(e1), e3).breaks).toEqual([{ kind: 'gap', streamVersion: 3, expectedVersion: 2 }]);
    expect(checkLink(head(e3), e2).breaks).toEqual([{ kind: 'reorder', streamVersion: 2, expectedVersion: 4 }]);
    expect(checkLink(undefined, e2).breaks).toEqual([{ kind: 'gap', streamVersion: 2, expectedVersion: 1 }]);
    expect(checkLink(head(e1), { ...e2, prevHash: GENESIS_HASH }).breaks).toEqual([{ kind: 'prevHashMismatch', streamVersion: 2 }, { kind: 'hashMismatch', streamVersion: 2 }]);
    expect(checkLink(head(e1), { ...e2, data: { n: 99 } }).breaks).toEqual([{ kind: 'dataDigestMismatch', streamVersion: 2 }]);
    expect(checkLink(head(e1), { ...e2, type: 'SealDestroyed' }).breaks).toEqual([{ kind: 'hashMismatch', streamVersion: 2 }]);
    expect(checkLink(head(e1), { ...e2, streamVersion: '2' } as unknown as EventEnvelope).breaks).toEqual([expect.objectContaining({ kind: 'malformed' })]);
  });

  it('AUD-10 keeps the highest version as the head, and a malformed event never moves it', () => {
    expect(checkLink(head(e3), e2).head).toEqual(head(e3));
    expect(checkLink(head(e1), e3).head).toEqual(head(e3));
    expect(checkLink(undefined, e1).head).toEqual(head(e1));
    expect(checkLink(head(e1), { ...e2, streamVersion: '2' } as unknown as EventEnvelope).head).toEqual(head(e1));
  });
});
