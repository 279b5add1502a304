import type { Command } from '@oa/core';
import type { Retention } from '../archives.vocabulary';

/** The key of one sequence (ARC-2): 全宗号, 年度, 保管期限 and 机构代码 (category WS). */
export interface ArchivalCodeSequenceKey {
  readonly fondsCode: string;
  readonly year: number;
  readonly retention: Retention;
  readonly organisationCode: string;
}

/**
 * The next item number of a sequence, for one item. The service appends with the
 * sequence's expected version, so two concurrent allocations cannot both win.
 */
export type AllocateArchivalItemNumber = Command<'AllocateArchivalItemNumber', ArchivalCodeSequenceKey & { readonly itemId: string }>;

/**
 * ARC-2 gapless: the last number, when its item's filing was refused (e.g. by the 四性检测),
 * is released and goes to the next item. Only the last number can be released.
 */
export type ReleaseArchivalItemNumber = Command<'ReleaseArchivalItemNumber', { readonly itemId: string; readonly reason: string }>;

export type ArchivalCodeSequenceCommand = AllocateArchivalItemNumber | ReleaseArchivalItemNumber;
