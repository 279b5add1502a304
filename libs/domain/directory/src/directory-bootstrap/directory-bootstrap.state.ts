import type { BootstrapAdministrator } from './directory-bootstrap.commands';
import type { DirectoryBootstrapEvent } from './directory-bootstrap.events';

export type DirectoryBootstrapState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'bootstrapped';
      readonly sysAdmin: BootstrapAdministrator;
      readonly securityAdmin: BootstrapAdministrator;
      readonly bootstrappedAt: string;
    };

export const initialDirectoryBootstrapState = (): DirectoryBootstrapState => ({ status: 'empty' });

export function evolveDirectoryBootstrap(state: DirectoryBootstrapState, event: DirectoryBootstrapEvent): DirectoryBootstrapState {
  if (event.type !== 'DirectoryBootstrapped' || state.status !== 'empty') return state;
  return { status: 'bootstrapped', sysAdmin: event.data.sysAdmin, securityAdmin: event.data.securityAdmin, bootstrappedAt: event.data.at };
}

/** The bootstrap as `EnrolBootstrapAdministrator` needs it: who was named, and the event's id. */
export interface BootstrapFacts {
  readonly bootstrapEventId: string;
  readonly sysAdmin: BootstrapAdministrator;
  readonly securityAdmin: BootstrapAdministrator;
}

export function bootstrapFactsOf(state: DirectoryBootstrapState, bootstrapEventId: string): BootstrapFacts | undefined {
  return state.status === 'bootstrapped' ? { bootstrapEventId, sysAdmin: state.sysAdmin, securityAdmin: state.securityAdmin } : undefined;
}
