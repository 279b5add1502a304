import './register-paths';

/** Drops the run's database and deletes its topics, so repeated runs do not pile up data. */
export default async function globalTeardown(): Promise<void> {
  const { createKafka, dropLocalDatabase } = await import('@oa/platform');
  const databaseName = process.env['OA_TEST_DATABASE'];
  const prefix = process.env['KAFKA_TOPIC_PREFIX'];
  const brokers = process.env['KAFKA_BROKERS'];
  if (databaseName && !process.env['OA_KEEP_TEST_DATA']) await dropLocalDatabase(databaseName);
  if (brokers && prefix && !process.env['OA_KEEP_TEST_DATA']) {
    const admin = createKafka(brokers.split(','), 'test-teardown').admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
  }
}
