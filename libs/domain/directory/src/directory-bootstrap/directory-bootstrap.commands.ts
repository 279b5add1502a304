import type { Command } from '@oa/core';

/** A first administrator named at bootstrap. */
export interface BootstrapAdministrator {
  readonly personId: string;
  readonly name: string;
}

/**
 * `oa directory bootstrap`: names the first sysAdmin and the first securityAdmin, two different
 * people (DIR-3), on the well-known stream `directoryBootstrap/directory`. Allowed once.
 */
export type BootstrapDirectory = Command<
  'BootstrapDirectory',
  { readonly sysAdmin: BootstrapAdministrator; readonly securityAdmin: BootstrapAdministrator; readonly reason: string }
>;

export type DirectoryBootstrapCommand = BootstrapDirectory;
