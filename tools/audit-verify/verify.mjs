#!/usr/bin/env node
// 审计证明离线核验 (offline verifier of the audit service's proofs).
//
//   node verify.mjs inclusion   proof.json   --public-key audit-public.pem
//   node verify.mjs consistency proof.json   --public-key audit-public.pem
//
// Plain Node (18+), node:crypto only: it trusts nothing the server says but the public key
// the auditor was handed. It checks the checkpoint's Ed25519 signature over its canonical
// JSON, the root over the logs, then the proof with the algorithms of RFC 9162 §2.1.3.2
// (inclusion) and §2.1.4.2 (consistency). Any unknown or missing field, malformed hash, size
// mismatch or extra/missing proof element is refused. Exit 0 with 「验证通过」, 1 with the
// reason when the proof fails, 2 on wrong usage.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

class Refused extends Error {}
const refuse = (reason) => {
  throw new Refused(reason);
};

// Canonical JSON: keys sorted (UTF-16 order), no whitespace, JSON.stringify strings and numbers.
function canonicalJson(value) {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse('非有限数值 (non-finite number)');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return refuse(`无法规范化的值 (${typeof value})`);
}

const ALGORITHMS = new Set(['sha256', 'sm3']);
const HEX_HASH = /^[0-9a-f]{64}$/;
const HEX_SIGNATURE = /^[0-9a-f]{128}$/;

const hash = (algorithm, ...parts) => {
  const h = createHash(algorithm);
  for (const part of parts) h.update(part);
  return h.digest('hex');
};
const leafHash = (algorithm, data) => hash(algorithm, Buffer.from([0]), Buffer.from(data, 'utf8'));
const nodeHash = (algorithm, left, right) => hash(algorithm, Buffer.from([1]), Buffer.from(left, 'hex'), Buffer.from(right, 'hex'));

function merkleRoot(algorithm, leaves) {
  if (leaves.length === 0) return hash(algorithm);
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(algorithm, merkleRoot(algorithm, leaves.slice(0, k)), merkleRoot(algorithm, leaves.slice(k)));
}

const isOdd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2);
const isSize = (n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isPowerOfTwo = (n) => {
  let value = n;
  while (value > 1 && value % 2 === 0) value /= 2;
  return value === 1;
};

function checkHashes(label, list) {
  if (!Array.isArray(list)) refuse(`${label} 不是列表`);
  list.forEach((item, i) => {
    if (typeof item !== 'string' || !HEX_HASH.test(item)) refuse(`${label}[${i}] 不是哈希值`);
  });
}

// RFC 9162 §2.1.3.2
function verifyInclusion(algorithm, leaf, index, treeSize, path, root) {
  checkHashes('审计路径', path);
  if (!isSize(index) || !isSize(treeSize)) refuse('序号或树大小不是非负整数');
  if (index >= treeSize) refuse('序号超出树的大小');
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) refuse('审计路径过长 (proof too long)');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(algorithm, p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(algorithm, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) refuse('审计路径过短 (proof truncated)');
  if (r !== root) refuse('由审计路径算得的根哈希与检查点不符 (root mismatch)');
}

// RFC 9162 §2.1.4.2
function verifyConsistency(algorithm, size1, size2, proof, root1, root2) {
  checkHashes('一致性证明', proof);
  if (!isSize(size1) || !isSize(size2) || size1 < 1) refuse('树大小须为正整数');
  if (size1 > size2) refuse('起始大小大于结束大小');
  if (size1 === size2) {
    if (proof.length !== 0) refuse('大小相同时证明须为空');
    if (root1 !== root2) refuse('大小相同而根哈希不同 (fork)');
    return;
  }
  if (proof.length === 0) refuse('一致性证明为空');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) refuse('一致性证明过长 (proof too long)');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(algorithm, c, fr);
      sr = nodeHash(algorithm, c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(algorithm, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) refuse('一致性证明过短 (proof truncated)');
  if (fr !== root1) refuse('起始根哈希不符 (first root mismatch)');
  if (sr !== root2) refuse('结束根哈希不符 (second root mismatch)');
}

function exactKeys(label, value, keys) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) refuse(`${label} 不是对象`);
  const actual = Object.keys(value).sort();
  const expected = [...keys].sort();
  if (actual.length !== expected.length || actual.some((key, i) => key !== expected[i])) {
    refuse(`${label} 的字段应为 ${expected.join(', ')}，实为 ${actual.join(', ')}`);
  }
}

/** Checks a signed checkpoint; returns its body. */
function checkCheckpoint(label, signed, publicKey, keyId) {
  exactKeys(label, signed, ['body', 'signature']);
  const { body, signature } = signed;
  exactKeys(`${label}.body`, body, ['format', 'id', 'algorithm', 'time', 'keyId', 'logs', 'logsRoot']);
  if (body.format !== 'oa-audit-checkpoint/1') refuse(`${label} 格式未知`);
  if (!ALGORITHMS.has(body.algorithm)) refuse(`${label} 哈希算法未知`);
  if (!Number.isSafeInteger(body.id) || body.id < 1) refuse(`${label} 编号不合法`);
  if (typeof body.time !== 'string' || Number.isNaN(Date.parse(body.time))) refuse(`${label} 时间不合法`);
  if (body.keyId !== keyId) refuse(`${label} 不是用所给公钥签署的 (keyId mismatch)`);
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) refuse(`${label} 签名格式不合法`);
  if (!verify(null, Buffer.from(canonicalJson(body), 'utf8'), publicKey, Buffer.from(signature, 'hex'))) refuse(`${label} 签名无效 (bad signature)`);
  if (!Array.isArray(body.logs)) refuse(`${label}.logs 不是列表`);
  body.logs.forEach((head, i) => {
    exactKeys(`${label}.logs[${i}]`, head, ['log', 'size', 'root']);
    if (typeof head.log !== 'string' || !isSize(head.size) || typeof head.root !== 'string' || !HEX_HASH.test(head.root)) refuse(`${label}.logs[${i}] 不合法`);
    if (i > 0 && !(body.logs[i - 1].log < head.log)) refuse(`${label}.logs 未按名称严格排序`);
  });
  const logsRoot = merkleRoot(body.algorithm, body.logs.map(({ log, size, root }) => leafHash(body.algorithm, canonicalJson({ log, size, root }))));
  if (body.logsRoot !== logsRoot) refuse(`${label} 的日志总根哈希不符 (logsRoot mismatch)`);
  return body;
}

function logHead(label, body, log, size) {
  const head = body.logs.find((candidate) => candidate.log === log);
  if (!head) refuse(`${label} 中没有日志 ${log}`);
  if (head.size !== size) refuse(`${label} 中日志 ${log} 的大小为 ${head.size}，证明称 ${size}`);
  return head;
}

function verifyInclusionDocument(document, publicKey, keyId) {
  exactKeys('证明', document, ['kind', 'entry', 'proof', 'checkpoint']);
  if (document.kind !== 'inclusion') refuse('不是包含证明 (kind)');
  const body = checkCheckpoint('检查点', document.checkpoint, publicKey, keyId);
  // COMMON-3 an entry above the reader's clearance comes without its envelope: its leaf alone is proven included
  const withheld = document.entry?.withheld === true;
  exactKeys('entry', document.entry, ['log', 'index', 'leafHash', withheld ? 'withheld' : 'envelope']);
  exactKeys('proof', document.proof, ['treeSize', 'auditPath']);
  const { log, index, leafHash: claimedLeaf, envelope } = document.entry;
  if (!withheld && (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope))) refuse('entry.envelope 不是事件');
  if (withheld && !HEX_HASH.test(claimedLeaf)) refuse('entry.leafHash 不是 64 位十六进制');
  const leaf = withheld ? claimedLeaf : leafHash(body.algorithm, canonicalJson(envelope));
  if (claimedLeaf !== leaf) refuse('记录内容与叶哈希不符 (leaf hash mismatch)');
  const head = logHead('检查点', body, log, document.proof.treeSize);
  verifyInclusion(body.algorithm, leaf, index, head.size, document.proof.auditPath, head.root);
  const what = withheld ? `日志 ${log} 第 ${index} 条记录（内容按密级隐去，只核验其叶哈希）` : `事件 ${envelope.eventId} 位于日志 ${log} 第 ${index} 条，`;
  return `${what}包含于检查点 #${body.id}（${body.time}，大小 ${head.size}）`;
}

function verifyConsistencyDocument(document, publicKey, keyId) {
  exactKeys('证明', document, ['kind', 'log', 'size1', 'size2', 'proof', 'checkpoint1', 'checkpoint2']);
  if (document.kind !== 'consistency') refuse('不是一致性证明 (kind)');
  const body1 = checkCheckpoint('检查点1', document.checkpoint1, publicKey, keyId);
  const body2 = checkCheckpoint('检查点2', document.checkpoint2, publicKey, keyId);
  if (body1.algorithm !== body2.algorithm) refuse('两个检查点的哈希算法不同');
  const head1 = logHead('检查点1', body1, document.log, document.size1);
  const head2 = logHead('检查点2', body2, document.log, document.size2);
  verifyConsistency(body2.algorithm, head1.size, head2.size, document.proof, head1.root, head2.root);
  return `日志 ${document.log}：检查点 #${body1.id}（大小 ${head1.size}）是检查点 #${body2.id}（大小 ${head2.size}）的前缀，未被改写`;
}

function main(argv) {
  const [kind, file, ...rest] = argv;
  const keyAt = rest.indexOf('--public-key');
  if (!['inclusion', 'consistency'].includes(kind) || !file || keyAt === -1 || !rest[keyAt + 1]) {
    console.error('用法 (usage): node verify.mjs inclusion|consistency <proof.json> --public-key <ed25519-public.pem>');
    return 2;
  }
  let publicKey;
  try {
    publicKey = createPublicKey(readFileSync(rest[keyAt + 1], 'utf8'));
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('不是 Ed25519 公钥');
  } catch (error) {
    console.error(`无法读取公钥 (public key): ${error.message}`);
    return 2;
  }
  const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  try {
    let document;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      refuse(`无法读取证明文件: ${error.message}`);
    }
    const summary = kind === 'inclusion' ? verifyInclusionDocument(document, publicKey, keyId) : verifyConsistencyDocument(document, publicKey, keyId);
    console.log(`验证通过 (verified): ${summary}`);
    return 0;
  } catch (error) {
    if (!(error instanceof Refused)) {
      console.error(`验证失败 (refused): ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    console.error(`验证失败 (refused): ${error.message}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
