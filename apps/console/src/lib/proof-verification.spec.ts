import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { canonicalJson, inclusionProof, merkleLeafHash, merkleRoot } from '@oa/core';
import { importPublicKey, verifyCheckpoint, verifyInclusionProof, type HashAlgorithm, type InclusionProofDocument, type SignedCheckpoint } from './proof-verification';

/**
 * The browser verifier against proofs made by the server's own Merkle code (@oa/core) and
 * checkpoints signed as the audit service signs them, in both hash algorithms.
 */
const keys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');
const pemOf = (pair: typeof keys) => pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const keyIdOf = (pair: typeof keys) => createHash('sha256').update(pair.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');

function checkpointOf(algorithm: HashAlgorithm, logs: ReadonlyArray<{ log: string; size: number; root: string }>, pair = keys): SignedCheckpoint {
  const logsRoot = merkleRoot(logs.map((head) => merkleLeafHash(canonicalJson(head), algorithm)), algorithm);
  const body = { format: 'oa-audit-checkpoint/1', id: 3, algorithm, time: '2026-11-24T08:00:00.000Z', keyId: keyIdOf(pair), logs, logsRoot };
  return { body, signature: sign(null, Buffer.from(canonicalJson(body), 'utf8'), pair.privateKey).toString('hex') };
}

function proofOf(algorithm: HashAlgorithm, size: number, index: number): InclusionProofDocument {
  const envelopes = Array.from({ length: size }, (_, i) => ({ eventId: `e-${i}`, type: 'SealKeeperAssigned', data: { keeperName: `保管员${i}` } }));
  const leaves = envelopes.map((envelope) => merkleLeafHash(canonicalJson(envelope), algorithm));
  const logs = [
    { log: 'oa.documents.events/0', size: 1, root: merkleLeafHash('x', algorithm) },
    { log: 'oa.seals.events/0', size, root: merkleRoot(leaves, algorithm) },
  ];
  return {
    kind: 'inclusion',
    entry: { log: 'oa.seals.events/0', index, leafHash: leaves[index]!, envelope: envelopes[index]! },
    proof: { treeSize: size, auditPath: inclusionProof(leaves, index, size, algorithm) },
    checkpoint: checkpointOf(algorithm, logs),
  };
}

describe('in-browser proof verification (Web Crypto)', () => {
  const cases: Array<[HashAlgorithm, number, number]> = [];
  for (const algorithm of ['sha256', 'sm3'] as const) for (const size of [1, 2, 3, 7, 8, 13]) for (let index = 0; index < size; index++) cases.push([algorithm, size, index]);

  it.each(cases)('verifies a %s inclusion proof in a tree of %i at %i', async (algorithm, size, index) => {
    const verdict = await verifyInclusionProof(proofOf(algorithm, size, index), await importPublicKey(pemOf(keys)));
    expect(verdict).toEqual({ verified: true, summary: `事件 e-${index} 位于日志 oa.seals.events/0 第 ${index} 条，包含于检查点 #3` });
  });

  it('refuses an altered envelope, a wrong path element, a short or long path, a wrong size', async () => {
    const trusted = await importPublicKey(pemOf(keys));
    const good = proofOf('sha256', 13, 6);
    const reasons = await Promise.all(
      [
        { ...good, entry: { ...good.entry, envelope: { ...good.entry.envelope, data: { keeperName: '冒充者' } } } },
        { ...good, proof: { ...good.proof, auditPath: [merkleLeafHash('forged'), ...good.proof.auditPath.slice(1)] } },
        { ...good, proof: { ...good.proof, auditPath: good.proof.auditPath.slice(1) } },
        { ...good, proof: { ...good.proof, auditPath: [...good.proof.auditPath, merkleLeafHash('extra')] } },
        { ...good, proof: { ...good.proof, treeSize: 12 } },
      ].map(async (document) => {
        const verdict = await verifyInclusionProof(document, trusted);
        return verdict.verified ? 'verified' : verdict.reason;
      }),
    );
    expect(reasons).toEqual([
      expect.stringContaining('leaf hash mismatch'),
      expect.stringContaining('root mismatch'),
      expect.stringContaining('proof truncated'),
      expect.stringContaining('proof too long'),
      expect.stringContaining('大小为 13'),
    ]);
  });

  it('checks the checkpoint: signature, key and the root over the logs', async () => {
    const trusted = await importPublicKey(pemOf(keys));
    const signed = proofOf('sha256', 5, 1).checkpoint;
    expect(await verifyCheckpoint(signed, trusted)).toEqual({ verified: true, summary: '检查点 #3（2026-11-24T08:00:00.000Z，2 个日志）签名有效' });
    const resized = { ...signed, body: { ...signed.body, logs: signed.body.logs.map((head, i) => (i === 1 ? { ...head, size: 6 } : head)) } };
    expect(await verifyCheckpoint(resized, trusted)).toMatchObject({ verified: false, reason: expect.stringContaining('bad signature') });
    expect(await verifyCheckpoint(signed, await importPublicKey(pemOf(otherKeys)))).toMatchObject({ verified: false, reason: expect.stringContaining('keyId mismatch') });
    const byOther = checkpointOf('sha256', signed.body.logs, otherKeys);
    const wrongRoot = { ...byOther, body: { ...byOther.body, logsRoot: merkleLeafHash('x') } };
    const resigned = { ...wrongRoot, signature: sign(null, Buffer.from(canonicalJson(wrongRoot.body)), otherKeys.privateKey).toString('hex') };
    expect(await verifyCheckpoint(resigned, await importPublicKey(pemOf(otherKeys)))).toMatchObject({ verified: false, reason: expect.stringContaining('logsRoot mismatch') });
  });
});
