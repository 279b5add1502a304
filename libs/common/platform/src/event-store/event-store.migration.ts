import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store of one service in its own schema: the events table (which is also the
 * outbox), the relay checkpoints, idempotency records, and the triggers that make events
 * immutable. One migration class per schema, so every service migrates its own.
 */
export function eventStoreMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class EventStoreSchema1732400000000 implements MigrationInterface {
    readonly name = `EventStoreSchema1732400000000`;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await queryRunner.query(`
        CREATE TABLE ${s}.events (
          position        bigserial   PRIMARY KEY,
          -- the writing transaction: readers order by it and stay below the oldest one in flight
          transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
          event_id        uuid        NOT NULL UNIQUE,
          stream_type     text        NOT NULL,
          stream_id       text        NOT NULL,
          stream_version  integer     NOT NULL CHECK (stream_version > 0),
          type            text        NOT NULL,
          schema_version  integer     NOT NULL,
          data            jsonb,
          data_digest     text        NOT NULL,
          metadata        jsonb       NOT NULL,
          recorded_at     timestamptz NOT NULL,
          prev_hash       text        NOT NULL,
          hash            text        NOT NULL,
          CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
        )`);
      await queryRunner.query(`CREATE INDEX events_transaction_position ON ${s}.events (transaction_id, position)`);
      await queryRunner.query(`CREATE INDEX events_stream_type_recorded_at ON ${s}.events (stream_type, recorded_at)`);
      await queryRunner.query(`
        CREATE FUNCTION ${s}.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'events are immutable: % refused on %.events (事件不可修改)', TG_OP, TG_TABLE_SCHEMA
            USING ERRCODE = 'insufficient_privilege';
        END $$`);
      await queryRunner.query(`CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON ${s}.events
        FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_event_change()`);
      await queryRunner.query(`CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${s}.events
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_event_change()`);
      await queryRunner.query(`
        CREATE TABLE ${s}.relay_checkpoints (
          name           text        PRIMARY KEY,
          transaction_id xid8        NOT NULL,
          position       bigint      NOT NULL,
          updated_at     timestamptz NOT NULL DEFAULT now()
        )`);
      await queryRunner.query(`
        CREATE TABLE ${s}.idempotency_keys (
          key           text        NOT NULL,
          actor_id      text        NOT NULL,
          request_hash  text        NOT NULL,
          status        integer     NOT NULL,
          response      jsonb       NOT NULL,
          created_at    timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (actor_id, key)
        )`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      // Dropping a compliance record is never a migration step: refuse rather than lose it.
      void queryRunner;
      throw new Error('the event store schema is never rolled back (事件存储不可回滚)');
    }
  };
}

/**
 * The check an append makes of the streams its decision took facts from (a seal for its usage
 * application): each still at the version decided on, else the append's statement fails whole
 * (SQLSTATE OA001, the stream in the detail) and the command is decided again. Read in the
 * append's own statement, so a fact costs no round trip of its own.
 */
export function streamHeadCheckMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class StreamHeadCheck1765000000000 implements MigrationInterface {
    readonly name = 'StreamHeadCheck1765000000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE FUNCTION ${s}.expect_stream_heads(stream_ids text[], versions integer[]) RETURNS integer LANGUAGE plpgsql AS $$
        DECLARE moved text;
        BEGIN
          SELECT fact.stream_id INTO moved FROM unnest(stream_ids, versions) AS fact(stream_id, version)
           WHERE EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream_id = fact.stream_id AND e.stream_version > fact.version)
           LIMIT 1;
          IF moved IS NOT NULL THEN
            RAISE EXCEPTION 'stream % moved since the decision read it (决定所依据的对象已变化)', moved
              USING ERRCODE = 'OA001', DETAIL = moved;
          END IF;
          RETURN 1;
        END $$`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP FUNCTION ${s}.expect_stream_heads(text[], integer[])`);
    }
  };
}
