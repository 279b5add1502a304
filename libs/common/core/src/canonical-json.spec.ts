import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });

  it('leaves out undefined members and keeps Chinese text as is', () => {
    expect(canonicalJson({ title: '关于印章管理的通知', skipped: undefined })).toBe('{"title":"关于印章管理的通知"}');
  });

  it('writes what JSON.stringify writes for data whose keys are already in order', () => {
    const sorted = { a: [], b: {}, c: [{}, [], [1, [2, { x: false }]]], d: '引号 " 反斜杠 \\ 换行 \n', e: -0.5, f: 1e21, g: [null, true] };
    expect(canonicalJson(sorted)).toBe(JSON.stringify(sorted));
    // an undefined member first, in the middle and last: no stray commas
    expect(canonicalJson({ a: undefined, b: 1, c: undefined, d: 2, e: undefined })).toBe('{"b":1,"d":2}');
    expect(canonicalJson({ only: undefined })).toBe('{}');
  });

  it('refuses values that are not JSON-safe', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow(/bigint/);
  });
});
