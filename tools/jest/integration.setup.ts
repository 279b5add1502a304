// Integration tests talk to a real PostgreSQL and a real Kafka broker: allow for broker rebalances.
jest.setTimeout(120_000);
