import { ruleBook } from '@oa/core';

/**
 * The directory rules of DOMAIN.md (组织与人员), with the Chinese titles users see in
 * problem+json. Codes are stable English: they cross process boundaries where `instanceof` does not.
 */
export const directoryRules = {
  'DIR-1': '机构、人员、职务和角色授予由系统管理员维护，每项变更须记录操作人和理由，任何人不得为本人授予角色或职务',
  'DIR-2': '涉密人员等级只能由安全保密管理员授予、变更和撤销，并须载明审批依据',
  'DIR-3': '三员分立：同一人员不得同时担任系统管理员、安全保密管理员、安全审计员中的两个',
  'DIR-4': '各服务依据指令发生时目录中的角色、职务和涉密等级办理，事件须载明所依据的职务或授权',
  'DIR-5': '涉及职务或涉密等级的规则均以目录为准',
  'DIR-6': '工作代理须指定代理人、代理事项和期限，经本单位领导批准；代理不得授予三员角色，不得审批本人事项',
} as const;

export type DirectoryRuleCode = keyof typeof directoryRules;

/** Refusals that are not a numbered rule: existence, lifecycle, malformed input, facts. */
export const directoryErrors = {
  'UNIT.NOT_FOUND': '机构不存在',
  'UNIT.ALREADY_REGISTERED': '机构已登记',
  'UNIT.DISSOLVED': '机构已撤销',
  'UNIT.POST_NOT_FOUND': '该机构无此职务或职务已撤销',
  'UNIT.POST_ALREADY_ESTABLISHED': '该机构已设此职务',
  'UNIT.POST_OCCUPIED': '该职务只设一人，已有人担任',
  'PERSON.NOT_FOUND': '人员不存在',
  'PERSON.ALREADY_REGISTERED': '人员已登记',
  'PERSON.DEPARTED': '人员已离职，不能再授予或变更',
  'PERSON.ALREADY_HELD': '该人员已具有此身份、职务、角色或涉密等级',
  'PERSON.NOT_HELD': '该人员不具有此身份、职务、角色、涉密等级或代理',
  'DIRECTORY.ALREADY_BOOTSTRAPPED': '目录已初始化，初始管理员只能创建一次',
  'DIRECTORY.INVALID_INPUT': '提交的信息不完整或有误',
  'DIRECTORY.FACTS_MISMATCH': '传入的目录信息与本指令不符',
} as const;

export type DirectoryErrorCode = DirectoryRuleCode | keyof typeof directoryErrors;

/** The refusal to throw from decide; the title comes from the tables above. */
export const refuse = ruleBook<DirectoryErrorCode>({ ...directoryRules, ...directoryErrors });
