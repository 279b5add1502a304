import { createHash } from 'node:crypto';
import type { HashAlgorithm } from './hash-chain';
import { checkConsistency, checkInclusion, consistencyProof, inclusionProof, merkleLeafHash, merkleRoot, verifyConsistency, verifyInclusion } from './merkle';

/** RFC 6962's definition, written independently: MTH of the data, split at the largest power of two below n. */
function naiveRoot(data: readonly Buffer[], algorithm: HashAlgorithm = 'sha256'): string {
  const h = (...parts: Buffer[]) => createHash(algorithm).update(Buffer.concat(parts)).digest();
  const mth = (items: readonly Buffer[]): Buffer => {
    if (items.length === 0) return h();
    if (items.length === 1) return h(Buffer.from([0]), items[0]!);
    let k = 1;
    while (k << 1 < items.length) k <<= 1;
    return h(Buffer.from([1]), mth(items.slice(0, k)), mth(items.slice(k)));
  };
  return mth(data).toString('hex');
}

const data = (count: number) => Array.from({ length: count }, (_, i) => Buffer.from(`entry-${i}`));
const leaves = (count: number, algorithm: HashAlgorithm = 'sha256') => data(count).map((item) => merkleLeafHash(item, algorithm));

/** The test tree of certificate-transparency's merkle_tree_test (RFC 6962 reference implementation). */
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** The left/right steps RFC 9162 §2.1.3.2 takes for (index, size): proofs of equal shape hash alike. */
function inclusionShape(index: number, size: number): string {
  let [fn, sn] = [index, size - 1];
  let shape = '';
  while (sn > 0) {
    if (fn % 2 === 1 || fn === sn) {
      shape += 'L';
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else shape += 'R';
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return shape;
}

function consistencyShape(size1: number, size2: number): string {
  let [fn, sn] = [size1 - 1, size2 - 1];
  while (fn % 2 === 1) [fn, sn] = [fn >> 1, sn >> 1];
  let shape = (size1 & (size1 - 1)) === 0 ? 'P' : 'N';
  while (sn > 0) {
    if (fn % 2 === 1 || fn === sn) {
      shape += 'B';
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else shape += 'S';
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return shape;
}

function flipByte(hash: string, position = 0): string {
  const bytes = Buffer.from(hash, 'hex');
  bytes[position % bytes.length] = bytes[position % bytes.length]! ^ 0x01;
  return bytes.toString('hex');
}

describe('Merkle log (RFC 6962 / RFC 9162)', () => {
  it('gives the published roots of the reference test tree', () => {
    const hashes = CT_LEAVES.map((hex) => merkleLeafHash(Buffer.from(hex, 'hex')));
    CT_ROOTS.forEach((root, i) => expect(merkleRoot(hashes.slice(0, i + 1))).toBe(root));
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it.each(['sha256', 'sm3'] as const)('agrees with a naive recursive definition for trees of 0..33 leaves (%s)', (algorithm) => {
    for (let n = 0; n <= 33; n++) expect(merkleRoot(leaves(n, algorithm), algorithm)).toBe(naiveRoot(data(n), algorithm));
  });

  it.each(['sha256', 'sm3'] as const)('verifies every inclusion proof of trees of 1..33 leaves (%s)', (algorithm) => {
    for (let n = 1; n <= 33; n++) {
      const hashes = leaves(n, algorithm);
      const root = merkleRoot(hashes, algorithm);
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(hashes, m, n, algorithm);
        expect(checkInclusion(hashes[m]!, m, n, proof, root, algorithm)).toEqual({ ok: true });
      }
    }
  });

  it.each(['sha256', 'sm3'] as const)('verifies every consistency proof between sizes up to 33 (%s)', (algorithm) => {
    const hashes = leaves(33, algorithm);
    const roots = Array.from({ length: 34 }, (_, n) => merkleRoot(hashes.slice(0, n), algorithm));
    for (let n = 1; n <= 33; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(hashes, m, n, algorithm);
        expect(checkConsistency(m, n, proof, roots[m]!, roots[n]!, algorithm)).toEqual({ ok: true });
      }
    }
  });

  it('refuses mutated inclusion proofs: a flipped byte, a hash dropped or added, a wrong index or size, another root', () => {
    for (let n = 1; n <= 33; n++) {
      const hashes = leaves(n);
      const root = merkleRoot(hashes);
      const otherRoot = merkleRoot(leaves(n + 1));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(hashes, m, n);
        const leaf = hashes[m]!;
        proof.forEach((_, i) => {
          for (const position of [0, 17, 31]) {
            expect(verifyInclusion(leaf, m, n, proof.map((hash, j) => (j === i ? flipByte(hash, position) : hash)), root)).toBe(false);
          }
          expect(verifyInclusion(leaf, m, n, proof.filter((__, j) => j !== i), root)).toBe(false);
        });
        expect(verifyInclusion(flipByte(leaf), m, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, m, n, proof, flipByte(root, 5))).toBe(false);
        expect(verifyInclusion(leaf, m, n, [...proof, leaf], root)).toBe(false);
        expect(verifyInclusion(leaf, m, n, [root, ...proof], root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaf, m, n, proof, otherRoot)).toBe(false);
        for (const index of [m - 1, m + 1, n, -1, m + 0.5]) if (index !== m) expect(verifyInclusion(leaf, index, n, proof, root)).toBe(false);
        for (const size of [n - 1, n + 1, 0, m, 2 * n, Number.NaN]) {
          if (size === n) continue;
          // The RFC algorithm cannot tell two sizes apart whose paths take the same steps: the
          // size is bound by the signed checkpoint, which the verifier checks. Any other is refused.
          const sameShape = size > m && Number.isInteger(size) && inclusionShape(m, size) === inclusionShape(m, n);
          expect(verifyInclusion(leaf, m, size, proof, root)).toBe(sameShape);
        }
      }
    }
  });

  it('refuses mutated consistency proofs: a flipped byte, a hash dropped or added, a wrong size, swapped roots', () => {
    const hashes = leaves(33);
    const roots = Array.from({ length: 34 }, (_, n) => merkleRoot(hashes.slice(0, n)));
    for (let n = 2; n <= 33; n++) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(hashes, m, n);
        const [root1, root2] = [roots[m]!, roots[n]!];
        proof.forEach((_, i) => {
          expect(verifyConsistency(m, n, proof.map((hash, j) => (j === i ? flipByte(hash, i * 7) : hash)), root1, root2)).toBe(false);
          expect(verifyConsistency(m, n, proof.filter((__, j) => j !== i), root1, root2)).toBe(false);
        });
        expect(verifyConsistency(m, n, [...proof, root1], root1, root2)).toBe(false);
        expect(verifyConsistency(m, n, [root2, ...proof], root1, root2)).toBe(false);
        expect(verifyConsistency(m, n, [], root1, root2)).toBe(false);
        expect(verifyConsistency(m, n, proof, flipByte(root1), root2)).toBe(false);
        expect(verifyConsistency(m, n, proof, root1, flipByte(root2, 9))).toBe(false);
        expect(verifyConsistency(m, n, proof, root2, root1)).toBe(false);
        expect(verifyConsistency(n, m, proof, root2, root1)).toBe(false);
        for (const size1 of [m - 1, m + 1]) if (size1 >= 1 && size1 < n) expect(verifyConsistency(size1, n, proof, root1, root2)).toBe(consistencyShape(size1, n) === consistencyShape(m, n));
        for (const size2 of [n - 1, n + 1, 2 * n]) {
          // as for inclusion: a size is bound by the checkpoint where the steps do not tell it apart
          if (size2 !== n && size2 > m) expect(verifyConsistency(m, size2, proof, root1, root2)).toBe(consistencyShape(m, size2) === consistencyShape(m, n));
        }
        // a root the first tree never had, with a proof made for it, must not match the real second root
        expect(verifyConsistency(m, n, consistencyProof(data(33).map((item) => merkleLeafHash(Buffer.concat([Buffer.from('x'), item]))), m, n), root1, root2)).toBe(false);
      }
    }
  });

  it('refuses malformed input instead of throwing', () => {
    const hashes = leaves(5);
    const root = merkleRoot(hashes);
    expect(checkInclusion(hashes[0]!, 0, 5, ['zz'], root)).toMatchObject({ ok: false, reason: 'malformed hash' });
    expect(checkInclusion(hashes[0]!.toUpperCase(), 0, 5, inclusionProof(hashes, 0), root).ok).toBe(false);
    expect(checkInclusion(hashes[0]!, 0, 5, 'x' as unknown as string[], root).ok).toBe(false);
    expect(checkConsistency(3, 5, [42 as unknown as string], root, root).ok).toBe(false);
    expect(() => inclusionProof(hashes, 5, 5)).toThrow(RangeError);
    expect(() => consistencyProof(hashes, 6, 5)).toThrow(RangeError);
  });
});
