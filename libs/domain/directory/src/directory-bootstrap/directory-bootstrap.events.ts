import type { DirectoryEventOf } from '../directory.events';
import type { BootstrapAdministrator } from './directory-bootstrap.commands';

/** `by` is whoever ran the bootstrap, under `installation`: nobody held a role yet. */
export type DirectoryBootstrapped = DirectoryEventOf<
  'DirectoryBootstrapped',
  { readonly sysAdmin: BootstrapAdministrator; readonly securityAdmin: BootstrapAdministrator; readonly reason: string }
>;

export type DirectoryBootstrapEvent = DirectoryBootstrapped;

export type DirectoryBootstrapEventType = DirectoryBootstrapEvent['type'];

export const directoryBootstrapEventTypes: readonly DirectoryBootstrapEventType[] = ['DirectoryBootstrapped'];
