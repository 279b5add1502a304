import { Command } from 'commander';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { SERVICES, consumerLag, createKafka, relayLag, type SqlRows } from '@oa/platform';
import { CliFailure } from '../conventions';
import { databaseUrl, kafkaBrokers } from '../infrastructure';

/** How long the brokers get to answer before the command says they cannot be reached. */
const KAFKA_ANSWER_MILLIS = 10_000;

/**
 * 转发与消费滞后 (lag): per service, the events its relay has not yet put on Kafka and how long
 * the oldest has waited, and the messages its consumers have still to apply — read from the
 * database and Kafka directly, so it answers while the services are down too.
 */
export const lagCommand = new Command('lag')
  .description('查看各服务转发器与消费者的滞后 (relay and consumer lag of every service)')
  .action(async () => {
    const client = new Client({ connectionString: await databaseUrl() });
    await client.connect();
    const brokers = await kafkaBrokers();
    const kafka = createKafka(brokers, 'oa-cli-lag', { retry: { retries: 1 }, connectionTimeout: 3000 });
    await reachable(kafka, brokers).catch(async (error: unknown) => {
      await client.end();
      throw error;
    });
    const rows: SqlRows = async (sql, parameters) => (await client.query(sql, parameters)).rows;
    try {
      const present = new Set(
        (await client.query<{ schema: string }>(`SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'events' AND table_schema = ANY($1)`, [[...SERVICES]])).rows.map((row) => row.schema),
      );
      console.log(`${'服务 (service)'.padEnd(16)}${'待转发事件'.padStart(8)}${'最久等待(秒)'.padStart(10)}${'待消费消息'.padStart(8)}`);
      for (const service of SERVICES.filter((name) => present.has(name))) {
        const relay = await relayLag(rows, service, `relay:${service}`);
        // a lag that cannot be read is no lag of zero: the command fails rather than say so
        const consumers = await consumerLag(rows, kafka, service).catch((error: unknown) => {
          throw new CliFailure('KAFKA.UNREACHABLE', `无法读取 ${service} 的消费位点对应的 Kafka 偏移量：${error instanceof Error ? error.message : String(error)}`);
        });
        const behind = consumers.reduce((sum, lag) => sum + lag.messages, 0);
        console.log(`${service.padEnd(16)}${String(relay.events).padStart(12)}${relay.seconds.toFixed(1).padStart(14)}${String(behind).padStart(12)}`);
      }
    } finally {
      await client.end();
    }
  });

/** The brokers answer (metadata within KAFKA_ANSWER_MILLIS), or the command fails with KAFKA.UNREACHABLE. */
async function reachable(kafka: Kafka, brokers: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${KAFKA_ANSWER_MILLIS / 1000} 秒内无应答`)), KAFKA_ANSWER_MILLIS)));
    await Promise.race([admin.connect().then(() => admin.listTopics()), timeout]);
  } catch (error) {
    throw new CliFailure('KAFKA.UNREACHABLE', `无法连接 Kafka ${brokers.join(',')}（${error instanceof Error ? error.message : String(error)}）：请检查 KAFKA_BROKERS，或先 npm start`);
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
