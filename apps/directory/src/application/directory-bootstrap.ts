import { isRuleViolation } from '@oa/core';
import { commandOn, type CommandCall, type CommandResult, type ExecuteStreamCommand } from '@oa/platform';
import { DIRECTORY_BOOTSTRAP_ID, type BootstrapAdministrator } from '@oa/domain-directory';
import { directoryBootstrapStream, personStream } from '../directory.service-definition';
import { identityIdOf } from './directory.facts';

/** Runs one command on the declared path: the CommandBus in a request, `CommandHandling` in the CLI. */
export type ExecuteCommand = (command: ExecuteStreamCommand<never>) => Promise<CommandResult>;

export interface DirectoryBootstrapInput {
  readonly sysAdmin: BootstrapAdministrator;
  readonly securityAdmin: BootstrapAdministrator;
  /** The administrators' home unit: the organ's office, which the sysAdmin registers first under this id. */
  readonly homeUnitId: string;
  readonly reason: string;
}

export interface DirectoryBootstrapped {
  readonly id: string;
  readonly version: number;
  readonly homeUnitId: string;
  readonly sysAdmin: BootstrapAdministrator;
  readonly securityAdmin: BootstrapAdministrator;
}

/**
 * 目录初始化: `BootstrapDirectory` on the one bootstrap stream (once; two different people,
 * DIR-3), then each administrator is enrolled on their own person stream from that event, so
 * their grants are in their streams like everyone's. Nobody holds a role before it: the actor is
 * whoever installs (the CLI's `oa directory bootstrap`).
 */
export async function bootstrapDirectory(execute: ExecuteCommand, input: DirectoryBootstrapInput, call: CommandCall): Promise<DirectoryBootstrapped> {
  const { sysAdmin, securityAdmin, homeUnitId, reason } = input;
  const bootstrapped = await execute(commandOn(directoryBootstrapStream, DIRECTORY_BOOTSTRAP_ID, 'BootstrapDirectory', { sysAdmin, securityAdmin, reason }, call) as ExecuteStreamCommand<never>);
  // each enrolment is its own stream's first append: no If-Match or Idempotency-Key of the request applies
  const plain: CommandCall = { metadata: call.metadata, options: {} };
  for (const administrator of [sysAdmin, securityAdmin]) {
    const { personId, name } = administrator;
    try {
      await execute(
        commandOn(personStream, personId, 'EnrolBootstrapAdministrator', { name, homeUnitId, identityId: identityIdOf(personId, homeUnitId) }, plain) as ExecuteStreamCommand<never>,
      );
    } catch (error) {
      // a retried request (same Idempotency-Key) finds them enrolled: nobody else registers a person before the bootstrap
      if (!isRuleViolation(error) || error.code !== 'PERSON.ALREADY_REGISTERED') throw error;
    }
  }
  return { id: bootstrapped.streamId, version: bootstrapped.version, homeUnitId, sysAdmin, securityAdmin };
}
