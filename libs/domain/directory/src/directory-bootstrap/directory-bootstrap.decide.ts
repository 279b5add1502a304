import { isBlank, nowOf, type Decider } from '@oa/core';
import { requireReason } from '../directory.actor';
import { refuse } from '../directory.rules';
import type { BootstrapAdministrator, DirectoryBootstrapCommand } from './directory-bootstrap.commands';
import type { DirectoryBootstrapEvent } from './directory-bootstrap.events';
import { evolveDirectoryBootstrap, initialDirectoryBootstrapState, type DirectoryBootstrapState } from './directory-bootstrap.state';

export const directoryBootstrapStreamType = 'directoryBootstrap';
/** The one stream of its type: the directory is bootstrapped once. */
export const DIRECTORY_BOOTSTRAP_ID = 'directory';

export type DirectoryBootstrapDecider = Decider<DirectoryBootstrapCommand, DirectoryBootstrapEvent, DirectoryBootstrapState> & {
  readonly streamType: typeof directoryBootstrapStreamType;
};

const named = (person: BootstrapAdministrator | undefined): person is BootstrapAdministrator =>
  person !== undefined && !isBlank(person.personId) && !isBlank(person.name);

export function decideDirectoryBootstrap(command: DirectoryBootstrapCommand, state: DirectoryBootstrapState): DirectoryBootstrapEvent[] {
  nowOf(command.metadata.now);
  // Once: after it, every sysAdmin is granted by a sysAdmin (DIR-1).
  if (state.status !== 'empty') throw refuse('DIRECTORY.ALREADY_BOOTSTRAPPED', 'conflict');
  const { sysAdmin, securityAdmin, reason } = command.data;
  if (!named(sysAdmin) || !named(securityAdmin)) throw refuse('DIRECTORY.INVALID_INPUT', 'invalid', '须写明初始系统管理员和安全保密管理员的编号和姓名');
  requireReason(reason);
  // DIR-3 三员分立 from the first day
  if (sysAdmin.personId === securityAdmin.personId) throw refuse('DIR-3', 'conflict', '系统管理员和安全保密管理员不得由同一人担任');
  const { actor, now } = command.metadata;
  return [
    {
      type: 'DirectoryBootstrapped',
      schemaVersion: 1,
      data: {
        sysAdmin: { personId: sysAdmin.personId, name: sysAdmin.name },
        securityAdmin: { personId: securityAdmin.personId, name: securityAdmin.name },
        reason,
        by: { personId: actor.id, name: actor.name, under: { kind: 'installation' } },
        at: now,
      },
    },
  ];
}

export const directoryBootstrapDecider: DirectoryBootstrapDecider = {
  streamType: directoryBootstrapStreamType,
  initialState: initialDirectoryBootstrapState,
  decide: decideDirectoryBootstrap,
  evolve: evolveDirectoryBootstrap,
};
