import { createHash } from 'node:crypto';
import { sm3 } from './sm3';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sm3', () => {
  it('gives the GB/T 32905 example digest of "abc"', () => {
    expect(hex(sm3(new TextEncoder().encode('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it.each([0, 1, 55, 56, 63, 64, 65, 127, 1000])('agrees with OpenSSL on %i bytes', (size) => {
    const data = Uint8Array.from({ length: size }, (_, i) => (i * 7 + 3) % 256);
    expect(hex(sm3(data))).toBe(createHash('sm3').update(data).digest('hex'));
  });
});
