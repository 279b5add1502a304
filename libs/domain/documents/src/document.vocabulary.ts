import { isHexDigest, type Actor } from '@oa/core';
import { invalidInput } from './documents.rules';

/** The 15 types of the Regulation art. 8, by code name. */
export const DOCUMENT_TYPES = {
  resolution: '决议',
  decision: '决定',
  order: '命令（令）',
  communique: '公报',
  announcement: '公告',
  publicNotice: '通告',
  opinion: '意见',
  notice: '通知',
  circular: '通报',
  report: '报告',
  request: '请示',
  reply: '批复',
  motion: '议案',
  letter: '函',
  summary: '纪要',
} as const;

export type DocumentType = keyof typeof DOCUMENT_TYPES;

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DOCUMENT_TYPES, value);
}

/** Ordered: none 非密 < internal 内部 (a handling marking) < mimi 秘密 < jimi 机密 < juemi 绝密. */
export const SECRECY_LEVELS = ['none', 'internal', 'mimi', 'jimi', 'juemi'] as const;
export type SecrecyLevel = (typeof SECRECY_LEVELS)[number];

export const SECRECY_LABELS: Readonly<Record<SecrecyLevel, string>> = {
  none: '非密',
  internal: '内部',
  mimi: '秘密',
  jimi: '机密',
  juemi: '绝密',
};

export function isSecrecyLevel(value: unknown): value is SecrecyLevel {
  return typeof value === 'string' && (SECRECY_LEVELS as readonly string[]).includes(value);
}

export function secrecyRank(level: SecrecyLevel): number {
  return SECRECY_LEVELS.indexOf(level);
}

export { isClassified } from '@oa/core';

/** COMMON-3 / DOC-11: a clearance admits every level up to its own. */
export function clearanceAdmits(clearance: SecrecyLevel, level: SecrecyLevel): boolean {
  return secrecyRank(clearance) >= secrecyRank(level);
}

/** 保密期限: whole years, or whole months when under a year (DOC-6). */
export interface SecrecyPeriod {
  readonly unit: 'year' | 'month';
  readonly value: number;
}

export const URGENCIES = ['none', 'urgent', 'extraUrgent'] as const;
/** 紧急程度: none, 加急 urgent, 特急 extraUrgent. */
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = { none: '', urgent: '加急', extraUrgent: '特急' };

export function isUrgency(value: unknown): value is Urgency {
  return typeof value === 'string' && (URGENCIES as readonly string[]).includes(value);
}

export function isUrgent(urgency: Urgency): boolean {
  return urgency !== 'none';
}

/**
 * A recipient (主送 / 抄送) as the application layer resolves it from the organisation
 * directory: whether it is an organ or a leader personally, and its relation to the issuer.
 * DOC-5 needs both facts for a 请示.
 */
export interface Recipient {
  readonly name: string;
  readonly kind: 'organ' | 'leader';
  readonly relation: 'superior' | 'peer' | 'subordinate' | 'unrelated';
}

/** An attachment is carried by name and content hash only (COMMON-4). */
export interface Attachment {
  readonly name: string;
  readonly hash: string;
}

/** The role names of DOMAIN.md that the documents rules check. */
export const ROLES = {
  drafter: 'drafter',
  reviewer: 'reviewer',
  signer: 'signer',
  registrar: 'registrar',
  handler: 'handler',
  officeDirector: 'officeDirector',
  leader: 'leader',
} as const;

export function hasRole(actor: Actor, role: string): boolean {
  return actor.roles.includes(role);
}


/** SHA-256 or SM3, both 64 lowercase hex digits (ARC-4). */
export function assertContentHash(hash: unknown, what: string): string {
  if (!isHexDigest(hash)) throw invalidInput(`${what}须为64位小写十六进制摘要（SHA-256 或 SM3）`);
  return hash;
}

export function assertText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(`${what}不能为空`);
  return value.trim();
}

/** Six-digit copy number 份号 (GB/T 9704 7.2.1), e.g. `000001`. */
export function formatCopyNumber(copy: number): string {
  return String(copy).padStart(6, '0');
}

export function isCopyNumber(value: unknown): value is string {
  return typeof value === 'string' && /^\d{6}$/.test(value) && value !== '000000';
}
