import type { Role } from '@oa/platform';

/** Who constitutes committees and arranges meetings: the office. */
export const OFFICE = ['officeDirector', 'meetingSecretary'] as const satisfies readonly Role[];
/** Who constitutes a committee and changes its membership: the office director. */
export const COMMITTEE_ADMINISTRATORS = ['officeDirector'] as const satisfies readonly Role[];
/**
 * Who records the proceedings: the recorder (meetingSecretary) or the chair (a member or a
 * leader); the domain checks that the actor is this meeting's recorder or chair (MTG-6).
 */
export const RECORDER_OR_CHAIR = ['meetingSecretary', 'committeeMember', 'leader'] as const satisfies readonly Role[];
/** The chair's own acts (put on the agenda, approve an amendment): the domain checks it is the chair. */
export const CHAIR = ['committeeMember', 'leader'] as const satisfies readonly Role[];
/** Who submits agenda items: the units through their staff, the office and the members. */
export const SUBMITTERS = ['handler', 'drafter', 'officeDirector', 'meetingSecretary', 'committeeMember', 'leader'] as const satisfies readonly Role[];
/** Who reads committees, meetings and minutes. */
export const MEETING_READERS = ['auditor', 'officeDirector', 'meetingSecretary', 'committeeMember', 'leader'] as const satisfies readonly Role[];
/** Who follows up decisions (督办): the office; the owner unit's handler reports progress. */
export const SUPERVISORS = ['officeDirector', 'meetingSecretary'] as const satisfies readonly Role[];
export const PROGRESS_REPORTERS = ['handler', 'officeDirector', 'meetingSecretary'] as const satisfies readonly Role[];
export const SUPERVISION_READERS = ['auditor', 'officeDirector', 'meetingSecretary', 'committeeMember', 'leader', 'handler'] as const satisfies readonly Role[];
