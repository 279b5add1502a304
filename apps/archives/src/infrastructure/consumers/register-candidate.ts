import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { isRuleViolation, type Actor, type EventEnvelope } from '@oa/core';
import { causedBy, commandOn, type CommandResult } from '@oa/platform';
import type { ArchiveItemState, RegisterFilingCandidate } from '@oa/domain-archives';
import { archiveItemStream } from '../../archives.service-definition';
import type { ArchiveComponents } from '../../application/archive-components';

/** Who registers candidates from the other services' topics (named in every FilingCandidateRegistered). */
export const INTAKE_ACTOR: Actor = { id: 'system:archives-intake', name: '归档接收', roles: ['system'] };

const logger = new Logger('archives.intake');

/**
 * Issues RegisterFilingCandidate for a source event, then copies its components from the source
 * (FILE-4). `now` is the source event's instant, so a redelivery builds the same command; the
 * decider answers it with nothing (ARC-1), and only components still without a copy are fetched.
 * A source event the rules refuse (e.g. no content hash) is logged and skipped: retrying cannot change it.
 */
export async function registerCandidate(commands: CommandBus, components: ArchiveComponents, event: EventEnvelope, data: RegisterFilingCandidate['data']): Promise<void> {
  const metadata = causedBy(event, INTAKE_ACTOR);
  const { itemId, ...candidate } = data;
  let registered: CommandResult<ArchiveItemState>;
  try {
    registered = await commands.execute(commandOn(archiveItemStream, itemId, 'RegisterFilingCandidate', candidate, { metadata, options: {} }));
  } catch (error) {
    if (!isRuleViolation(error)) throw error;
    logger.warn(`归档候选未登记 (candidate refused) ${event.type} ${event.streamId}: ${error.code} ${error.detail}`);
    return;
  }
  // the receipt happens now, whatever the instant of the source event
  await components.fetchMissing(registered.state, { ...metadata, now: new Date().toISOString() });
}
