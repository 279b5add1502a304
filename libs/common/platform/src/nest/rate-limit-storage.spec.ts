import { CountingThrottlerStorage } from './rate-limit-storage';

const MINUTE = 60_000;

describe('the rate limit storage', () => {
  it('counts a client’s requests in the window and says when the window ends', async () => {
    const storage = new CountingThrottlerStorage();
    const answers = [];
    for (let request = 0; request < 3; request++) answers.push(await storage.increment('10.0.0.1', MINUTE, 3, MINUTE, 'default'));
    expect(answers.map((answer) => [answer.totalHits, answer.isBlocked, answer.timeToBlockExpire])).toEqual([
      [1, false, 0],
      [2, false, 0],
      [3, false, 0],
    ]);
    // seconds left, rounded up: 60 unless the machine took a second over these three
    for (const answer of answers) expect([59, 60]).toContain(answer.timeToExpire);
  });

  it('refuses the request past the limit and keeps the client out for the block duration', async () => {
    const storage = new CountingThrottlerStorage();
    for (let request = 0; request < 2; request++) await storage.increment('10.0.0.1', MINUTE, 2, 5 * MINUTE, 'default');
    const refused = await storage.increment('10.0.0.1', MINUTE, 2, 5 * MINUTE, 'default');
    expect(refused).toMatchObject({ totalHits: 3, isBlocked: true });
    // Retry-After: the block, not the rest of the window
    expect(refused.timeToBlockExpire).toBe(300);
    expect((await storage.increment('10.0.0.1', MINUTE, 2, 5 * MINUTE, 'default')).isBlocked).toBe(true);
  });

  it('counts clients apart, and throttlers with other settings apart', async () => {
    const storage = new CountingThrottlerStorage();
    await storage.increment('10.0.0.1', MINUTE, 1, MINUTE, 'default');
    expect((await storage.increment('10.0.0.1', MINUTE, 1, MINUTE, 'default')).isBlocked).toBe(true);
    expect((await storage.increment('10.0.0.2', MINUTE, 1, MINUTE, 'default')).isBlocked).toBe(false);
    expect((await storage.increment('10.0.0.1', MINUTE, 1, MINUTE, 'login')).isBlocked).toBe(false);
    expect((await storage.increment('10.0.0.1', MINUTE, 5, MINUTE, 'default')).totalHits).toBe(1);
  });

  it('lets the client in again once the window and the block have passed', async () => {
    const storage = new CountingThrottlerStorage();
    await storage.increment('10.0.0.1', 200, 1, 200, 'default');
    expect((await storage.increment('10.0.0.1', 200, 1, 200, 'default')).isBlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await storage.increment('10.0.0.1', 200, 1, 200, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  // the library's own storage copies the list of a window's hits per request: this took minutes there
  it('counts 100,001 requests of one client in a minute', async () => {
    const storage = new CountingThrottlerStorage();
    for (let request = 0; request < 100_000; request++) await storage.increment('10.0.0.1', MINUTE, 200_000, MINUTE, 'default');
    const answer = await storage.increment('10.0.0.1', MINUTE, 200_000, MINUTE, 'default');
    expect(answer).toMatchObject({ totalHits: 100_001, isBlocked: false });
    // still the first window (a loaded machine may take some seconds over the 100,000)
    expect(answer.timeToExpire).toBeGreaterThan(0);
    expect(answer.timeToExpire).toBeLessThanOrEqual(60);
  });
});
