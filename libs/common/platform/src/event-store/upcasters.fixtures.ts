import type { Upcaster } from '@oa/core';

/**
 * A venue booking whose shape changed twice, as a real event type would across releases:
 * v1 `{ room }`, v2 `{ venue: { room, building } }`, v3 adds `bookedAt` (from the stored event).
 */
export const VENUE_BOOKED = 'VenueBooked';
export interface VenueBookedV1 { readonly room: string }
export interface VenueBookedV2 { readonly venue: { readonly room: string; readonly building: string } }
export interface VenueBookedV3 extends VenueBookedV2 { readonly bookedAt: string }

export const venueUpcasters: readonly Upcaster[] = [
  { type: VENUE_BOOKED, fromVersion: 1, upcast: (data: VenueBookedV1): VenueBookedV2 => ({ venue: { room: data.room, building: '机关主楼' } }) },
  { type: VENUE_BOOKED, fromVersion: 2, upcast: (data: VenueBookedV2, event): VenueBookedV3 => ({ ...data, bookedAt: event.recordedAt }) },
];
