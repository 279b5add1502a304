import { resolveInfrastructure, type Provisioners } from './resolve-environment';

/** Records which provisioner the resolver chose; nothing is started. */
function provisioners(dockerAnswers: boolean) {
  const calls: string[] = [];
  const fake: Provisioners = {
    dockerEngineAnswers: async () => (calls.push('docker?'), dockerAnswers),
    startContainers: async () => (calls.push('containers'), { databaseUrl: 'postgres://container/db', kafkaBrokers: ['container:9093'] }),
    localServiceDatabase: async (name: string) => (
      calls.push('local-postgres'), { databaseUrl: `postgres://oa_{service}@127.0.0.1:5432/${name}`, databaseOwnerUrl: `postgres://oa_owner@127.0.0.1:5432/${name}` }
    ),
    ensureLocalKafka: async () => (calls.push('local-kafka'), ['127.0.0.1:9092']),
  };
  return { fake, calls };
}

describe('resolveInfrastructure', () => {
  it('takes DATABASE_URL and KAFKA_BROKERS when both are set, and starts nothing', async () => {
    const { fake, calls } = provisioners(true);
    const resolved = await resolveInfrastructure('office', { DATABASE_URL: 'postgres://db/office', KAFKA_BROKERS: 'k1:9092, k2:9092' }, fake);
    expect(resolved).toEqual({ databaseUrl: 'postgres://db/office', kafkaBrokers: ['k1:9092', 'k2:9092'], source: 'environment' });
    expect(calls).toEqual([]);
  });

  it('migrates as the owner only when DATABASE_OWNER_URL says who that is', async () => {
    const { fake } = provisioners(false);
    const env = { DATABASE_URL: 'postgres://oa_{service}@db/office', DATABASE_OWNER_URL: 'postgres://oa_owner@db/office', KAFKA_BROKERS: 'k1:9092' };
    expect(await resolveInfrastructure('office', env, fake)).toMatchObject({ databaseUrl: env.DATABASE_URL, databaseOwnerUrl: env.DATABASE_OWNER_URL });
    expect(await resolveInfrastructure('office', { ...env, DATABASE_OWNER_URL: undefined }, fake)).not.toHaveProperty('databaseOwnerUrl');
  });

  it('uses testcontainers where a Docker engine answers', async () => {
    const { fake, calls } = provisioners(true);
    expect((await resolveInfrastructure('office', {}, fake)).source).toBe('containers');
    expect(calls).toEqual(['docker?', 'containers']);
  });

  it('falls back to the local PostgreSQL and Kafka processes otherwise, keeping a configured URL', async () => {
    const { fake, calls } = provisioners(false);
    const resolved = await resolveInfrastructure('office', { KAFKA_BROKERS: 'k1:9092' }, fake);
    // the local database: each service as its own runtime role, the owner migrating
    expect(resolved).toEqual({
      databaseUrl: 'postgres://oa_{service}@127.0.0.1:5432/office',
      databaseOwnerUrl: 'postgres://oa_owner@127.0.0.1:5432/office',
      kafkaBrokers: ['k1:9092'],
      source: 'local',
    });
    expect(calls).toEqual(['docker?', 'local-postgres']);
  });
});
