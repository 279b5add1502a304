import { randomUUID } from 'node:crypto';
import type { SupervisionTaskCreated } from '@oa/domain-meetings';
import { EMPTY_STREAM, type RunningService } from '@oa/platform';
import { supervisionTaskStream } from './meetings.service-definition';
import { supervisionTaskListProjection } from './infrastructure/read-models/supervision-task.projection';

/**
 * Given: an MTG-7 task the meetings service created before ADR 0018 (no command creates one any
 * more; a decision's new tasks start in the affairs service), stored with its list line as it was
 * then, for the tests of following it up here. Returns its id.
 */
export async function givenTaskCreatedHere(service: RunningService, terms: Omit<SupervisionTaskCreated['data'], 'taskId' | 'createdBy' | 'createdAt'>, createdAt: string): Promise<string> {
  const taskId = randomUUID();
  const director = { id: 'u-director', name: '周主任', roles: ['officeDirector'] };
  const event = { type: 'SupervisionTaskCreated', schemaVersion: 1, data: { taskId, ...terms, createdBy: director.id, createdAt } };
  await service.runtime.dataSource.transaction(async (manager) => {
    const appended = await service.runtime.store.append({ streamType: supervisionTaskStream.decider.streamType, streamId: taskId, expected: EMPTY_STREAM, events: [event], metadata: { actor: director }, recordedAt: createdAt }, manager);
    await supervisionTaskListProjection(manager, appended);
  });
  return taskId;
}
