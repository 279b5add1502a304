import { ruleBook } from './rule-book';
import { isRuleViolation } from './rule-violation';

describe('RuleBook: when refusing', () => {
  const refuse = ruleBook({ 'TEST-1': '测试规则', 'TEST.NOT_FOUND': '对象不存在' });

  it('gives the refusal its code, kind and the Chinese title of the table', () => {
    const violation = refuse('TEST-1', 'conflict', '具体原因');
    expect(isRuleViolation(violation)).toBe(true);
    expect(violation).toMatchObject({ code: 'TEST-1', kind: 'conflict', title: '测试规则', detail: '具体原因' });
  });

  it('uses the title as the detail when none is given', () => {
    expect(refuse('TEST.NOT_FOUND', 'notFound')).toMatchObject({ title: '对象不存在', detail: '对象不存在' });
  });
});
