/**
 * SM3 (GB/T 32905-2016) for offices whose audit store hashes with it: Web Crypto has no SM3,
 * so the browser computes it here. Checked against OpenSSL's sm3 in sm3.spec.ts.
 */
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

const rotl = (x: number, n: number) => ((x << (n & 31)) | (x >>> (32 - (n & 31)))) >>> 0;
const p0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

function compress(v: number[], block: DataView): void {
  const w = new Array<number>(68);
  for (let j = 0; j < 16; j++) w[j] = block.getUint32(j * 4);
  for (let j = 16; j < 68; j++) w[j] = (p1(w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15)) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!) >>> 0;
  let [a, b, c, d, e, f, g, h] = v as [number, number, number, number, number, number, number, number];
  for (let j = 0; j < 64; j++) {
    const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
    const ss1 = rotl((rotl(a, 12) + e + rotl(t, j)) >>> 0, 7);
    const ss2 = (ss1 ^ rotl(a, 12)) >>> 0;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const w1 = (w[j]! ^ w[j + 4]!) >>> 0;
    const tt1 = (ff + d + ss2 + w1) >>> 0;
    const tt2 = (gg + h + ss1 + w[j]!) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }
  [a, b, c, d, e, f, g, h].forEach((word, i) => {
    v[i] = (v[i]! ^ word) >>> 0;
  });
}

export function sm3(message: Uint8Array): Uint8Array {
  const length = message.length;
  const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  // the bit length as a 64-bit big-endian integer
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  const v = [...IV];
  for (let offset = 0; offset < padded.length; offset += 64) compress(v, new DataView(padded.buffer, offset, 64));
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  v.forEach((word, i) => out.setUint32(i * 4, word));
  return digest;
}
