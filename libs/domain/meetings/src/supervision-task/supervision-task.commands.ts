import type { Command } from '@oa/core';
import type { DecisionOutcome, Material } from '../meetings.types';

export type CreateSupervisionTask = Command<
  'CreateSupervisionTask',
  {
    readonly taskId: string;
    /** Fact from the meeting stream: the recorded decision the task follows up (MTG-7). */
    readonly decision: { readonly meetingId: string; readonly itemId: string; readonly outcome: DecisionOutcome };
    readonly description: string;
    /** 责任单位 */
    readonly ownerUnit: string;
    readonly ownerPersonId?: string;
    /** Last day to complete, YYYY-MM-DD (office local date). */
    readonly deadline: string;
  }
>;

export type ReportSupervisionProgress = Command<
  'ReportSupervisionProgress',
  { readonly summary: string; readonly percentComplete?: number }
>;

export type CloseSupervisionTask = Command<
  'CloseSupervisionTask',
  { readonly summary: string; readonly evidence: readonly Material[] }
>;

/** Sent by the scheduled job with its `now`; repeating it changes nothing. */
export type MarkSupervisionTaskOverdue = Command<'MarkSupervisionTaskOverdue', Record<string, never>>;

export type SupervisionTaskCommand = CreateSupervisionTask | ReportSupervisionProgress | CloseSupervisionTask | MarkSupervisionTaskOverdue;
