import { userInfo } from 'node:os';
import type { Actor } from '@oa/core';
import { CommandHandling, EventStore, UpcasterRegistry, openServiceDataSource, type CommandCall } from '@oa/platform';
import { directoryService, type ExecuteCommand } from '@oa/app-directory';
import type { DataSource } from 'typeorm';
import { databaseUrl } from '../infrastructure';

/** The directory's store, opened (and migrated) as the service opens it: the CLI runs the service's own command path on it. */
export interface OpenDirectory {
  readonly dataSource: DataSource;
  readonly store: EventStore;
  readonly execute: ExecuteCommand;
  close(): Promise<void>;
}

export async function openDirectory(): Promise<OpenDirectory> {
  const dataSource = await openServiceDataSource({ url: await databaseUrl(), schema: directoryService.service, migrations: directoryService.migrations ?? [], poolSize: 2 });
  const store = new EventStore(dataSource, directoryService.service, 'sha256', new UpcasterRegistry(directoryService.upcasters ?? []));
  const handling = new CommandHandling(dataSource, store);
  return { dataSource, store, execute: (command) => handling.handle(command.request), close: () => dataSource.destroy() };
}

/** Whoever runs the command line: the installer at bootstrap (nobody holds a role yet), recorded as such. */
export function installer(): Actor {
  const login = (() => {
    try {
      return userInfo().username;
    } catch {
      return 'unknown';
    }
  })();
  return { id: `installer:${login}`, name: `部署人员（${login}）`, roles: [] };
}

/** A command call made by the CLI, as `actor`, now. */
export function cliCall(actor: Actor): CommandCall {
  return { metadata: { actor, now: new Date().toISOString(), correlationId: `oa-cli-${Date.now()}` }, options: {} };
}
