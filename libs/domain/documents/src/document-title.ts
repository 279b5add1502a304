import { digest } from '@oa/core';
import { isClassified, type SecrecyLevel } from './document.vocabulary';

/**
 * COMMON-3 a title as the documents events carry it: in clear below 秘密, and from 秘密 up only
 * its digest, the clear title staying in the documents service (ADR 0015). Exactly one is present.
 */
export interface RecordedTitle {
  /** Below 秘密 (`none`, `internal`) only. */
  readonly title?: string;
  /** From 秘密 up: `titleDigestOf(documentId, title)`. */
  readonly titleDigest?: string;
}

/** SHA-256 of the title, salted with the document id, so one title gives unrelated digests on two documents. */
export function titleDigestOf(documentId: string, title: string): string {
  return digest(`oa.document-title\u0000${documentId}\u0000${title}`);
}

/** COMMON-3 the title as an event records it at the document's level. */
export function recordedTitle(documentId: string, title: string, secrecyLevel: SecrecyLevel): RecordedTitle {
  return isClassified(secrecyLevel) ? { titleDigest: titleDigestOf(documentId, title) } : { title };
}

/** The title fields of a record, nothing else: what an event copies from its state. */
export function titleFieldsOf(record: RecordedTitle): RecordedTitle {
  return record.title !== undefined ? { title: record.title } : { titleDigest: record.titleDigest ?? '' };
}

/**
 * What a reader outside the service shows for a title (seals' usage register, archives' filing
 * candidates): the clear title, or `〔涉密标题〕` and the first 12 hex digits of its digest.
 */
export function displayedTitle(record: RecordedTitle): string {
  if (record.title !== undefined) return record.title;
  return `〔涉密标题〕${(record.titleDigest ?? '').slice(0, 12)}`;
}

/**
 * An event of an earlier version recorded the title in clear whatever the level: read it as the
 * current version records it (the digest from 秘密 up), so no reader folds a classified title.
 */
export function liftTitle<D extends { readonly documentId: string; readonly title?: string; readonly secrecyLevel: SecrecyLevel }>(data: D): Omit<D, 'title'> & RecordedTitle {
  const { title, ...rest } = data;
  if (title === undefined) return data;
  return { ...rest, ...recordedTitle(data.documentId, title, data.secrecyLevel) };
}
