import type { ServiceRuntime } from '../nest/runtime';
import { SecurityLog } from './security-log';
import type { RequestContext } from './request-context';

const context: RequestContext = {
  requestId: 'req-1',
  correlationId: 'req-1',
  clientAddress: '10.0.0.7',
  receivedAt: '2024-07-01T08:00:00.000Z',
  method: 'POST',
  path: '/api/v1/seal-usage-applications',
};

function logWith(append: jest.Mock): SecurityLog {
  return new SecurityLog({ definition: { service: 'seals', title: '' }, store: { append } } as unknown as ServiceRuntime);
}

describe('SecurityLog', () => {
  it('appends an AccessDenied event to a stream of its own, so concurrent denials never conflict', async () => {
    const append = jest.fn().mockResolvedValue([]);
    await logWith(append).recordDenied(context, { reason: 'AUTH.TOKEN_INVALID', detail: '令牌无效', status: 401, claimedSubject: 'u-boss' });
    await logWith(append).recordDenied(context, { reason: 'AUTH.TOKEN_INVALID', detail: '令牌无效', status: 401 });
    const [first, second] = append.mock.calls.map(([request]) => request);
    expect(first).toMatchObject({
      streamType: 'securityLog',
      streamId: expect.stringMatching(/^security-seals-2024-07-01-[0-9a-f-]{36}$/),
      expected: { version: 0 },
      recordedAt: '2024-07-01T08:00:00.000Z',
      events: [{ type: 'AccessDenied', data: { method: 'POST', path: '/api/v1/seal-usage-applications', reason: 'AUTH.TOKEN_INVALID', status: 401, clientAddress: '10.0.0.7', claimedSubject: 'u-boss' } }],
      metadata: { actor: { id: 'unauthenticated' }, requestId: 'req-1', clientAddress: '10.0.0.7' },
    });
    expect(second.streamId).not.toBe(first.streamId);
  });

  it('keeps the refusal a refusal when the store fails: it logs and returns', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(logWith(jest.fn().mockRejectedValue(new Error('database down'))).recordDenied(context, { reason: 'AUTH.ROLE_REQUIRED', detail: '', status: 403 })).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('AccessDenied not recorded'), 'database down');
    error.mockRestore();
  });
});
