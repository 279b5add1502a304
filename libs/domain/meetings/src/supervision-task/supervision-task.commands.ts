import type { Command } from '@oa/core';
import type { Material } from '../meetings.types';

/**
 * MTG-7 tasks kept here began with `SupervisionTaskCreated`; since ADR 0018 a decision's tasks start
 * in the affairs service, and these are followed up where they are until closed.
 */
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

export type SupervisionTaskCommand = ReportSupervisionProgress | CloseSupervisionTask | MarkSupervisionTaskOverdue;
