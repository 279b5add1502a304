import { NotFoundException } from '@nestjs/common';
import { commandOn, type CommandCall, type ExecuteStreamCommand, type FactsContext } from '@oa/platform';
import type { FindingReviewCommand, FindingReviewState } from '@oa/domain-audit';
import { findingReviewProjection } from '../infrastructure/read-models/finding-review.projection';
import { findingReviewStream } from '../audit.service-definition';

/** A review is of a finding the detectors raised: an unknown id answers as a missing finding. */
export async function findingReviewFacts(request: FindingReviewCommand, _state: FindingReviewState, { dataSource }: FactsContext): Promise<FindingReviewCommand> {
  const found: unknown[] = await dataSource.query(`SELECT 1 FROM "audit".findings WHERE id = $1`, [request.data.findingId]);
  if (found.length === 0) throw new NotFoundException({ code: 'AUDIT.FINDING_NOT_FOUND', title: '发现不存在' });
  return request;
}

/**
 * 审计意见 as a bus command. Its projection goes alongside, not as a declared read model:
 * `"audit".findings` is the detectors' table (AUD-10's are raised on arrival only), which
 * `oa rebuild-read-model` would truncate and the review events alone could not refill.
 */
export function findingReviewOf(findingId: string, type: FindingReviewCommand['type'], note: string | undefined, call: CommandCall): ExecuteStreamCommand<FindingReviewState> {
  return commandOn(findingReviewStream, findingId, type, { ...(note !== undefined && { note }) }, call, { alongside: [findingReviewProjection] });
}
