import type { Actor } from '@oa/core';

/**
 * The actor of what the seals service does on its own when the documents topic says a sign-off
 * ended (SEAL-7): the cancellations name the system, and their causationId the documents event.
 */
export const DOCUMENTS_REACTION_ACTOR: Actor = { id: 'system:seals.documents-reaction', name: '系统（公文签发失效联动）', roles: ['system'] };
