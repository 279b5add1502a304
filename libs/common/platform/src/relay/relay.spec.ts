import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { OutboxRelay } from './relay';

describe('OutboxRelay: taking the publishing lock', () => {
  it('gives the lock back when the checkpoint row cannot be written, and writes it on the next round', async () => {
    const lockClient = { query: jest.fn().mockResolvedValue({ rows: [{ locked: true }] }), release: jest.fn(), on: jest.fn(), removeListener: jest.fn() };
    const query = jest.fn().mockRejectedValueOnce(new Error('sorry, too many clients already')).mockResolvedValue([]);
    const dataSource = { driver: { master: { connect: async () => lockClient } }, query } as unknown as DataSource;
    const relay = new OutboxRelay(dataSource, {} as Kafka, { schema: 'seals', topic: 'oa.seals.events', topicSettings: { partitions: 1, replicationFactor: 1 } });
    const holdLock = () => (relay as unknown as { holdLock(): Promise<boolean> }).holdLock();

    await expect(holdLock()).rejects.toThrow('too many clients');
    expect(lockClient.query).toHaveBeenLastCalledWith('SELECT pg_advisory_unlock(hashtext($1))', ['relay:seals']);
    // closed, not pooled (a pooled session would keep the lock if the unlock failed), and without the relay's listener
    expect(lockClient.release).toHaveBeenCalledTimes(1);
    expect(lockClient.release).toHaveBeenCalledWith(true);
    expect(lockClient.removeListener).toHaveBeenCalledWith('error', expect.any(Function));
    expect(relay.getStatus().active).toBe(false);

    await expect(holdLock()).resolves.toBe(true);
    expect(query).toHaveBeenCalledTimes(2);
    expect(query.mock.calls[1]![0]).toContain('relay_checkpoints');
    expect(relay.getStatus().active).toBe(true);
  });
});
