import { createHash } from 'node:crypto';
import { isHexDigest } from './checks';
import type { HashAlgorithm } from './hash-chain';

/**
 * A Merkle log as certificate transparency keeps one (RFC 6962 §2.1, RFC 9162 §2.1):
 * leaf hash = H(0x00 ‖ data), node hash = H(0x01 ‖ left ‖ right), the empty tree's root is
 * H(""), and a tree of n leaves splits at k, the largest power of two below n. Hashes are
 * lowercase hex strings of 32 bytes (SHA-256 by default, SM3 as the configured option).
 *
 * Generation works on the leaf hashes; verification follows RFC 9162 §2.1.3.2 (inclusion)
 * and §2.1.4.2 (consistency) step by step, refusing any proof with an element too many or
 * too few, a malformed hash, or a size or index out of range.
 */

function hashBytes(algorithm: HashAlgorithm, ...parts: Buffer[]): string {
  const hash = createHash(algorithm);
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

function bytesOf(hash: string): Buffer {
  return Buffer.from(hash, 'hex');
}

export function emptyTreeHash(algorithm: HashAlgorithm = 'sha256'): string {
  return hashBytes(algorithm);
}

/** H(0x00 ‖ data); a string is taken as its UTF-8 bytes. */
export function merkleLeafHash(data: Buffer | string, algorithm: HashAlgorithm = 'sha256'): string {
  return hashBytes(algorithm, Buffer.from([0x00]), typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
}

/** H(0x01 ‖ left ‖ right). */
export function merkleNodeHash(left: string, right: string, algorithm: HashAlgorithm = 'sha256'): string {
  return hashBytes(algorithm, Buffer.from([0x01]), bytesOf(left), bytesOf(right));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf hashes. */
export function merkleRoot(leafHashes: readonly string[], algorithm: HashAlgorithm = 'sha256'): string {
  return subtreeRoot(leafHashes, 0, leafHashes.length, algorithm);
}

function subtreeRoot(leaves: readonly string[], start: number, end: number, algorithm: HashAlgorithm): string {
  const n = end - start;
  if (n === 0) return emptyTreeHash(algorithm);
  if (n === 1) return leaves[start]!;
  const k = largestPowerOfTwoBelow(n);
  return merkleNodeHash(subtreeRoot(leaves, start, start + k, algorithm), subtreeRoot(leaves, start + k, end, algorithm), algorithm);
}

/** PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path of leaf `index` in the tree of the first `treeSize` leaves. */
export function inclusionProof(leafHashes: readonly string[], index: number, treeSize: number = leafHashes.length, algorithm: HashAlgorithm = 'sha256'): string[] {
  if (!Number.isSafeInteger(treeSize) || treeSize < 1 || treeSize > leafHashes.length) throw new RangeError(`tree size ${treeSize} out of range`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) throw new RangeError(`leaf index ${index} out of range for tree size ${treeSize}`);
  const path = (m: number, start: number, end: number): string[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = largestPowerOfTwoBelow(n);
    return m < k
      ? [...path(m, start, start + k), subtreeRoot(leafHashes, start + k, end, algorithm)]
      : [...path(m - k, start + k, end), subtreeRoot(leafHashes, start, start + k, algorithm)];
  };
  return path(index, 0, treeSize);
}

/** PROOF(m, D[n]) of RFC 6962 §2.1.2: that the tree of size1 leaves is a prefix of the tree of size2. */
export function consistencyProof(leafHashes: readonly string[], size1: number, size2: number = leafHashes.length, algorithm: HashAlgorithm = 'sha256'): string[] {
  if (!Number.isSafeInteger(size2) || size2 < 0 || size2 > leafHashes.length) throw new RangeError(`tree size ${size2} out of range`);
  if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > size2) throw new RangeError(`tree size ${size1} out of range for ${size2}`);
  if (size1 === 0 || size1 === size2) return [];
  const subproof = (m: number, start: number, end: number, complete: boolean): string[] => {
    const n = end - start;
    if (m === n) return complete ? [] : [subtreeRoot(leafHashes, start, end, algorithm)];
    const k = largestPowerOfTwoBelow(n);
    return m <= k
      ? [...subproof(m, start, start + k, complete), subtreeRoot(leafHashes, start + k, end, algorithm)]
      : [...subproof(m - k, start + k, end, false), subtreeRoot(leafHashes, start, start + k, algorithm)];
  };
  return subproof(size1, 0, size2, true);
}

export type ProofCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: ProofCheck = { ok: true };
const fail = (reason: string): ProofCheck => ({ ok: false, reason });

function malformed(hashes: readonly unknown[]): boolean {
  return hashes.some((hash) => !isHexDigest(hash));
}

const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isOdd = (value: number) => value % 2 === 1;
const half = (value: number) => Math.floor(value / 2);

/** RFC 9162 §2.1.3.2, with the result and the reason it fails. */
export function checkInclusion(leafHash: string, index: number, treeSize: number, proof: readonly string[], root: string, algorithm: HashAlgorithm = 'sha256'): ProofCheck {
  if (!Array.isArray(proof)) return fail('proof is not a list');
  if (malformed([leafHash, root, ...proof])) return fail('malformed hash');
  if (!isSize(index) || !isSize(treeSize)) return fail('index or tree size is not a non-negative integer');
  // 1. index must lie inside the tree
  if (index >= treeSize) return fail('leaf index outside the tree');
  // 2.-3.
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  // 4.
  for (const p of proof) {
    if (sn === 0) return fail('proof longer than the path');
    if (isOdd(fn) || fn === sn) {
      r = merkleNodeHash(p, r, algorithm);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = merkleNodeHash(r, p, algorithm);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  if (sn !== 0) return fail('proof shorter than the path');
  if (r !== root) return fail('computed root differs from the root');
  return OK;
}

export function verifyInclusion(leafHash: string, index: number, treeSize: number, proof: readonly string[], root: string, algorithm: HashAlgorithm = 'sha256'): boolean {
  return checkInclusion(leafHash, index, treeSize, proof, root, algorithm).ok;
}

/** RFC 9162 §2.1.4.2, with the result and the reason it fails. */
export function checkConsistency(size1: number, size2: number, proof: readonly string[], root1: string, root2: string, algorithm: HashAlgorithm = 'sha256'): ProofCheck {
  if (!Array.isArray(proof)) return fail('proof is not a list');
  if (malformed([root1, root2, ...proof])) return fail('malformed hash');
  if (!isSize(size1) || !isSize(size2)) return fail('tree sizes are not non-negative integers');
  if (size1 > size2) return fail('first tree larger than the second');
  if (size1 === size2) {
    if (proof.length !== 0) return fail('proof between equal sizes must be empty');
    return root1 === root2 ? OK : fail('equal sizes with different roots');
  }
  if (size1 === 0) {
    if (proof.length !== 0) return fail('proof from the empty tree must be empty');
    return root1 === emptyTreeHash(algorithm) ? OK : fail('root of the empty tree is wrong');
  }
  // 1.
  if (proof.length === 0) return fail('empty proof');
  // 2.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  // 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('proof longer than needed');
    if (isOdd(fn) || fn === sn) {
      fr = merkleNodeHash(c, fr, algorithm);
      sr = merkleNodeHash(c, sr, algorithm);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = merkleNodeHash(sr, c, algorithm);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  if (sn !== 0) return fail('proof shorter than needed');
  if (fr !== root1) return fail('computed first root differs');
  if (sr !== root2) return fail('computed second root differs');
  return OK;
}

function isPowerOfTwo(n: number): boolean {
  let value = n;
  while (value > 1 && value % 2 === 0) value /= 2;
  return value === 1;
}

export function verifyConsistency(size1: number, size2: number, proof: readonly string[], root1: string, root2: string, algorithm: HashAlgorithm = 'sha256'): boolean {
  return checkConsistency(size1, size2, proof, root1, root2, algorithm).ok;
}
