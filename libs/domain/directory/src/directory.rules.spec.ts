import { isRuleViolation } from '@oa/core';
import { defaultDirectoryConfig, directoryConfig } from './directory.config';
import { directoryErrors, directoryRules, refuse } from './directory.rules';
import { ADMIN_ROLES, DIRECTORY_ROLES, LEADER_POST_KINDS } from './directory.vocabulary';

describe('Directory rules', () => {
  it('name DIR-1 to DIR-6, each with a Chinese title', () => {
    expect(Object.keys(directoryRules)).toEqual(Array.from({ length: 6 }, (_, i) => `DIR-${i + 1}`));
    for (const title of [...Object.values(directoryRules), ...Object.values(directoryErrors)]) expect(title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuse with a stable code, a kind and the Chinese title', () => {
    const violation = refuse('DIR-3', 'conflict', '系统管理员不得兼任安全审计员');
    expect(isRuleViolation(violation)).toBe(true);
    expect(violation).toMatchObject({ code: 'DIR-3', kind: 'conflict', title: directoryRules['DIR-3'], detail: '系统管理员不得兼任安全审计员' });
  });
});

describe('Directory vocabulary and configuration', () => {
  it("DIR-3 the three admin roles are among DOMAIN.md's roles", () => {
    expect(DIRECTORY_ROLES).toHaveLength(17);
    expect(ADMIN_ROLES.every((role) => DIRECTORY_ROLES.includes(role))).toBe(true);
  });

  it("DIR-6 defaults: a delegation is approved by a leader of the unit, the principal leader among them", () => {
    expect(defaultDirectoryConfig.delegationApproverPosts).toEqual(LEADER_POST_KINDS);
    expect(defaultDirectoryConfig.delegationApproverPosts).toContain('principalLeader');
    expect(directoryConfig({ delegationApproverPosts: ['principalLeader'] }).delegationApproverPosts).toEqual(['principalLeader']);
  });

  it('refuses a configuration nobody could satisfy', () => {
    expect(() => directoryConfig({ delegationApproverPosts: [] })).toThrow(TypeError);
    expect(() => directoryConfig({ delegationApproverPosts: ['chief' as never] })).toThrow(TypeError);
  });
});
