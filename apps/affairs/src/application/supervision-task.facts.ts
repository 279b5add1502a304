import type { Command } from '@oa/core';
import type { FactsContext } from '@oa/platform';
import { decisionTaskOrigin, instructionDecider, meetingDecisionDecider, refuse, type CreateSupervisionTask, type SupervisionTaskCommand } from '@oa/domain-affairs';

/** 督办立项 as requested: the terms, and the decision or instruction it follows up (neither: the actor's own 交办). */
export type RequestedCreateSupervisionTask = Command<
  'CreateSupervisionTask',
  Omit<CreateSupervisionTask['data'], 'source' | 'assigner'> & { readonly instructionId?: string; readonly decisionId?: string }
>;

export type RequestedSupervisionTaskCommand = Exclude<SupervisionTaskCommand, CreateSupervisionTask> | RequestedCreateSupervisionTask;

/**
 * The facts of a 督办 command (SUP-1): a task from a meeting decision or an instruction takes its
 * source and its assigner — the meeting's chair, the instructing leader — from the decision or
 * instruction as recorded from the meetings or documents service, never from the request; a
 * task from neither is the actor's own assignment.
 */
export async function supervisionTaskFacts(request: RequestedSupervisionTaskCommand, _state: unknown, context: FactsContext): Promise<SupervisionTaskCommand> {
  if (request.type !== 'CreateSupervisionTask') return request;
  const { instructionId, decisionId, ...terms } = request.data;
  if (decisionId !== undefined) {
    const { state } = await context.fact(meetingDecisionDecider, decisionId);
    return { ...request, data: { ...terms, ...decisionTaskOrigin(state) } };
  }
  if (instructionId === undefined) {
    const { actor } = request.metadata;
    return { ...request, data: { ...terms, source: { kind: 'assignment' }, assigner: { id: actor.id, name: actor.name } } };
  }
  const { state } = await context.fact(instructionDecider, instructionId);
  if (state.status === 'empty') throw refuse('AFFAIRS.NOT_FOUND', 'notFound', `批示 ${instructionId} 不存在`);
  if (state.status === 'needsNoTask') throw refuse('SUP-3', 'conflict', '该批示已登记为无需督办');
  if (state.status === 'turnedIntoTask' && state.taskId !== terms.taskId) throw refuse('SUP-3', 'conflict', `该批示已立项督办（${state.taskId}）`);
  return { ...request, data: { ...terms, source: { kind: 'instruction', documentId: state.documentId, instructionId }, assigner: state.leader } };
}
