import { sealEnvelope, GENESIS_HASH, type EventEnvelope } from '@oa/core';
import { UpcasterRegistry } from './upcasters';
import { VENUE_BOOKED, venueUpcasters } from './upcasters.fixtures';

const stored = (type: string, schemaVersion: number, data: unknown): EventEnvelope =>
  sealEnvelope({ eventId: 'e-1', streamType: 'venue', streamId: 'v-1', streamVersion: 1, type, schemaVersion, data, metadata: { actor: { id: 'u-1', name: '王五', roles: [] } }, recordedAt: '2023-03-01T08:00:00.000Z', prevHash: GENESIS_HASH });

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry(venueUpcasters);

  it('lifts an event step by step from its stored version to the current one, keeping the stored hashes', () => {
    const old = stored(VENUE_BOOKED, 1, { room: '第一会议室' });
    const current = registry.upcast(old);
    expect(current).toMatchObject({ schemaVersion: 3, data: { venue: { room: '第一会议室', building: '机关主楼' }, bookedAt: '2023-03-01T08:00:00.000Z' } });
    expect([current.hash, current.dataDigest, current.prevHash]).toEqual([old.hash, old.dataDigest, old.prevHash]);
    expect(registry.upcast(stored(VENUE_BOOKED, 2, { venue: { room: '第二会议室', building: '东楼' } })).data).toEqual({ venue: { room: '第二会议室', building: '东楼' }, bookedAt: '2023-03-01T08:00:00.000Z' });
  });

  it('leaves current events and types without upcasters as they are', () => {
    const current = stored(VENUE_BOOKED, 3, { venue: { room: 'A', building: 'B' }, bookedAt: '2023-03-01T08:00:00.000Z' });
    expect(registry.upcast(current)).toBe(current);
    const other = stored('SealRegistered', 1, { sealId: 's-1' });
    expect(registry.upcast(other)).toBe(other);
  });

  it('refuses two upcasters from the same version of a type', () => {
    expect(() => new UpcasterRegistry([...venueUpcasters, venueUpcasters[0]!])).toThrow(/VenueBooked@1/);
  });
});
