import { ruleBook, type RuleViolation } from '@oa/core';

/**
 * The documents rules of DOMAIN.md with their Chinese titles. The codes are stable: they are
 * the `code` of every refusal (problem+json), of test names and of audit findings.
 */
export const DOCUMENT_RULES = {
  'DOC-1': '核稿：须由拟稿人以外的核稿人审核后方可签发，核稿人可提出意见退回修改',
  'DOC-2': '签发：签发人签署意见、姓名和日期；重要公文和上行文由主要负责人签发；复核发现实质性修改的须退回原签发人重新签发',
  'DOC-3': '会签：列明的会签部门和联合发文机关负责人全部会签后方可签发',
  'DOC-4': '发文字号：机关代字、六角括号内的四位年份和不编虚位、不加“第”的序号；复核后登记编号，不空号、不重号，作废号不再使用',
  'DOC-5': '请示一文一事、只主送一个机关、不送领导者个人、不抄送下级机关，上行文标注签发人；报告不得夹带请示事项',
  'DOC-6': '密级、保密期限、份号、紧急程度和成文日期的标注',
  'DOC-7': '先签发后用印',
  'DOC-8': '收文签收登记：来文机关、来文字号、密级、份数和紧急程度，收文编号按年度连续',
  'DOC-9': '初审退文须说明理由，并经办公室主任同意',
  'DOC-10': '承办：一个主办单位、承办人和办理时限；紧急公文须明确时限并专人催办；逾期催办，超期升级督办',
  'DOC-11': '传阅：逐人记录送阅和阅毕时间，涉密公文仅传阅具有相应知悉权限的人员，全部阅毕方为传阅完毕',
  'DOC-12': '办结须有办理结果，需要答复的须已复文',
  'FILE-1': '正文、附件、签发稿以文件保存，事件只记摘要、大小、格式和名称',
  'FILE-2': '秘密及以上文件加密保存，只经内部接口交档案部门，双方记录移交',
} as const;

export type DocumentRuleCode = keyof typeof DOCUMENT_RULES;

/** Refusals that are not one of the numbered rules: a missing stream, a state that forbids the step, malformed input. */
export const DOCUMENT_ERRORS = {
  'DOC.NOT_FOUND': '公文不存在',
  'DOC.ALREADY_EXISTS': '公文已存在',
  'DOC.ILLEGAL_TRANSITION': '公文当前状态不允许此操作',
  'DOC.INVALID_INPUT': '公文数据不合规',
  'DOC.NOT_PERMITTED': '无权执行此操作',
} as const;

export type DocumentErrorCode = keyof typeof DOCUMENT_ERRORS;

/** The refusal to throw from decide; the title comes from the tables above. */
export const refuse = ruleBook<DocumentRuleCode | DocumentErrorCode>({ ...DOCUMENT_RULES, ...DOCUMENT_ERRORS });

export function notFound(what = '公文'): RuleViolation {
  return refuse('DOC.NOT_FOUND', 'notFound', `${what}不存在`);
}

export function alreadyExists(what = '公文'): RuleViolation {
  return refuse('DOC.ALREADY_EXISTS', 'conflict', `${what}已存在，不能重复创建`);
}

export function illegalTransition(statusLabel: string, action: string): RuleViolation {
  return refuse('DOC.ILLEGAL_TRANSITION', 'conflict', `公文处于“${statusLabel}”状态，不能${action}`);
}

export function invalidInput(detail: string): RuleViolation {
  return refuse('DOC.INVALID_INPUT', 'invalid', detail);
}
