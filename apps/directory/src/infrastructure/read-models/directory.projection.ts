import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@oa/core';
import type { InlineProjection } from '@oa/platform';
import {
  evolvePerson,
  evolveUnit,
  initialPersonState,
  initialUnitState,
  personStreamType,
  postsOf,
  unitStreamType,
  type PersonEvent,
  type PersonState,
  type UnitEvent,
  type UnitState,
} from '@oa/domain-directory';

/**
 * The units and people read models: each row is its stream's state, folded by the domain's own
 * `evolve` from the row before, so the read model says exactly what a replay says. A recorded
 * event is a fact: one that does not fit is folded as the domain folds it, never thrown on.
 */

const domainEvent = <E>(envelope: EventEnvelope): E => ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as E;

/** The envelopes of one stream type, grouped by stream in the order they came. */
function byStream(events: readonly EventEnvelope[], streamType: string): Map<string, EventEnvelope[]> {
  const streams = new Map<string, EventEnvelope[]>();
  for (const event of events) if (event.streamType === streamType) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return streams;
}

export const unitsProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const [unitId, envelopes] of byStream(events, unitStreamType)) {
    const [row] = (await manager.query(`SELECT state FROM "directory".units WHERE unit_id = $1`, [unitId])) as Array<{ state: UnitState }>;
    const state = envelopes.reduce((folded, envelope) => evolveUnit(folded, domainEvent<UnitEvent>(envelope)), row?.state ?? initialUnitState());
    if (state.status === 'empty') continue;
    const last = envelopes.at(-1)!;
    await manager.query(
      `INSERT INTO "directory".units (unit_id, code, name, parent_unit_id, status, state, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (unit_id) DO UPDATE SET code = $2, name = $3, parent_unit_id = $4, status = $5, state = $6, version = $7, updated_at = $8`,
      [unitId, state.code, state.name, state.parentUnitId ?? null, state.status, JSON.stringify(state), last.streamVersion, last.recordedAt],
    );
  }
};

/** The units a person serves in: their identities' units, or, departed, the home unit. */
function unitsOf(state: Exclude<PersonState, { status: 'empty' }>): string[] {
  const units = state.status === 'active' ? state.identities.map((identity) => identity.unitId) : [];
  return [...new Set([state.homeUnitId, ...units])];
}

export const peopleProjection: InlineProjection = async (manager: EntityManager, events: readonly EventEnvelope[]) => {
  for (const [personId, envelopes] of byStream(events, personStreamType)) {
    const [row] = (await manager.query(`SELECT state FROM "directory".people WHERE person_id = $1`, [personId])) as Array<{ state: PersonState }>;
    const state = envelopes.reduce((folded, envelope) => evolvePerson(folded, domainEvent<PersonEvent>(envelope)), row?.state ?? initialPersonState());
    if (state.status === 'empty') continue;
    const last = envelopes.at(-1)!;
    await manager.query(
      `INSERT INTO "directory".people (person_id, name, home_unit_id, status, unit_ids, state, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (person_id) DO UPDATE SET name = $2, home_unit_id = $3, status = $4, unit_ids = $5, state = $6, version = $7, updated_at = $8`,
      [personId, state.name, state.homeUnitId, state.status, unitsOf(state), JSON.stringify(state), last.streamVersion, last.recordedAt],
    );
    // the posts the person holds now; a single post's second holder violates post_holders_single_holder
    await manager.query(`DELETE FROM "directory".post_holders WHERE person_id = $1`, [personId]);
    for (const post of postsOf(state)) {
      await manager.query(
        `INSERT INTO "directory".post_holders (unit_id, post_id, person_id, identity_id, single)
         VALUES ($1, $2, $3, $4, COALESCE((SELECT post->>'capacity' = 'single' FROM "directory".units, jsonb_array_elements(state->'posts') AS post
                                             WHERE unit_id = $1 AND post->>'postId' = $2 LIMIT 1), false))`,
        [post.unitId, post.postId, personId, post.identityId],
      );
    }
  }
};

/** The constraint a concurrent second holder of a single post meets. */
export const SINGLE_HOLDER_CONSTRAINT = 'post_holders_single_holder';
