import { ConfigurationError, ServiceEnvironment, validateEnvironment } from './service-config';

const valid = { JWT_SECRET: 'x'.repeat(32) };

describe('service configuration', () => {
  it('takes HEAP_GROWING_PERCENT as a whole number from 0 (V8 decides) to 1000, and leaves it unset by default', () => {
    expect(validateEnvironment(ServiceEnvironment, valid).HEAP_GROWING_PERCENT).toBeUndefined();
    expect(validateEnvironment(ServiceEnvironment, { ...valid, HEAP_GROWING_PERCENT: '0' }).HEAP_GROWING_PERCENT).toBe(0);
    expect(validateEnvironment(ServiceEnvironment, { ...valid, HEAP_GROWING_PERCENT: '300' }).HEAP_GROWING_PERCENT).toBe(300);
  });

  it.each(['-1', '2.5', '1001', 'lots'])('refuses HEAP_GROWING_PERCENT=%s, naming the variable', (value) => {
    const attempt = () => validateEnvironment(ServiceEnvironment, { ...valid, HEAP_GROWING_PERCENT: value });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/HEAP_GROWING_PERCENT=/);
  });
});
