import { refuse } from '@oa/domain-directory';
import { SINGLE_HOLDER_CONSTRAINT } from '../infrastructure/read-models/directory.projection';

/**
 * 任职 of a `single` post on two persons' streams at once: each decided on holders that did not
 * yet include the other, and the post_holders index lets only one commit. The other is the
 * refusal its decider would have given a moment later.
 */
export async function oneHolderAtATime<T>(assignment: Promise<T>): Promise<T> {
  try {
    return await assignment;
  } catch (error) {
    if ((error as { constraint?: unknown }).constraint === SINGLE_HOLDER_CONSTRAINT) {
      throw refuse('UNIT.POST_OCCUPIED', 'conflict', '该职务只设一人，刚由他人担任，须先免职');
    }
    throw error;
  }
}
