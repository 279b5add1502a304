import { ruleBook } from '@oa/core';

/** The rules of DOMAIN.md, section Meetings (会议): stable codes, Chinese titles. */
export const MEETINGS_RULES = {
  'MTG-1': '议题须附材料、经办公室审核并由书记确定列入议程，未列入议程的事项不作决定',
  'MTG-2': '出席情况须逐一记录：到会或请假（注明事由），列席人员单独记录',
  'MTG-3': '到会委员须达到半数以上方能作出决定，干部任免事项须达到三分之二以上',
  'MTG-4': '与议题有利害关系的委员应当回避，回避委员不参加该议题表决',
  'MTG-5': '逐项表决，赞成票超过应到会委员半数为通过，不得委托表决',
  'MTG-6': '会议记录由记录人如实记录，经记录人和主持人签字定稿，定稿后只能经主持人批准更正',
  'MTG-7': '决定事项须明确责任单位和时限，督办至办结',
  'MTG-8': '“三重一大”事项须作为党委会议题经集体表决决定',
  'MTG-9': '“三重一大”事项主持人末位表态',
  'MTG-10': '会议、材料和记录标注密级；秘密及以上的会议内容不出本服务，事件只载摘要',
  'FILE-2': '秘密及以上文件加密保存，只经内部接口交档案部门，双方记录移交',
} as const;

export type MeetingsRuleCode = keyof typeof MEETINGS_RULES;

/** Refusals that are not one of the numbered rules. */
export const MEETINGS_ERRORS = {
  'MEETINGS.NOT_FOUND': '对象不存在',
  'MEETINGS.ALREADY_EXISTS': '对象已存在',
  'MEETINGS.INVALID_STATE': '当前状态不允许此操作',
  'MEETINGS.INVALID_INPUT': '输入不合法',
} as const;

export type MeetingsErrorCode = keyof typeof MEETINGS_ERRORS;
export type MeetingsRefusalCode = MeetingsRuleCode | MeetingsErrorCode;

/** The refusal to throw from decide; the title comes from the tables above. */
export const refuse = ruleBook<MeetingsRefusalCode>({ ...MEETINGS_RULES, ...MEETINGS_ERRORS });

/**
 * How an office reads 以上 in MTG-3. In Chinese legal drafting 以上 includes the number
 * itself (`inclusive`, the default); some offices read it as "more than" (`strict`).
 */
export type QuorumReading = 'inclusive' | 'strict';

/** MTG-3 半数以上: at least half of the expected members are present (integer arithmetic, no rounding). */
export function hasQuorum(present: number, expected: number, reading: QuorumReading = 'inclusive'): boolean {
  if (expected <= 0) return false;
  return reading === 'inclusive' ? 2 * present >= expected : 2 * present > expected;
}

/** MTG-3 干部任免 三分之二以上 of the expected members present. */
export function hasCadreQuorum(present: number, expected: number, reading: QuorumReading = 'inclusive'): boolean {
  if (expected <= 0) return false;
  return reading === 'inclusive' ? 3 * present >= 2 * expected : 3 * present > 2 * expected;
}

/** MTG-5 超过应到会委员半数: the base is the expected members, never those present. */
export function passesMajority(votesFor: number, expected: number): boolean {
  return expected > 0 && 2 * votesFor > expected;
}

/** The fewest votes in favour that pass (MTG-5): ⌊expected / 2⌋ + 1. */
export function votesNeededToPass(expected: number): number {
  return Math.floor(expected / 2) + 1;
}
