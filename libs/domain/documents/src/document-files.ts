import { isFileReference, type FileReference, type SecrecyLevel } from '@oa/core';
import { refuse } from './documents.rules';
import type { IncomingDocumentState } from './incoming-document/incoming-document.state';
import type { OutgoingDocumentState } from './outgoing-document/outgoing-document.state';

/** FILE-1 the files of a document: 正文, 附件 and, once signed off, the 签发稿 (a 收文 on paper: its scanned copy as 正文). */
export const DOCUMENT_FILE_ROLES = ['text', 'attachment', 'signedDraft'] as const;
export type DocumentFileRole = (typeof DOCUMENT_FILE_ROLES)[number];

const ROLE_LABELS: Readonly<Record<DocumentFileRole, string>> = { text: '正文', attachment: '附件', signedDraft: '签发稿' };

/** A file of a document as its events refer to it (FILE-1: never its bytes). */
export interface DocumentFile {
  readonly role: DocumentFileRole;
  readonly file: FileReference;
}

/** The files after one is attached: 正文 and 签发稿 replace their predecessor, 附件 add up. */
export function withFile(files: readonly DocumentFile[], attached: DocumentFile): readonly DocumentFile[] {
  return attached.role === 'attachment' ? [...files, attached] : [...files.filter((held) => held.role !== attached.role), attached];
}

/**
 * FILE-1 a file to attach, checked: a role this document takes now and a well-formed reference.
 * Undefined when the same bytes are held in that role already: attaching them again changes nothing.
 */
export function fileToAttach(held: readonly DocumentFile[], input: DocumentFile, roles: readonly DocumentFileRole[]): DocumentFile | undefined {
  if (!roles.includes(input.role) || !isFileReference(input.file)) {
    throw refuse('FILE-1', 'invalid', `文件须为${roles.map((role) => ROLE_LABELS[role]).join('、')}之一，并有摘要、大小、格式和名称`);
  }
  if (held.some((entry) => entry.role === input.role && entry.file.sha256 === input.file.sha256)) return undefined;
  return { role: input.role, file: input.file };
}

/** What a document holds of files: its level, its uploaded files and the SHA-256 of its typed text (a stored file too). */
export interface HeldFiles {
  readonly secrecyLevel: SecrecyLevel;
  readonly files: readonly DocumentFile[];
  readonly contentHash?: string;
}

/** The files an outgoing or incoming document holds; undefined for one not there. */
export function heldFiles(state: OutgoingDocumentState | IncomingDocumentState): HeldFiles | undefined {
  if (state.status === 'empty') return undefined;
  return 'content' in state ? { secrecyLevel: state.content.secrecyLevel, files: state.files, contentHash: state.content.contentHash } : state;
}

/** FILE-2 the archives copy only what the document handed off: one of its files, or its typed text (by its SHA-256). */
export function assertFilingCopy(held: readonly DocumentFile[], contentHash: string | undefined, sha256: string): void {
  if (!held.some((entry) => entry.file.sha256 === sha256) && contentHash !== sha256) throw refuse('FILE-2', 'notFound', '该文件不属于移交归档的公文');
}

/** FILE-2 the documents side of a copy to the archives: which bytes, to whom, when. */
export interface FilingCopyReleased {
  readonly documentId: string;
  readonly sha256: string;
  readonly releasedToId: string;
  readonly releasedAt: string;
}
