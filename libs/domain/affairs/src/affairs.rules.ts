import { ruleBook } from '@oa/core';

/** The rules of DOMAIN.md, section 办事 (督查督办、值班、信息报送): stable codes, Chinese titles. */
export const AFFAIRS_RULES = {
  'SUP-1': '督办事项须有来源（会议决定、领导批示或领导交办）、责任单位、责任人、工作要求和办结时限',
  'SUP-2': '督办事项按期报告进展；逾期依次催办、通报、约谈；办结销号须有佐证材料并经交办人验收',
  'SUP-3': '来文上的领导批示须在规定的工作日内立项督办或登记为无需督办',
  'DUTY-1': '值班表逐日明确带班领导和值班员；交接班须交接未办结事项；值班日志逐条记录时间，不得修改，只能补正',
  'INFO-1': '突发事件信息先报事、再报情、后报因、最后报果：知悉后规定时间内首报事件、地点和时间，再续报，最后终报',
  'INFO-2': '常规信息报送按单位和期间定额，逐期列出未完成定额的单位',
} as const;

export type AffairsRuleCode = keyof typeof AFFAIRS_RULES;

/** Refusals that are not one of the numbered rules. */
export const AFFAIRS_ERRORS = {
  'AFFAIRS.NOT_FOUND': '对象不存在',
  'AFFAIRS.ALREADY_EXISTS': '对象已存在',
  'AFFAIRS.INVALID_STATE': '当前状态不允许此操作',
  'AFFAIRS.INVALID_INPUT': '输入不合法',
} as const;

export type AffairsRefusalCode = AffairsRuleCode | keyof typeof AFFAIRS_ERRORS;

/** The refusal to throw from decide; the title comes from the tables above. */
export const refuse = ruleBook<AffairsRefusalCode>({ ...AFFAIRS_RULES, ...AFFAIRS_ERRORS });
