import type { ServiceRuntime } from '../nest/runtime';
import { ServiceMetrics } from '../observability/metrics';
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

const logger = { error: jest.fn() };

function logWith(append: jest.Mock): SecurityLog {
  return new SecurityLog({ definition: { service: 'seals', title: '' }, store: { append }, logger, metrics: new ServiceMetrics('seals') } as unknown as ServiceRuntime);
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
    const failure = new Error('database down');
    await expect(logWith(jest.fn().mockRejectedValue(failure)).recordDenied(context, { reason: 'AUTH.ROLE_REQUIRED', detail: '', status: 403 })).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith({ err: failure, requestId: 'req-1', correlationId: 'req-1' }, expect.stringContaining('AccessDenied not recorded'));
  });

  it('appends a rule’s refusal as CommandRefused in the refusal stream, with the actor', async () => {
    const append = jest.fn().mockResolvedValue([]);
    const actor = { id: 'u-drafter', name: '张三', roles: ['drafter'] };
    await logWith(append).recordRefused(context, { code: 'SEAL-5', kind: 'invalid', detail: '严禁在空白纸张上用印' }, actor);
    expect(append.mock.calls[0]![0]).toMatchObject({
      streamType: 'commandRefusals',
      streamId: expect.stringMatching(/^refusal-seals-2024-07-01-[0-9a-f-]{36}$/),
      events: [{ type: 'CommandRefused', data: { code: 'SEAL-5', kind: 'invalid', path: '/api/v1/seal-usage-applications', clientAddress: '10.0.0.7' } }],
      metadata: { actor, requestId: 'req-1' },
    });
  });

  it('appends a COMMON-3 probe as HiddenItemProbed in the security log: the item by id and stream type, the answered 404, no title', async () => {
    const append = jest.fn().mockResolvedValue([]);
    const actor = { id: 'u-low', name: '孙阅', roles: ['leader'], clearance: 'mimi' };
    const read = { ...context, method: 'GET', path: '/api/v1/outgoing-documents/doc-1' };
    await logWith(append).recordProbe(read, { itemId: 'doc-1', streamType: 'outgoingDocument', basis: 'clearance' }, actor);
    const [request] = append.mock.calls[0]!;
    expect(request).toMatchObject({
      streamType: 'securityLog',
      streamId: expect.stringMatching(/^security-seals-2024-07-01-[0-9a-f-]{36}$/),
      metadata: { actor, requestId: 'req-1' },
    });
    expect(request.events).toEqual([
      {
        type: 'HiddenItemProbed',
        schemaVersion: 1,
        data: { method: 'GET', path: '/api/v1/outgoing-documents/doc-1', itemId: 'doc-1', streamType: 'outgoingDocument', reason: 'COMMON-3', basis: 'clearance', status: 404, clientAddress: '10.0.0.7' },
      },
    ]);
  });
});
