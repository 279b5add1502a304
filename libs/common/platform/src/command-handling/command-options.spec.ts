import { newId } from './command-options';

describe('server ids', () => {
  it('are derived from actor and Idempotency-Key, so a retried create builds the same command', () => {
    const id = newId('u-1', { idempotencyKey: 'k-1' }, 'RegisterSeal');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newId('u-1', { idempotencyKey: 'k-1' }, 'RegisterSeal')).toBe(id);
    expect(newId('u-2', { idempotencyKey: 'k-1' }, 'RegisterSeal')).not.toBe(id);
    expect(newId('u-1', {}, 'RegisterSeal')).not.toBe(newId('u-1', {}, 'RegisterSeal'));
  });

  it('are time-ordered UUIDv7 without a key, so new streams land at the right edge of the stream index', () => {
    const ids = Array.from({ length: 50 }, () => newId('u-1', {}, 'RegisterSeal'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});
