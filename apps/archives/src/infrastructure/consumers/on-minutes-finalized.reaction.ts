import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope } from '@oa/core';
import { ReactionConsumer, SERVICE_RUNTIME, type ServiceRuntime } from '@oa/platform';
import type { MinutesFinalized } from '@oa/domain-meetings';
import { bareHash, candidateItemId, officeDateOf } from './filing-sources';
import { ArchiveComponents } from '../../application/archive-components';
import { registerCandidate } from './register-candidate';

/**
 * ARC-1 from `oa.meetings.events`: finalized minutes (signed by recorder and chair, MTG-6)
 * become a filing candidate, one item per meeting (ARC-3), and the minutes are copied into the
 * archives' store over the meetings service's internal API (FILE-4) as one component `minutes`
 * with the contentDigest (SHA-256) of the finalized version;
 * the date is the meeting's (its scheduled end, office time), the responsible party its chair.
 */
@Injectable()
export class OnMinutesFinalizedReaction extends ReactionConsumer {
  protected readonly source = 'meetings';

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(ArchiveComponents) private readonly components: ArchiveComponents,
  ) {
    super(runtime);
  }

  protected async react(_manager: unknown, event: EventEnvelope): Promise<void> {
    if (event.type !== 'MinutesFinalized') return;
    const data = event.data as MinutesFinalized['data'];
    await registerCandidate(this.commands, this.components, event, {
      itemId: candidateItemId('meetings', data.meetingId),
      source: { service: 'meetings', sourceId: data.meetingId, sourceState: 'finalized', sourceEventId: event.eventId, sourceEventHash: event.hash },
      title: data.title,
      date: officeDateOf(data.scheduledEnd),
      secrecyLevel: data.secrecyLevel,
      responsibleParty: data.chairId,
      components: [
        // the finalized version as canonical JSON, a UTF-8 text: classified minutes with their texts in clear (FILE-4)
        { componentId: `${data.meetingId}:minutes:v${data.version}`, role: 'minutes', fileName: `会议记录-v${data.version}.json`, format: 'txt', hashAlgorithm: 'sha256', hash: bareHash(data.clearContentDigest ?? data.contentDigest) },
      ],
    });
  }
}
