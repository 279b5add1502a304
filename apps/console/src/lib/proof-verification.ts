import { canonicalJson } from './canonical-json';
import { sm3 } from './sm3';

/**
 * The browser's own check of what the audit service hands out, independent of the server:
 * the checkpoint's Ed25519 signature over its canonical JSON (Web Crypto), its root over the
 * logs, the entry's leaf hash over its envelope, and the audit path with RFC 9162 §2.1.3.2.
 * The same inputs and refusals as tools/audit-verify/verify.mjs, in the browser.
 */
export type HashAlgorithm = 'sha256' | 'sm3';

export interface SignedCheckpoint {
  readonly body: {
    readonly format: string;
    readonly id: number;
    readonly algorithm: HashAlgorithm;
    readonly time: string;
    readonly keyId: string;
    readonly logs: ReadonlyArray<{ readonly log: string; readonly size: number; readonly root: string }>;
    readonly logsRoot: string;
  };
  readonly signature: string;
}

export interface InclusionProofDocument {
  readonly kind: 'inclusion';
  /** COMMON-3 `withheld`: an entry above the reader's clearance, without its envelope. */
  readonly entry: { readonly log: string; readonly index: number; readonly leafHash: string; readonly envelope?: Record<string, unknown>; readonly withheld?: true };
  readonly proof: { readonly treeSize: number; readonly auditPath: readonly string[] };
  readonly checkpoint: SignedCheckpoint;
}

export type Verdict = { readonly verified: true; readonly summary: string } | { readonly verified: false; readonly reason: string };

class Refused extends Error {}
const refuse = (reason: string): never => {
  throw new Refused(reason);
};

const HEX_HASH = /^[0-9a-f]{64}$/;
const HEX_SIGNATURE = /^[0-9a-f]{128}$/;
const utf8 = new TextEncoder();

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** SHA-256 (Web Crypto) or SM3 of bytes, in hex. */
export async function digest(algorithm: HashAlgorithm, data: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(algorithm === 'sm3' ? sm3(data) : new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
}
export const leafHash = (algorithm: HashAlgorithm, data: string) => digest(algorithm, concat(Uint8Array.of(0), utf8.encode(data)));
export const nodeHash = (algorithm: HashAlgorithm, left: string, right: string) => digest(algorithm, concat(Uint8Array.of(1), fromHex(left), fromHex(right)));

/** MTH over leaf hashes (RFC 9162 §2.1.1). */
export async function merkleRoot(algorithm: HashAlgorithm, leaves: readonly string[]): Promise<string> {
  if (leaves.length === 0) return digest(algorithm, new Uint8Array(0));
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(algorithm, await merkleRoot(algorithm, leaves.slice(0, k)), await merkleRoot(algorithm, leaves.slice(k)));
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** RFC 9162 §2.1.3.2: refuses with the reason, or returns. */
export async function checkInclusion(algorithm: HashAlgorithm, leaf: string, index: number, treeSize: number, path: readonly string[], root: string): Promise<void> {
  if (!Array.isArray(path) || path.some((item) => typeof item !== 'string' || !HEX_HASH.test(item))) refuse('审计路径含非哈希值');
  if (!isSize(index) || !isSize(treeSize)) refuse('序号或树大小不是非负整数');
  if (index >= treeSize) refuse('序号超出树的大小');
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) refuse('审计路径过长 (proof too long)');
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(algorithm, p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await nodeHash(algorithm, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) refuse('审计路径过短 (proof truncated)');
  if (r !== root) refuse('由审计路径算得的根哈希与检查点不符 (root mismatch)');
}

function exactKeys(label: string, value: unknown, keys: readonly string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) refuse(`${label} 不是对象`);
  const actual = Object.keys(value as object).sort();
  const expected = [...keys].sort();
  if (actual.join(',') !== expected.join(',')) refuse(`${label} 的字段应为 ${expected.join(', ')}，实为 ${actual.join(', ')}`);
}

/** The auditor's trusted key: an SPKI PEM, imported for Ed25519 with its key id (SHA-256 of the DER). */
export interface TrustedKey {
  readonly key: Awaited<ReturnType<typeof crypto.subtle.importKey>>;
  readonly keyId: string;
}

export async function importPublicKey(pem: string): Promise<TrustedKey> {
  // browsers offer Web Crypto to secure contexts only
  if (!globalThis.crypto?.subtle) throw new Error('浏览器未提供 Web Crypto：核查台须经 HTTPS（或本机地址）访问才能核验');
  const base64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
  return { key, keyId: toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', der))) };
}

async function checkCheckpointOrRefuse(signed: SignedCheckpoint, trusted: TrustedKey): Promise<SignedCheckpoint['body']> {
  exactKeys('检查点', signed, ['body', 'signature']);
  const { body, signature } = signed;
  exactKeys('检查点.body', body, ['format', 'id', 'algorithm', 'time', 'keyId', 'logs', 'logsRoot']);
  if (body.format !== 'oa-audit-checkpoint/1') refuse('检查点格式未知');
  if (body.algorithm !== 'sha256' && body.algorithm !== 'sm3') refuse('检查点哈希算法未知');
  if (!Number.isSafeInteger(body.id) || body.id < 1) refuse('检查点编号不合法');
  if (typeof body.time !== 'string' || Number.isNaN(Date.parse(body.time))) refuse('检查点时间不合法');
  if (body.keyId !== trusted.keyId) refuse('检查点不是用所信任的公钥签署的 (keyId mismatch)');
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) refuse('检查点签名格式不合法');
  const signatureValid = await crypto.subtle.verify({ name: 'Ed25519' }, trusted.key, fromHex(signature), utf8.encode(canonicalJson(body)));
  if (!signatureValid) refuse('检查点签名无效 (bad signature)');
  if (!Array.isArray(body.logs)) refuse('检查点.logs 不是列表');
  body.logs.forEach((head, i) => {
    exactKeys(`检查点.logs[${i}]`, head, ['log', 'size', 'root']);
    if (typeof head.log !== 'string' || !isSize(head.size) || typeof head.root !== 'string' || !HEX_HASH.test(head.root)) refuse(`检查点.logs[${i}] 不合法`);
    if (i > 0 && !(body.logs[i - 1]!.log < head.log)) refuse('检查点.logs 未按名称严格排序');
  });
  const leaves = await Promise.all(body.logs.map(({ log, size, root }) => leafHash(body.algorithm, canonicalJson({ log, size, root }))));
  if (body.logsRoot !== (await merkleRoot(body.algorithm, leaves))) refuse('检查点的日志总根哈希不符 (logsRoot mismatch)');
  return body;
}

async function verdictOf(check: () => Promise<string>): Promise<Verdict> {
  try {
    return { verified: true, summary: await check() };
  } catch (error) {
    if (error instanceof Refused) return { verified: false, reason: error.message };
    return { verified: false, reason: `无法核验：${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A signed checkpoint on its own: signature, key id, and the root over its logs. */
export function verifyCheckpoint(signed: SignedCheckpoint, trusted: TrustedKey): Promise<Verdict> {
  return verdictOf(async () => {
    const body = await checkCheckpointOrRefuse(signed, trusted);
    return `检查点 #${body.id}（${body.time}，${body.logs.length} 个日志）签名有效`;
  });
}

/** An inclusion proof as GET /audit/entries/{eventId}/inclusion-proof returns it. */
export function verifyInclusionProof(document: InclusionProofDocument, trusted: TrustedKey): Promise<Verdict> {
  return verdictOf(async () => {
    exactKeys('证明', document, ['kind', 'entry', 'proof', 'checkpoint']);
    if (document.kind !== 'inclusion') refuse('不是包含证明 (kind)');
    const body = await checkCheckpointOrRefuse(document.checkpoint, trusted);
    // COMMON-3 an entry above the reader's clearance comes without its envelope: its leaf alone is proven included
    const withheld = document.entry.withheld === true;
    exactKeys('entry', document.entry, ['log', 'index', 'leafHash', withheld ? 'withheld' : 'envelope']);
    exactKeys('proof', document.proof, ['treeSize', 'auditPath']);
    const { log, index, leafHash: claimed, envelope } = document.entry;
    if (!withheld && (envelope === undefined || envelope === null || typeof envelope !== 'object' || Array.isArray(envelope))) refuse('entry.envelope 不是事件');
    const leaf = withheld || envelope === undefined ? claimed : await leafHash(body.algorithm, canonicalJson(envelope));
    if (claimed !== leaf) refuse('记录内容与叶哈希不符，记录已被改动 (leaf hash mismatch)');
    const head = body.logs.find((candidate) => candidate.log === log) ?? refuse(`检查点中没有日志 ${log}`);
    if (head.size !== document.proof.treeSize) refuse(`检查点中日志 ${log} 的大小为 ${head.size}，证明称 ${document.proof.treeSize}`);
    await checkInclusion(body.algorithm, leaf, index, head.size, document.proof.auditPath, head.root);
    return envelope === undefined ? `日志 ${log} 第 ${index} 条记录（内容按密级隐去）包含于检查点 #${body.id}` : `事件 ${String(envelope['eventId'])} 位于日志 ${log} 第 ${index} 条，包含于检查点 #${body.id}`;
  });
}
