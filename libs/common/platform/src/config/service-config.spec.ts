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

  it('takes DATABASE_POOL_SIZE from 2 (the relay holds one connection) to 1000, and leaves it unset by default', () => {
    expect(validateEnvironment(ServiceEnvironment, valid).DATABASE_POOL_SIZE).toBeUndefined();
    expect(validateEnvironment(ServiceEnvironment, { ...valid, DATABASE_POOL_SIZE: '2' }).DATABASE_POOL_SIZE).toBe(2);
    expect(validateEnvironment(ServiceEnvironment, { ...valid, DATABASE_POOL_SIZE: '40' }).DATABASE_POOL_SIZE).toBe(40);
  });

  it.each(['1', '0', '8.5', '1001', 'many'])('refuses DATABASE_POOL_SIZE=%s, naming the variable', (value) => {
    const attempt = () => validateEnvironment(ServiceEnvironment, { ...valid, DATABASE_POOL_SIZE: value });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/DATABASE_POOL_SIZE=/);
  });
});
