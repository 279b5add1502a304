import { CHINA_STANDARD_TIME_OFFSET_MINUTES, type WorkingCalendar } from '@oa/core';
import type { Urgency } from '../document.vocabulary';

/** What an office configures for incoming documents; the defaults are DOMAIN.md's. */
export interface IncomingDocumentConfig {
  /** DOC-9 a return to the sender needs the office director's approval. */
  readonly returnNeedsOfficeDirectorApproval: boolean;
  /** DOC-10 default deadlines in working days by urgency: 特急 1, 加急 3, otherwise 10. */
  readonly deadlineWorkingDays: Readonly<Record<Urgency, number>>;
  /** DOC-10 escalate to the office director once this many working days past the deadline. */
  readonly escalateAfterOverdueWorkingDays: number;
  /** Working days skip Saturdays and Sundays, and the listed holidays; listed make-up days count. */
  readonly calendar: WorkingCalendar;
  readonly utcOffsetMinutes: number;
}

export const DEFAULT_INCOMING_DOCUMENT_CONFIG: IncomingDocumentConfig = {
  returnNeedsOfficeDirectorApproval: true,
  deadlineWorkingDays: { extraUrgent: 1, urgent: 3, none: 10 },
  escalateAfterOverdueWorkingDays: 3,
  calendar: {},
  utcOffsetMinutes: CHINA_STANDARD_TIME_OFFSET_MINUTES,
};
