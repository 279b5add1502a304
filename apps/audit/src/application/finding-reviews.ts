import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CommandMetadata } from '@oa/core';
import { CommandHandling, SERVICE_RUNTIME, type CommandOptions, type CommandReply, type ServiceRuntime } from '@oa/platform';
import { findingReviewDecider, type FindingReviewCommand } from '@oa/domain-audit';
import { findingReviewProjection } from '../infrastructure/read-models/finding-review.projection';

/** 审计意见: an auditor acknowledges or resolves a finding; each annotation is an event of the finding's review stream. */
@Injectable()
export class FindingReviews {
  constructor(
    @Inject(CommandHandling) private readonly commands: CommandHandling,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async review(findingId: string, type: FindingReviewCommand['type'], note: string | undefined, metadata: CommandMetadata, options: CommandOptions): Promise<CommandReply & { readonly status: string }> {
    const found: unknown[] = await this.runtime.dataSource.query(`SELECT 1 FROM "audit".findings WHERE id = $1`, [findingId]);
    if (found.length === 0) throw new NotFoundException({ code: 'AUDIT.FINDING_NOT_FOUND', title: '发现不存在' });
    const command = { type, data: { findingId, ...(note !== undefined && { note }) }, metadata } as FindingReviewCommand;
    const result = await this.commands.handle({
      decider: findingReviewDecider,
      streamId: findingId,
      command,
      projections: [findingReviewProjection],
      ...(options.expectedVersion !== undefined && { expectedVersion: options.expectedVersion }),
      ...(options.idempotencyKey !== undefined && { idempotencyKey: options.idempotencyKey }),
    });
    return { id: result.streamId, version: result.version, status: type === 'ResolveFinding' ? 'resolved' : 'acknowledged' };
  }
}
