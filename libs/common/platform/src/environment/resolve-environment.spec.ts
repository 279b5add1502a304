import { resolveInfrastructure, type Provisioners } from './resolve-environment';

/** Records which provisioner the resolver chose; nothing is started. */
function provisioners(dockerAnswers: boolean) {
  const calls: string[] = [];
  const fake: Provisioners = {
    dockerEngineAnswers: async () => (calls.push('docker?'), dockerAnswers),
    startContainers: async () => (calls.push('containers'), { databaseUrl: 'postgres://container/db', kafkaBrokers: ['container:9093'] }),
    ensureLocalDatabase: async (name) => (calls.push('local-postgres'), `postgres://postgres@127.0.0.1:5432/${name}`),
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

  it('uses testcontainers where a Docker engine answers', async () => {
    const { fake, calls } = provisioners(true);
    expect((await resolveInfrastructure('office', {}, fake)).source).toBe('containers');
    expect(calls).toEqual(['docker?', 'containers']);
  });

  it('falls back to the local PostgreSQL and Kafka processes otherwise, keeping a configured URL', async () => {
    const { fake, calls } = provisioners(false);
    const resolved = await resolveInfrastructure('office', { KAFKA_BROKERS: 'k1:9092' }, fake);
    expect(resolved).toEqual({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/office', kafkaBrokers: ['k1:9092'], source: 'local' });
    expect(calls).toEqual(['docker?', 'local-postgres']);
  });
});
