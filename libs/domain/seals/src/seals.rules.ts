import { ruleBook } from '@oa/core';

/**
 * The seal rules of DOMAIN.md (印章), with the Chinese titles users see in problem+json.
 * Codes are stable English: they cross process boundaries where `instanceof` does not.
 */
export const sealRules = {
  'SEAL-1': '只有在用状态的印章方可使用或外借',
  'SEAL-2': '印章同一时间只有一名保管人，交接须交接双方确认并有监交人',
  'SEAL-3': '先审批后用印，用印须在批准的有效期和用印次数内',
  'SEAL-4': '不得审批本人的用印申请，保管人不得审批所保管印章的用印申请，审批人须具备相应权限',
  'SEAL-5': '用印申请须写明用印事由、文件标题、份数和用印次数，严禁在空白纸张或空白介绍信上用印',
  'SEAL-6': '用印由现任保管人登记并有监印人，用印次数不得超过批准次数',
  'SEAL-7': '凭签发稿用印：公文未签发不得用印，用印时签发仍须有效且公文已登记编号，用印次数合计不得超过登记确定的次数',
  'SEAL-8': '印章外借须经主要领导批准，外借期间不得在本单位用印，归还由保管人登记',
  'SEAL-9': '用印登记簿可按印章和期间导出',
} as const;

export type SealRuleCode = keyof typeof sealRules;

/** Refusals that are not a numbered rule: lifecycle, existence, malformed input. */
export const sealErrors = {
  'SEAL.NOT_FOUND': '印章不存在',
  'SEAL.ALREADY_REGISTERED': '印章已登记备案',
  'SEAL.ILLEGAL_TRANSITION': '印章当前状态不允许此操作',
  'SEAL.INVALID_INPUT': '提交的信息不完整或有误',
  'SEAL.FACTS_MISMATCH': '传入的印章或公文信息与本申请不符',
  'SEAL_USAGE_APPLICATION.NOT_FOUND': '用印申请不存在',
  'SEAL_USAGE_APPLICATION.ALREADY_SUBMITTED': '用印申请已提交',
  'SEAL_USAGE_APPLICATION.ILLEGAL_TRANSITION': '用印申请当前状态不允许此操作',
  'SEAL_USAGE_APPLICATION.NOT_APPLICANT': '只有申请人本人可以撤回用印申请',
} as const;

export type SealErrorCode = SealRuleCode | keyof typeof sealErrors;

/** The refusal to throw from decide; the title comes from the tables above. */
export const refuse = ruleBook<SealErrorCode>({ ...sealRules, ...sealErrors });
