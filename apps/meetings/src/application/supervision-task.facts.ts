import type { Command } from '@oa/core';
import type { FactsContext } from '@oa/platform';
import { findItem, refuse, type CreateSupervisionTask, type SupervisionTaskCommand } from '@oa/domain-meetings';
import { existingMeeting } from './meeting.facts';

/** 督办立项 as requested: the meeting and item whose decision it follows up. */
export type RequestedCreateSupervisionTask = Command<
  'CreateSupervisionTask',
  Omit<CreateSupervisionTask['data'], 'decision'> & { readonly meetingId: string; readonly itemId: string }
>;

export type RequestedSupervisionTaskCommand = Exclude<SupervisionTaskCommand, CreateSupervisionTask> | RequestedCreateSupervisionTask;

/** The facts of a 督办 command (MTG-7): a task follows up a decision recorded on the meeting stream. */
export async function supervisionTaskFacts(request: RequestedSupervisionTaskCommand, _state: unknown, context: FactsContext): Promise<SupervisionTaskCommand> {
  if (request.type !== 'CreateSupervisionTask') return request;
  const { meetingId, itemId, ...data } = request.data;
  const item = findItem(await existingMeeting(context, meetingId), itemId);
  if (!item) throw refuse('MEETINGS.NOT_FOUND', 'notFound', `议题 ${itemId} 不存在`);
  if (!item.decision) throw refuse('MTG-7', 'conflict', `议题“${item.title}”尚未作出决定，不能立项督办`);
  return { ...request, data: { ...data, decision: { meetingId, itemId, outcome: item.decision.outcome } } };
}
