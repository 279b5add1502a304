#!/usr/bin/env node
// 审计证明离线核验 (offline verifier of the audit service's proofs).
//
//   node verify.mjs inclusion   proof.json   --public-key audit-public.pem
//   node verify.mjs consistency proof.json   --public-key audit-public.pem
//   node verify.mjs package     <folder>     --public-key audit-public.pem   (oa inspection-package)
//
// --public-key may be given more than once: after a rotation of the audit's signing key, the
// keys handed over before it still verify the checkpoints they signed (each names its key).
//
// Plain Node (18+), node:crypto only: it trusts nothing the server says but the public key
// the auditor was handed. It checks the checkpoint's Ed25519 signature over its canonical
// JSON, the root over the logs, then the proof with the algorithms of RFC 9162 §2.1.3.2
// (inclusion) and §2.1.4.2 (consistency). Any unknown or missing field, malformed hash, size
// mismatch or extra/missing proof element is refused. Exit 0 with 「验证通过」, 1 with the
// reason when the proof fails, 2 on wrong usage.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

/** Checks a signed checkpoint with the key it names among the trusted ones (keyId → key); returns its body. */
function checkCheckpoint(label, signed, keyring) {
  exactKeys(label, signed, ['body', 'signature']);
  const { body, signature } = signed;
  exactKeys(`${label}.body`, body, ['format', 'id', 'algorithm', 'time', 'keyId', 'logs', 'logsRoot']);
  if (body.format !== 'oa-audit-checkpoint/1') refuse(`${label} 格式未知`);
  if (!ALGORITHMS.has(body.algorithm)) refuse(`${label} 哈希算法未知`);
  if (!Number.isSafeInteger(body.id) || body.id < 1) refuse(`${label} 编号不合法`);
  if (typeof body.time !== 'string' || Number.isNaN(Date.parse(body.time))) refuse(`${label} 时间不合法`);
  const publicKey = keyring.get(body.keyId);
  if (!publicKey) refuse(`${label} 不是用所给公钥签署的 (keyId mismatch)`);
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

function verifyInclusionDocument(document, keyring) {
  exactKeys('证明', document, ['kind', 'entry', 'proof', 'checkpoint']);
  if (document.kind !== 'inclusion') refuse('不是包含证明 (kind)');
  const body = checkCheckpoint('检查点', document.checkpoint, keyring);
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

function verifyConsistencyDocument(document, keyring) {
  exactKeys('证明', document, ['kind', 'log', 'size1', 'size2', 'proof', 'checkpoint1', 'checkpoint2']);
  if (document.kind !== 'consistency') refuse('不是一致性证明 (kind)');
  const body1 = checkCheckpoint('检查点1', document.checkpoint1, keyring);
  const body2 = checkCheckpoint('检查点2', document.checkpoint2, keyring);
  if (body1.algorithm !== body2.algorithm) refuse('两个检查点的哈希算法不同');
  const head1 = logHead('检查点1', body1, document.log, document.size1);
  const head2 = logHead('检查点2', body2, document.log, document.size2);
  verifyConsistency(body2.algorithm, head1.size, head2.size, document.proof, head1.root, head2.root);
  return `日志 ${document.log}：检查点 #${body1.id}（大小 ${head1.size}）是检查点 #${body2.id}（大小 ${head2.size}）的前缀，未被改写`;
}

/** Every file under `folder`, as paths relative to it with `/`, sorted. */
function filesUnder(folder, under = '') {
  return readdirSync(join(folder, under))
    .flatMap((name) => (statSync(join(folder, under, name)).isDirectory() ? filesUnder(folder, join(under, name)) : [join(under, name)]))
    .sort();
}

const same = (a, b) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** What an exported entry says that its proof's envelope does not: the fields that differ. */
function differencesOf(entry, envelope) {
  const actor = envelope.metadata?.actor ?? {};
  const fields = [
    ['eventId', entry.eventId, envelope.eventId],
    ['streamType', entry.streamType, envelope.streamType],
    ['streamId', entry.streamId, envelope.streamId],
    ['streamVersion', entry.streamVersion, envelope.streamVersion],
    ['type', entry.type, envelope.type],
    ['data', entry.data, envelope.data],
    ['metadata', entry.metadata, envelope.metadata],
    ['actor', entry.actor, { id: typeof actor.id === 'string' ? actor.id : null, name: typeof actor.name === 'string' ? actor.name : null }],
  ];
  const differing = fields.filter(([, exported, proven]) => !same(exported, proven)).map(([field]) => field);
  return Date.parse(entry.recordedAt) === Date.parse(envelope.recordedAt) ? differing : [...differing, 'recordedAt'];
}

/**
 * An inspection package (oa inspection-package), on a machine without the system: every file
 * against SHA256SUMS (and no file outside it), the checkpoint's signature, and every entry of
 * entries.jsonl against its inclusion proof — the same place and leaf, the same content as the
 * proven envelope, included in the package's checkpoint.
 */
function verifyPackage(folder, keyring) {
  const read = (name) => {
    if (!existsSync(join(folder, name))) refuse(`缺少文件 ${name}`);
    return readFileSync(join(folder, name));
  };
  const listed = new Map(
    read('SHA256SUMS').toString('utf8').split('\n').filter((line) => line !== '').map((line) => {
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!match) refuse(`SHA256SUMS 的行格式有误：${line}`);
      return [match[2], match[1]];
    }),
  );
  for (const name of filesUnder(folder)) if (name !== 'SHA256SUMS' && !listed.has(name)) refuse(`文件 ${name} 不在 SHA256SUMS 中（材料包被加入了文件）`);
  for (const [name, digest] of listed) if (hash('sha256', read(name)) !== digest) refuse(`文件 ${name} 与 SHA256SUMS 不符（已被改动）`);
  let checkpoint;
  let lines;
  try {
    checkpoint = JSON.parse(read('checkpoint.json').toString('utf8'));
    lines = read('entries.jsonl').toString('utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
  } catch (error) {
    if (error instanceof Refused) throw error;
    refuse(`无法读取材料包: ${error.message}`);
  }
  const body = checkCheckpoint('检查点', checkpoint, keyring);
  const [head, ...entries] = lines;
  if (head?.record !== 'checkpoint' || !same({ body: head.body, signature: head.signature }, checkpoint)) refuse('entries.jsonl 的检查点与 checkpoint.json 不符');
  let withheld = 0;
  for (const entry of entries) {
    if (entry.record !== 'entry' || typeof entry.eventId !== 'string') refuse('entries.jsonl 中有不是记录的行');
    let proof;
    try {
      proof = JSON.parse(read(join('proofs', `${entry.eventId}.json`)).toString('utf8'));
    } catch (error) {
      if (error instanceof Refused) throw error;
      refuse(`记录 ${entry.eventId} 的证明无法读取: ${error.message}`);
    }
    verifyInclusionDocument(proof, keyring);
    if (!same(proof.checkpoint, checkpoint)) refuse(`记录 ${entry.eventId} 的证明不是对本包检查点的`);
    if (proof.entry.log !== entry.log || proof.entry.index !== entry.index || proof.entry.leafHash !== entry.leafHash) refuse(`记录 ${entry.eventId} 的日志位置或叶哈希与其证明不符`);
    if (proof.entry.withheld === true) {
      withheld += 1;
      continue;
    }
    const differing = differencesOf(entry, proof.entry.envelope);
    if (differing.length > 0) refuse(`记录 ${entry.eventId} 与其证明中的事件不符：${differing.join('、')}（记录已被改动）`);
  }
  const hidden = withheld > 0 ? `（其中 ${withheld} 条内容按密级隐去，只核验其叶哈希）` : '';
  return `材料包：检查点 #${body.id}（${body.time}）签名有效；${entries.length} 条记录均与其包含证明一致并包含于检查点${hidden}；${listed.size} 个文件与 SHA256SUMS 一致`;
}

function main(argv) {
  const [kind, file, ...rest] = argv;
  const keyFiles = rest.flatMap((word, i) => (word === '--public-key' ? [rest[i + 1]] : []));
  if (!['inclusion', 'consistency', 'package'].includes(kind) || !file || keyFiles.length === 0 || keyFiles.some((keyFile) => !keyFile)) {
    console.error('用法 (usage): node verify.mjs inclusion|consistency <proof.json> --public-key <ed25519-public.pem>，或 node verify.mjs package <材料包目录> --public-key <ed25519-public.pem>；密钥轮换后可多次给出 --public-key');
    return 2;
  }
  const keyring = new Map();
  for (const keyFile of keyFiles) {
    try {
      const publicKey = createPublicKey(readFileSync(keyFile, 'utf8'));
      if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('不是 Ed25519 公钥');
      keyring.set(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex'), publicKey);
    } catch (error) {
      console.error(`无法读取公钥 (public key) ${keyFile}: ${error.message}`);
      return 2;
    }
  }
  try {
    if (kind === 'package') {
      console.log(`验证通过 (verified): ${verifyPackage(file, keyring)}`);
      return 0;
    }
    let document;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      refuse(`无法读取证明文件: ${error.message}`);
    }
    const summary = kind === 'inclusion' ? verifyInclusionDocument(document, keyring) : verifyConsistencyDocument(document, keyring);
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
