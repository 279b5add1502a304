import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });

  it('leaves out undefined members and keeps Chinese text as is', () => {
    expect(canonicalJson({ title: '关于印章管理的通知', skipped: undefined })).toBe('{"title":"关于印章管理的通知"}');
  });

  it('refuses values that are not JSON-safe', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow(/bigint/);
  });
});
