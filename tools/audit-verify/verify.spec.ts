import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, consistencyProof, inclusionProof, merkleLeafHash, merkleRoot, type HashAlgorithm } from '@oa/core';

/**
 * The standalone verifier against a hostile server: honest proofs pass; forged, truncated and
 * partial proofs, a checkpoint with a bad signature and one byte changed anywhere are refused.
 * (apps/audit's integration test runs it on the service's real proofs.)
 */
const script = join(__dirname, 'verify.mjs');
const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
const keys = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const publicKeyFile = join(dir, 'public.pem');
writeFileSync(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());

let files = 0;
function run(kind: string, document: unknown, raw?: string): { status: number | null; out: string } {
  const file = join(dir, `proof-${files++}.json`);
  writeFileSync(file, raw ?? JSON.stringify(document));
  const result = spawnSync(process.execPath, [script, kind, file, '--public-key', publicKeyFile], { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const envelope = (i: number) => ({ eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, streamId: 's-1', streamVersion: i + 1, type: 'SealUsed', data: { 用印: i, 事由: '报送材料' } });

function checkpoint(id: number, logs: Record<string, number>, leaves: Record<string, string[]>, algorithm: HashAlgorithm, key: KeyObject = keys.privateKey) {
  const heads = Object.keys(logs)
    .sort()
    .map((log) => ({ log, size: logs[log]!, root: merkleRoot(leaves[log]!.slice(0, logs[log]), algorithm) }));
  const body = {
    format: 'oa-audit-checkpoint/1',
    id,
    algorithm,
    time: '2026-11-24T08:00:00.000Z',
    keyId: createHash('sha256').update(keys.publicKey.export({ type: 'spki', format: 'der' })).digest('hex'),
    logs: heads,
    logsRoot: merkleRoot(heads.map((head) => merkleLeafHash(canonicalJson(head), algorithm)), algorithm),
  };
  return { body, signature: sign(null, Buffer.from(canonicalJson(body)), key).toString('hex') };
}

describe.each(['sha256', 'sm3'] as const)('tools/audit-verify/verify.mjs (%s)', (algorithm) => {
  const log = 'oa.seals.events/0';
  const other = 'oa.documents.events/1';
  const envelopes = Array.from({ length: 13 }, (_, i) => envelope(i));
  const leaves = { [log]: envelopes.map((item) => merkleLeafHash(canonicalJson(item), algorithm)), [other]: [merkleLeafHash('x', algorithm)] };
  const cp1 = checkpoint(1, { [log]: 6, [other]: 1 }, leaves, algorithm);
  const cp2 = checkpoint(2, { [log]: 13, [other]: 1 }, leaves, algorithm);
  const inclusion = (index: number) => ({
    kind: 'inclusion',
    entry: { log, index, leafHash: leaves[log]![index], envelope: envelopes[index] },
    proof: { treeSize: 13, auditPath: inclusionProof(leaves[log]!, index, 13, algorithm) },
    checkpoint: cp2,
  });
  const consistency = { kind: 'consistency', log, size1: 6, size2: 13, proof: consistencyProof(leaves[log]!, 6, 13, algorithm), checkpoint1: cp1, checkpoint2: cp2 };
  const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

  it('passes honest proofs with 「验证通过」', () => {
    for (const index of [0, 5, 12]) expect(run('inclusion', inclusion(index))).toMatchObject({ status: 0, out: expect.stringContaining('验证通过') });
    expect(run('consistency', consistency)).toMatchObject({ status: 0, out: expect.stringContaining('验证通过') });
  });

  it('COMMON-3 proves a withheld entry (no envelope) included by its leaf alone, and refuses it with a leaf not in the log', () => {
    const { envelope: _hidden, ...entry } = inclusion(4).entry;
    const withheld = { ...inclusion(4), entry: { ...entry, withheld: true } };
    expect(run('inclusion', withheld)).toMatchObject({ status: 0, out: expect.stringContaining('内容按密级隐去') });
    expect(run('inclusion', { ...withheld, entry: { ...withheld.entry, leafHash: leaves[log]![5] } }).status).toBe(1);
    expect(run('inclusion', { ...withheld, entry: { ...withheld.entry, envelope: envelopes[4] } }).status).toBe(1);
  });

  it('refuses forged, truncated, extended and partial proofs', () => {
    const refused = (kind: string, document: unknown) => {
      const result = run(kind, document);
      expect(result.status).toBe(1);
      expect(result.out).toContain('验证失败');
    };
    const forged = clone(inclusion(5));
    forged.proof.auditPath[1] = merkleLeafHash('forged', algorithm);
    refused('inclusion', forged);
    const truncated = clone(inclusion(5));
    truncated.proof.auditPath.pop();
    refused('inclusion', truncated);
    const extended = clone(inclusion(5));
    extended.proof.auditPath.push(leaves[log]![0]!);
    refused('inclusion', extended);
    // immudb's lesson: the path checks out for the leaf hash, but the content is another
    const swapped = clone(inclusion(5));
    swapped.entry.envelope = envelopes[6]!;
    refused('inclusion', swapped);
    const relabelled = clone(inclusion(5));
    relabelled.entry.leafHash = leaves[log]![6]!;
    relabelled.entry.index = 6;
    refused('inclusion', relabelled);
    for (const part of ['checkpoint', 'entry', 'proof'] as const) {
      const partial: Record<string, unknown> = clone(inclusion(5));
      delete partial[part];
      refused('inclusion', partial);
    }
    const noSignature: Record<string, unknown> = clone(inclusion(5));
    noSignature['checkpoint'] = { body: cp2.body };
    refused('inclusion', noSignature);
    const wrongSize = clone(inclusion(5));
    wrongSize.proof.treeSize = 12;
    refused('inclusion', wrongSize);
    const wrongLog = clone(inclusion(0));
    wrongLog.entry.log = other;
    refused('inclusion', wrongLog);
    refused('consistency', inclusion(5));
    refused('inclusion', consistency);

    const forgedConsistency = clone(consistency);
    forgedConsistency.proof[0] = merkleLeafHash('forged', algorithm);
    refused('consistency', forgedConsistency);
    const truncatedConsistency = clone(consistency);
    truncatedConsistency.proof.pop();
    refused('consistency', truncatedConsistency);
    const wrongSizes = clone(consistency);
    wrongSizes.size1 = 5;
    refused('consistency', wrongSizes);
    // a rewritten history: the first checkpoint of another log content, honestly signed by the server
    const rewritten = { ...envelopes[2]!, data: { 用印: 99 } };
    const forkLeaves = { ...leaves, [log]: leaves[log]!.map((leaf, i) => (i === 2 ? merkleLeafHash(canonicalJson(rewritten), algorithm) : leaf)) };
    refused('consistency', { ...consistency, checkpoint1: checkpoint(1, { [log]: 6, [other]: 1 }, forkLeaves, algorithm) });
  });

  it('refuses a checkpoint with a bad signature or signed by another key', () => {
    const badSignature = clone(inclusion(3));
    badSignature.checkpoint.signature = `${badSignature.checkpoint.signature.slice(0, 10)}${badSignature.checkpoint.signature[10] === '0' ? '1' : '0'}${badSignature.checkpoint.signature.slice(11)}`;
    expect(run('inclusion', badSignature).status).toBe(1);
    const otherKey = checkpoint(2, { [log]: 13, [other]: 1 }, leaves, algorithm, stranger.privateKey);
    expect(run('inclusion', { ...inclusion(3), checkpoint: otherKey })).toMatchObject({ status: 1, out: expect.stringContaining('签名无效') });
    const lied = clone(inclusion(3));
    lied.checkpoint.body.logs[1]!.size = 14;
    expect(run('inclusion', lied).status).toBe(1);
  });

  it('refuses one byte changed anywhere in the proof files', () => {
    for (const [kind, document] of [['inclusion', inclusion(7)], ['consistency', consistency]] as const) {
      const text = JSON.stringify(document);
      const positions = new Set<number>();
      for (let p = 0; p < text.length; p += Math.max(1, Math.floor(text.length / 40))) positions.add(p);
      for (const position of positions) {
        const original = text[position]!;
        const replacement = /[0-9]/.test(original) ? String((Number(original) + 1) % 10) : /[a-z]/.test(original) ? (original === 'a' ? 'b' : 'a') : original === 'x' ? 'y' : 'x';
        const mutated = `${text.slice(0, position)}${replacement}${text.slice(position + 1)}`;
        const result = run(kind, undefined, mutated);
        if (result.status !== 1) throw new Error(`accepted with byte ${position} (${original}→${replacement}) changed: ${result.out}`);
      }
    }
  });
});
