import type { Actor } from '@oa/core';
import { NOW, eventsOf, people } from '../directory.fixtures';
import type { DirectoryBootstrapEvent } from './directory-bootstrap.events';

/** Test data for bootstrap specs (not exported from the library's index). */

export const bootstrapEvent = eventsOf<DirectoryBootstrapEvent>();

/** Whoever runs `oa directory bootstrap`: not yet anyone in the directory. */
export const installer: Actor = { id: 'installer', name: '部署人员', roles: [] };

export const firstSysAdmin = { personId: people.sysAdmin.id, name: people.sysAdmin.name };
export const firstSecurityAdmin = { personId: people.securityAdmin.id, name: people.securityAdmin.name };

export const directoryBootstrapped = (at = NOW) =>
  bootstrapEvent('DirectoryBootstrapped', {
    sysAdmin: firstSysAdmin,
    securityAdmin: firstSecurityAdmin,
    reason: '系统上线，配备初始系统管理员和安全保密管理员',
    by: { personId: installer.id, name: installer.name, under: { kind: 'installation' } },
    at,
  });
