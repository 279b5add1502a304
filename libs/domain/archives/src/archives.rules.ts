import { ruleBook } from '@oa/core';

/**
 * The archive rules of DOMAIN.md (档案), with the Chinese titles users see in problem+json.
 * Codes are stable English: they cross process boundaries where `instanceof` does not.
 */
export const archiveRules = {
  'ARC-1': '办结的公文和定稿的会议记录作为归档候选，由档案员按规定著录后归档',
  'ARC-2': '档号格式为“全宗号-门类·年度-保管期限-机构-件号”，件号四位，在同一全宗、年度、保管期限和机构内连续编号',
  'ARC-3': '文件应于次年6月30日前归档，逾期归档予以标记；一次会议记录、正文与附件、正本与签发稿各为一件',
  'ARC-4': '电子文件归档须通过真实性、完整性、可用性和安全性检测（四性检测）',
  'ARC-5': '档案借阅须经审批（涉密档案由办公室主任审批），借阅人密级须相符，按期归还',
  'ARC-6': '保管期满的档案经鉴定小组鉴定，销毁须经领导批准并有两名以上监销人，永久保管的档案不得销毁',
  'ARC-7': '向档案馆移交须附移交清单（含每件档案的著录项和摘要值），移交后档案只读',
} as const;

export type ArchiveRuleCode = keyof typeof archiveRules;

/** Refusals that are not a numbered rule: existence, lifecycle, malformed input. */
export const archiveErrors = {
  'ARCHIVE_ITEM.NOT_FOUND': '档案不存在',
  'ARCHIVE_ITEM.ALREADY_REGISTERED': '该归档候选已登记',
  'ARCHIVE_ITEM.ILLEGAL_TRANSITION': '档案当前状态不允许此操作',
  'ARCHIVE_ITEM.INVALID_INPUT': '提交的信息不完整或有误',
} as const;

export type ArchiveErrorCode = ArchiveRuleCode | keyof typeof archiveErrors;

/** The refusal to throw from decide; the title comes from the tables above. */
export const refuse = ruleBook<ArchiveErrorCode>({ ...archiveRules, ...archiveErrors });
