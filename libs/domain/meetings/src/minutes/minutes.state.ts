import type { SecrecyLevel } from '../meetings.types';
import { ignoreUnknownEvent } from '../meetings.types';
import type { MinutesContent } from './minutes.commands';
import type { MinutesEvent } from './minutes.events';

export interface MinutesHeader {
  readonly meetingId: string;
  readonly title: string;
  readonly chairId: string;
  readonly recorderId: string;
  readonly scheduledEnd: string;
  readonly secrecyLevel: SecrecyLevel;
}

/** MTG-6 each finalized version stays readable: version 1 is the original, later ones are amendments. */
export interface MinutesVersion {
  readonly version: number;
  readonly content: MinutesContent;
  readonly validFrom: string;
  readonly contentDigest: string;
  /** FILE-4 classified minutes: the digest of this version with its texts in clear. */
  readonly clearContentDigest?: string;
  readonly amendmentId?: string;
  readonly reason?: string;
}

export interface PendingAmendment {
  readonly amendmentId: string;
  readonly baseVersion: number;
  readonly reason: string;
  readonly content: MinutesContent;
  readonly proposedBy: string;
  readonly proposedAt: string;
}

export type MinutesState =
  | { readonly status: 'empty' }
  | (MinutesHeader & {
      readonly status: 'drafted';
      readonly draft: MinutesContent;
      readonly draftedAt: string;
      readonly recorderSignedAt?: string;
      readonly chairSignedAt?: string;
    })
  | (MinutesHeader & {
      readonly status: 'finalized';
      readonly finalizedAt: string;
      readonly versions: readonly MinutesVersion[];
      readonly pendingAmendment?: PendingAmendment;
    });

export const initialMinutesState = (): MinutesState => ({ status: 'empty' });

function header(state: Exclude<MinutesState, { status: 'empty' }>): MinutesHeader {
  const { meetingId, title, chairId, recorderId, scheduledEnd, secrecyLevel } = state;
  return { meetingId, title, chairId, recorderId, scheduledEnd, secrecyLevel };
}

export function evolveMinutes(state: MinutesState, event: MinutesEvent): MinutesState {
  switch (event.type) {
    case 'MinutesFilingCopyReleased':
      return state;
    case 'MinutesDrafted': {
      const { meetingId, title, chairId, recorderId, scheduledEnd, secrecyLevel, content, draftedAt } = event.data;
      return { status: 'drafted', meetingId, title, chairId, recorderId, scheduledEnd, secrecyLevel, draft: content, draftedAt };
    }
    case 'MinutesDraftRevised':
      if (state.status !== 'drafted') return state;
      // a changed text needs both signatures again
      return { ...header(state), status: 'drafted', draft: event.data.content, draftedAt: state.draftedAt };
    case 'MinutesSigned':
      if (state.status !== 'drafted') return state;
      return event.data.role === 'recorder' ? { ...state, recorderSignedAt: event.data.signedAt } : { ...state, chairSignedAt: event.data.signedAt };
    case 'MinutesFinalized':
      if (state.status !== 'drafted') return state;
      return {
        ...header(state),
        status: 'finalized',
        finalizedAt: event.data.finalizedAt,
        versions: [{ version: 1, content: state.draft, validFrom: event.data.finalizedAt, contentDigest: event.data.contentDigest, ...(event.data.clearContentDigest !== undefined && { clearContentDigest: event.data.clearContentDigest }) }],
      };
    case 'MinutesAmendmentProposed': {
      if (state.status !== 'finalized') return state;
      const { amendmentId, baseVersion, reason, content, proposedBy, proposedAt } = event.data;
      return { ...state, pendingAmendment: { amendmentId, baseVersion, reason, content, proposedBy, proposedAt } };
    }
    case 'MinutesAmended': {
      if (state.status !== 'finalized' || state.pendingAmendment?.amendmentId !== event.data.amendmentId) return state;
      const { pendingAmendment: amendment, ...rest } = state;
      return {
        ...rest,
        versions: [
          ...state.versions,
          {
            version: event.data.version,
            content: amendment.content,
            validFrom: event.data.amendedAt,
            contentDigest: event.data.contentDigest,
            amendmentId: amendment.amendmentId,
            reason: amendment.reason,
          },
        ],
      };
    }
    case 'MinutesAmendmentRejected': {
      if (state.status !== 'finalized') return state;
      const { pendingAmendment: _rejected, ...rest } = state;
      return rest;
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/** The version in force: the latest amendment, or the original. */
export function currentMinutesVersion(state: MinutesState): MinutesVersion | undefined {
  return state.status === 'finalized' ? state.versions[state.versions.length - 1] : undefined;
}

/**
 * FILE-2 the finalized version a filing copy with this SHA-256 is of: the bytes its contentDigest
 * covers, or for classified minutes its texts in clear (clearContentDigest).
 */
export function minutesVersionCopied(versions: readonly MinutesVersion[], sha256: string): MinutesVersion | undefined {
  const bare = (digest: string | undefined) => digest?.replace(/^sha256:/, '');
  return versions.find((version) => bare(version.clearContentDigest ?? version.contentDigest) === sha256);
}
