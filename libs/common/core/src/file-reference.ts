import { isHexDigest } from './checks';
import { digest } from './hash-chain';

/**
 * FILE-1 how an event refers to a stored file: by its digests, size, media type and format (told
 * by content, FILE-3) and its name — never its bytes. From 秘密 up the name is only a digest
 * (COMMON-3/4): the clear name stays in the service that holds the file.
 */
export interface FileReference {
  readonly sha256: string;
  /** Where the office configures 国密 (DIGEST_ALGORITHMS=sha256,sm3). */
  readonly sm3?: string;
  readonly size: number;
  readonly mediaType: string;
  readonly format: string;
  /** Below 秘密 only. */
  readonly name?: string;
  /** From 秘密 up: `fileNameDigestOf(ownerId, name)`. */
  readonly nameDigest?: string;
}

/** SHA-256 of a file's name, salted with its owner's id (as titles are, ADR 0015). */
export const fileNameDigestOf = (ownerId: string, name: string): string => digest(`oa.file-name\u0000${ownerId}\u0000${name}`);

/** What a reader without the clear name shows: `〔涉密文件〕` and the first 12 hex digits of the name's digest. */
export const displayedFileName = (file: FileReference): string => file.name ?? `〔涉密文件〕${(file.nameDigest ?? '').slice(0, 12)}`;

/** File name extensions and the format each one claims (FILE-3 formats are told by content: a claim only ever contradicts it). */
const FORMAT_OF_EXTENSION: Readonly<Record<string, string>> = {
  ofd: 'ofd',
  pdf: 'pdf',
  docx: 'docx',
  wps: 'wps',
  doc: 'wps',
  txt: 'txt',
  jpg: 'jpg',
  jpeg: 'jpg',
  tif: 'tif',
  tiff: 'tif',
  png: 'png',
  zip: 'zip',
};

/** The format a file name claims by its extension, if any: the store refuses a contradicting upload, the 四性检测 reports one (usability). */
export function formatClaimedBy(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : FORMAT_OF_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/** Whether a value is a well-formed reference (the services build them from their file store; a decider checks anyway). */
export function isFileReference(value: unknown): value is FileReference {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<Record<keyof FileReference, unknown>>;
  return (
    isHexDigest(file.sha256) &&
    (file.sm3 === undefined || isHexDigest(file.sm3)) &&
    typeof file.size === 'number' &&
    Number.isInteger(file.size) &&
    file.size > 0 &&
    typeof file.mediaType === 'string' &&
    typeof file.format === 'string' &&
    (typeof file.name === 'string') !== (typeof file.nameDigest === 'string')
  );
}
