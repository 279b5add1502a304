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

const HEX_64 = /^[0-9a-f]{64}$/;

/** Whether a value is a well-formed reference (the services build them from their file store; a decider checks anyway). */
export function isFileReference(value: unknown): value is FileReference {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<Record<keyof FileReference, unknown>>;
  return (
    typeof file.sha256 === 'string' &&
    HEX_64.test(file.sha256) &&
    (file.sm3 === undefined || (typeof file.sm3 === 'string' && HEX_64.test(file.sm3))) &&
    typeof file.size === 'number' &&
    Number.isInteger(file.size) &&
    file.size > 0 &&
    typeof file.mediaType === 'string' &&
    typeof file.format === 'string' &&
    (typeof file.name === 'string') !== (typeof file.nameDigest === 'string')
  );
}
