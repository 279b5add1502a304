import { SECRECY_LEVELS, clearanceAllows, isSecrecyLevel, itemNotFound, mayRead, readableBy, readableOrNotFound, type ClassifiedItem } from './clearance';

const reader = { id: 'u-reader', clearance: 'jimi' };

describe('clearance', () => {
  it('COMMON-3 orders the levels 非密 < 内部 < 秘密 < 机密 < 绝密 and admits every level up to the clearance', () => {
    expect(SECRECY_LEVELS).toEqual(['none', 'internal', 'mimi', 'jimi', 'juemi']);
    expect(clearanceAllows('jimi', 'mimi')).toBe(true);
    expect(clearanceAllows('jimi', 'jimi')).toBe(true);
    expect(clearanceAllows('jimi', 'juemi')).toBe(false);
    expect(clearanceAllows('none', 'internal')).toBe(false);
  });

  it('COMMON-3 recognises only the five levels', () => {
    expect(isSecrecyLevel('mimi')).toBe(true);
    expect(isSecrecyLevel('secret')).toBe(false);
    expect(isSecrecyLevel(undefined)).toBe(false);
  });

  it('COMMON-3 lets a cleared reader on the need-to-know list read a classified item', () => {
    expect(mayRead(reader, { secrecyLevel: 'jimi', needToKnow: ['u-reader'] })).toBe(true);
  });

  it('COMMON-3 refuses a cleared reader who is not on the need-to-know list', () => {
    expect(mayRead(reader, { secrecyLevel: 'mimi', needToKnow: ['u-other'] })).toBe(false);
  });

  it('COMMON-3 refuses a reader on the list whose clearance is below the level', () => {
    expect(mayRead(reader, { secrecyLevel: 'juemi', needToKnow: ['u-reader'] })).toBe(false);
  });

  it('COMMON-3 opens unclassified items to everyone and internal ones to any internal clearance without a list', () => {
    expect(mayRead({ id: 'u-x', clearance: 'none' }, { secrecyLevel: 'none', needToKnow: [] })).toBe(true);
    expect(mayRead({ id: 'u-x', clearance: 'internal' }, { secrecyLevel: 'internal', needToKnow: [] })).toBe(true);
    expect(mayRead({ id: 'u-x', clearance: 'none' }, { secrecyLevel: 'internal', needToKnow: [] })).toBe(false);
  });

  it('COMMON-3 treats a missing or unknown clearance as none', () => {
    expect(mayRead({ id: 'u-reader' }, { secrecyLevel: 'internal', needToKnow: ['u-reader'] })).toBe(false);
    expect(mayRead({ id: 'u-reader', clearance: 'topSecret' }, { secrecyLevel: 'mimi', needToKnow: ['u-reader'] })).toBe(false);
  });

  it('COMMON-3 leaves unreadable items out of a list entirely', () => {
    const items: Array<ClassifiedItem & { title: string }> = [
      { title: '关于召开工作会议的通知', secrecyLevel: 'none', needToKnow: [] },
      { title: '某绝密事项的报告', secrecyLevel: 'juemi', needToKnow: ['u-reader'] },
      { title: '某机密事项的请示', secrecyLevel: 'jimi', needToKnow: ['u-reader'] },
      { title: '某秘密事项的函', secrecyLevel: 'mimi', needToKnow: ['u-other'] },
    ];
    expect(readableBy(reader, items).map((item) => item.title)).toEqual(['关于召开工作会议的通知', '某机密事项的请示']);
  });

  it('COMMON-3 answers a direct read of an unreadable item exactly as one of a missing item, title withheld', () => {
    const secret = { title: '某绝密事项的报告', secrecyLevel: 'juemi' as const, needToKnow: ['u-other'] };
    const refusal = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    };
    const hidden = refusal(() => readableOrNotFound(reader, 'doc-7', secret));
    const missing = refusal(() => readableOrNotFound(reader, 'doc-7', undefined));
    expect(hidden).toEqual(missing);
    expect(hidden).toMatchObject({ code: 'COMMON.NOT_FOUND', kind: 'notFound', detail: '对象 doc-7 不存在' });
    expect(JSON.stringify({ ...(hidden as object), message: (hidden as Error).message })).not.toContain('绝密');
    expect(itemNotFound('doc-7').message).toBe('COMMON.NOT_FOUND: 对象 doc-7 不存在');
    expect(readableOrNotFound({ id: 'u-other', clearance: 'juemi' }, 'doc-7', secret)).toBe(secret);
  });
});
