import { Command } from 'commander';
import { Client } from 'pg';
import { SERVICES, consumerLag, createKafka, relayLag, resolveInfrastructure, type SqlRows } from '@oa/platform';

/**
 * 转发与消费滞后 (lag): per service, the events its relay has not yet put on Kafka and how long
 * the oldest has waited, and the messages its consumers have still to apply — read from the
 * database and Kafka directly, so it answers while the services are down too.
 */
export const lagCommand = new Command('lag')
  .description('查看各服务转发器与消费者的滞后 (relay and consumer lag of every service)')
  .action(async () => {
    const { databaseUrl, kafkaBrokers } = await resolveInfrastructure(process.env['OA_DATABASE_NAME'] ?? 'office');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const kafka = createKafka(kafkaBrokers, 'oa-cli-lag');
    const rows: SqlRows = async (sql, parameters) => (await client.query(sql, parameters)).rows;
    try {
      const present = new Set(
        (await client.query<{ schema: string }>(`SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'events' AND table_schema = ANY($1)`, [[...SERVICES]])).rows.map((row) => row.schema),
      );
      console.log(`${'服务 (service)'.padEnd(16)}${'待转发事件'.padStart(8)}${'最久等待(秒)'.padStart(10)}${'待消费消息'.padStart(8)}`);
      for (const service of SERVICES.filter((name) => present.has(name))) {
        const relay = await relayLag(rows, service, `relay:${service}`);
        const consumers = await consumerLag(rows, kafka, service).catch(() => []);
        const behind = consumers.reduce((sum, lag) => sum + lag.messages, 0);
        console.log(`${service.padEnd(16)}${String(relay.events).padStart(12)}${relay.seconds.toFixed(1).padStart(14)}${String(behind).padStart(12)}`);
      }
    } finally {
      await client.end();
    }
  });
