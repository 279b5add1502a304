import { LEADER_POST_KINDS, isPostKind, type PostKind } from './directory.vocabulary';

/** What an office configures in its directory, with DOMAIN.md's defaults. */
export interface DirectoryConfig {
  /** DIR-6: the posts of a unit whose holder approves a delegation in it (default: the unit's leaders). */
  readonly delegationApproverPosts: readonly PostKind[];
}

export const defaultDirectoryConfig: DirectoryConfig = { delegationApproverPosts: LEADER_POST_KINDS };

/** The defaults with an office's overrides; a configuration nobody could satisfy is refused. */
export function directoryConfig(overrides: Partial<DirectoryConfig> = {}): DirectoryConfig {
  const config = { ...defaultDirectoryConfig, ...overrides };
  if (config.delegationApproverPosts.length === 0 || !config.delegationApproverPosts.every(isPostKind)) {
    throw new TypeError('delegationApproverPosts must name at least one post kind');
  }
  return config;
}
