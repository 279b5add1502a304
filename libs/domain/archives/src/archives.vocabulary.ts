import type { HashAlgorithm, SecrecyLevel } from '@oa/core';

/** 保管期限: 永久 Y, 定期30年 D30, 定期10年 D10 (DA/T 22). */
export const RETENTIONS = ['Y', 'D30', 'D10'] as const;
export type Retention = (typeof RETENTIONS)[number];

export function isRetention(value: unknown): value is Retention {
  return typeof value === 'string' && (RETENTIONS as readonly string[]).includes(value);
}

/** Years an item is kept, counted from 1 January of the year after its year; Y never runs out. */
export const retentionYears: Readonly<Record<Retention, number | undefined>> = { Y: undefined, D30: 30, D10: 10 };

/** 门类代码: 文书 WS is the only category this office files. */
export const CATEGORY_CODES = ['WS'] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export function isCategoryCode(value: unknown): value is CategoryCode {
  return typeof value === 'string' && (CATEGORY_CODES as readonly string[]).includes(value);
}

/**
 * The parts of one item (件, ARC-3): 正文 text with its 附件 attachments, 定稿 signed draft
 * filed with its final; one meeting's 会议记录 minutes with its amendments.
 */
export const COMPONENT_ROLES = ['text', 'attachment', 'signedDraft', 'minutes', 'amendment'] as const;
export type ComponentRole = (typeof COMPONENT_ROLES)[number];

export function isComponentRole(value: unknown): value is ComponentRole {
  return typeof value === 'string' && (COMPONENT_ROLES as readonly string[]).includes(value);
}

/** One electronic component as its source service recorded it (ARC-4 stored with its hash). */
export interface ArchiveComponent {
  readonly componentId: string;
  readonly role: ComponentRole;
  readonly fileName: string;
  /** File format, lower case without the dot: `pdf`, `ofd`, `xml` … */
  readonly format: string;
  readonly hashAlgorithm: HashAlgorithm;
  /** Lower-case hex digest of the stored bytes. */
  readonly hash: string;
  readonly sizeBytes?: number;
}

/**
 * FILE-4 the archives' own copy of a component, as it arrived: its digests and format computed
 * here from the bytes stored (never taken from the source's word), where from, and when.
 */
export interface ReceivedCopy {
  readonly componentId: string;
  readonly sha256: string;
  readonly sm3?: string;
  readonly sizeBytes: number;
  /** Told by content (FILE-3). */
  readonly format: string;
  /** The source service over the internal API (FILE-2), or an archivist's upload of what the source could not send. */
  readonly receivedFrom: 'documents' | 'meetings' | 'upload';
  readonly receivedAt: string;
}

/** Where a filing candidate comes from (ARC-1) and the link of its source chain (ARC-4 authenticity). */
export type FilingSource =
  | {
      readonly service: 'documents';
      readonly sourceId: string;
      /** 办结 (an incoming document) or 核发 (an outgoing one). */
      readonly sourceState: 'completed' | 'distributed';
      readonly sourceEventId: string;
      readonly sourceEventHash: string;
    }
  | {
      readonly service: 'meetings';
      readonly sourceId: string;
      /** The meeting's minutes, signed by recorder and chair (MTG-6). */
      readonly sourceState: 'finalized';
      readonly sourceEventId: string;
      readonly sourceEventHash: string;
    };

/** 著录项 of an item (ARC-1, DA/T 22). */
export interface ArchiveItemMetadata {
  /** 全宗号 */
  readonly fondsCode: string;
  /** 门类代码 */
  readonly categoryCode: CategoryCode;
  /** 年度 */
  readonly year: number;
  /** 保管期限 */
  readonly retention: Retention;
  /** 机构（问题）代码 */
  readonly organisationCode: string;
  /** 件号 */
  readonly itemNumber: number;
  /** 题名 */
  readonly title: string;
  /** 责任者 */
  readonly responsibleParty: string;
  /** 日期 `YYYY-MM-DD` */
  readonly date: string;
  /** 页数 */
  readonly pages: number;
  /** 密级 */
  readonly secrecyLevel: SecrecyLevel;
}
