import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit store: one append-only Merkle log per topic partition (`logs`, `entries`), the
 * last link seen of every stream (`stream_heads`), the findings, and the signed checkpoints.
 * Everything is keyed by the source service: a service owns its streams and event ids, so what
 * one topic carries never depends on another's (a rebuild reads topics in any order).
 * Entries and checkpoints are immutable: triggers refuse UPDATE, DELETE and TRUNCATE.
 */
export class AuditStore1733000000000 implements MigrationInterface {
  readonly name = 'AuditStore1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit".logs (
        log       text    PRIMARY KEY,
        topic     text    NOT NULL,
        partition integer NOT NULL,
        size      bigint  NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit".entries (
        id             bigserial   PRIMARY KEY,
        log            text        NOT NULL REFERENCES "audit".logs (log),
        log_index      bigint      NOT NULL,
        service        text        NOT NULL,
        topic          text        NOT NULL,
        partition      integer     NOT NULL,
        "offset"       bigint      NOT NULL,
        event_id       text        NOT NULL,
        stream_type    text        NOT NULL,
        stream_id      text        NOT NULL,
        stream_version integer,
        type           text        NOT NULL,
        actor_id       text,
        actor_name     text,
        recorded_at    timestamptz,
        envelope       text        NOT NULL,
        leaf_hash      text        NOT NULL,
        chain_status   text        NOT NULL,
        chain_problems jsonb       NOT NULL DEFAULT '[]',
        ingested_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (log, log_index),
        UNIQUE (service, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX entries_event ON "audit".entries (event_id)`);
    await queryRunner.query(`CREATE INDEX entries_stream ON "audit".entries (stream_id, stream_version)`);
    await queryRunner.query(`CREATE INDEX entries_actor ON "audit".entries (actor_id, recorded_at)`);
    await queryRunner.query(`CREATE INDEX entries_recorded ON "audit".entries (recorded_at)`);
    await queryRunner.query(`
      CREATE TABLE "audit".stream_heads (
        service     text    NOT NULL,
        stream_type text    NOT NULL,
        stream_id   text    NOT NULL,
        version     integer NOT NULL,
        hash        text    NOT NULL,
        event_id    text    NOT NULL,
        PRIMARY KEY (service, stream_type, stream_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit".findings (
        id          uuid        PRIMARY KEY,
        rule        text        NOT NULL,
        severity    text        NOT NULL,
        status      text        NOT NULL,
        title       text        NOT NULL,
        stream_ids  text[]      NOT NULL,
        event_ids   text[]      NOT NULL,
        detail      jsonb       NOT NULL,
        detected_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX findings_rule ON "audit".findings (rule, status)`);
    await queryRunner.query(`
      CREATE TABLE "audit".checkpoints (
        id         bigint      PRIMARY KEY,
        created_at timestamptz NOT NULL,
        body       text        NOT NULL,
        signature  text        NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit".checkpoint_logs (
        checkpoint_id bigint NOT NULL REFERENCES "audit".checkpoints (id),
        log           text   NOT NULL,
        size          bigint NOT NULL,
        root          text   NOT NULL,
        PRIMARY KEY (checkpoint_id, log)
      )`);
    await queryRunner.query(`CREATE INDEX checkpoint_logs_size ON "audit".checkpoint_logs (log, size)`);
    await queryRunner.query(`CREATE SEQUENCE "audit".checkpoint_ids`);
    await queryRunner.query(`
      CREATE FUNCTION "audit".refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '审计记录不可修改或删除 (audit records are append-only): %', TG_TABLE_NAME;
      END $$`);
    for (const table of ['entries', 'checkpoints', 'checkpoint_logs']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "audit".${table} FOR EACH ROW EXECUTE FUNCTION "audit".refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "audit".${table} FOR EACH STATEMENT EXECUTE FUNCTION "audit".refuse_change()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit".checkpoint_logs, "audit".checkpoints, "audit".findings, "audit".stream_heads, "audit".entries, "audit".logs`);
    await queryRunner.query(`DROP SEQUENCE "audit".checkpoint_ids`);
    await queryRunner.query(`DROP FUNCTION "audit".refuse_change()`);
  }
}
