import type { MeetingsEvent, SecrecyLevel } from '../meetings.types';
import { ignoreUnknownEvent } from '../meetings.types';
import type { MinutesContent } from './minutes.commands';

export type MinutesDrafted = MeetingsEvent<
  'MinutesDrafted',
  {
    readonly meetingId: string;
    readonly title: string;
    readonly chairId: string;
    readonly recorderId: string;
    readonly scheduledEnd: string;
    readonly secrecyLevel: SecrecyLevel;
    readonly content: MinutesContent;
    readonly draftedBy: string;
    readonly draftedAt: string;
  }
>;

export type MinutesDraftRevised = MeetingsEvent<
  'MinutesDraftRevised',
  { readonly meetingId: string; readonly content: MinutesContent; readonly revisedBy: string; readonly revisedAt: string }
>;

export type MinutesSigned = MeetingsEvent<
  'MinutesSigned',
  { readonly meetingId: string; readonly signedBy: string; readonly role: 'recorder' | 'chair'; readonly signedAt: string }
>;

/**
 * Published for the archives service (ARC-1 filing candidate) and the audit (AUD-6 late,
 * AUD-13 from the content): the content itself stays in this stream, the digest travels.
 */
export type MinutesFinalized = MeetingsEvent<
  'MinutesFinalized',
  {
    readonly meetingId: string;
    readonly title: string;
    readonly finalizedAt: string;
    readonly version: 1;
    readonly chairId: string;
    readonly recorderId: string;
    readonly scheduledEnd: string;
    readonly secrecyLevel: SecrecyLevel;
    readonly contentDigest: string;
    /** FILE-4 classified minutes: the digest of the version with its texts in clear, the copy the archives keep (encrypted). */
    readonly clearContentDigest?: string;
  }
>;

export type MinutesAmendmentProposed = MeetingsEvent<
  'MinutesAmendmentProposed',
  {
    readonly meetingId: string;
    readonly amendmentId: string;
    readonly baseVersion: number;
    readonly reason: string;
    readonly content: MinutesContent;
    readonly proposedBy: string;
    readonly proposedAt: string;
  }
>;

/** A new version; the earlier ones stay readable (MTG-6). */
export type MinutesAmended = MeetingsEvent<
  'MinutesAmended',
  {
    readonly meetingId: string;
    readonly title: string;
    readonly amendmentId: string;
    readonly version: number;
    readonly reason: string;
    readonly approvedBy: string;
    readonly amendedAt: string;
    readonly contentDigest: string;
  }
>;

export type MinutesAmendmentRejected = MeetingsEvent<
  'MinutesAmendmentRejected',
  { readonly meetingId: string; readonly amendmentId: string; readonly reason: string; readonly rejectedBy: string; readonly rejectedAt: string }
>;

/** FILE-2 the meetings side of a copy to the archives: which version's bytes, to whom, when. */
export type MinutesFilingCopyReleased = MeetingsEvent<
  'MinutesFilingCopyReleased',
  { readonly meetingId: string; readonly version: number; readonly sha256: string; readonly releasedToId: string; readonly releasedAt: string }
>;

export type MinutesEvent =
  | MinutesFilingCopyReleased
  | MinutesDrafted
  | MinutesDraftRevised
  | MinutesSigned
  | MinutesFinalized
  | MinutesAmendmentProposed
  | MinutesAmended
  | MinutesAmendmentRejected;

/** The instant each minutes event took effect: what minutesAsOf filters on. */
export function minutesEventTime(event: MinutesEvent): string {
  switch (event.type) {
    case 'MinutesDrafted':
      return event.data.draftedAt;
    case 'MinutesDraftRevised':
      return event.data.revisedAt;
    case 'MinutesSigned':
      return event.data.signedAt;
    case 'MinutesFinalized':
      return event.data.finalizedAt;
    case 'MinutesAmendmentProposed':
      return event.data.proposedAt;
    case 'MinutesAmended':
      return event.data.amendedAt;
    case 'MinutesAmendmentRejected':
      return event.data.rejectedAt;
    case 'MinutesFilingCopyReleased':
      return event.data.releasedAt;
    default:
      // an unknown event has no instant: minutesAsOf leaves it out
      return ignoreUnknownEvent(event, '');
  }
}
