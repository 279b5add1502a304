/** The names one test run owns, so parallel or repeated runs never see each other's data. */
export interface TestRun {
  readonly databaseName: string;
  /** The run's database as the superuser: the test's own hand (setting up, reading, tampering), never a service's. */
  readonly databaseUrl: string;
  /** The run's database as the owner role, which the tools (`oa`) work as. */
  readonly databaseOwnerUrl: string;
  readonly kafkaBrokers: string[];
  readonly topicPrefix: string;
}

export function testRun(): TestRun {
  const databaseUrl = process.env['OA_TEST_DATABASE_URL'];
  const databaseOwnerUrl = process.env['DATABASE_OWNER_URL'];
  const brokers = process.env['KAFKA_BROKERS'];
  const topicPrefix = process.env['KAFKA_TOPIC_PREFIX'];
  const databaseName = process.env['OA_TEST_DATABASE'];
  if (!databaseUrl || !databaseOwnerUrl || !brokers || topicPrefix === undefined || !databaseName) {
    throw new Error('integration tests run through the Jest global setup (npm test), which provisions PostgreSQL and Kafka');
  }
  return { databaseName, databaseUrl, databaseOwnerUrl, kafkaBrokers: brokers.split(','), topicPrefix };
}

/** A fresh schema name per test file, inside the run's database. */
export function uniqueName(label: string): string {
  return `${label}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toLowerCase();
}
