import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a service needs to consume other services' topics exactly once in effect: the event ids
 * it has applied, the offsets it has reached (written in the same transaction as the effect),
 * and the events it could not apply (dead letters), kept instead of thrown on.
 */
export function consumerMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class ConsumerTables1732600000000 implements MigrationInterface {
    readonly name = 'ConsumerTables1732600000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE TABLE ${s}.consumed_events (
          consumer    text        NOT NULL,
          event_id    uuid        NOT NULL,
          consumed_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer, event_id)
        )`);
      await queryRunner.query(`
        CREATE TABLE ${s}.consumer_offsets (
          consumer   text        NOT NULL,
          topic      text        NOT NULL,
          partition  integer     NOT NULL,
          "offset"   bigint      NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer, topic, partition)
        )`);
      await queryRunner.query(`
        CREATE TABLE ${s}.dead_letters (
          id         bigserial   PRIMARY KEY,
          consumer   text        NOT NULL,
          topic      text        NOT NULL,
          partition  integer     NOT NULL,
          "offset"   bigint      NOT NULL,
          event_id   text,
          error      text        NOT NULL,
          payload    text        NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now()
        )`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ${s}.dead_letters, ${s}.consumer_offsets, ${s}.consumed_events`);
    }
  };
}
