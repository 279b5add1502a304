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

  it.each(['https://idp.example.gov.cn/.well-known/jwks.json', 'http://127.0.0.1:8080/jwks', 'http://localhost/jwks', 'http://[::1]:9000/jwks'])('takes JWT_JWKS_URL=%s (https, or http on loopback only)', (url) => {
    expect(validateEnvironment(ServiceEnvironment, { ...valid, JWT_JWKS_URL: url }).JWT_JWKS_URL).toBe(url);
  });

  it.each(['http://idp.example.gov.cn/jwks', 'http://10.0.0.5/jwks', 'ftp://127.0.0.1/jwks', 'https://user:secret@idp.example/jwks', 'jwks.json'])('refuses JWT_JWKS_URL=%s without echoing it', (url) => {
    const attempt = () => validateEnvironment(ServiceEnvironment, { ...valid, JWT_JWKS_URL: url });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/JWT_JWKS_URL=\*\*\*: 必须是 https:\/\/ 地址（http:\/\/ 仅限本机回环地址/);
  });

  it('in production, takes a JWKS URL instead of JWT_SECRET, but only with JWT_ISSUER and JWT_AUDIENCE', () => {
    const production = { NODE_ENV: 'production', EVENT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\\nx\\n-----END PRIVATE KEY-----' };
    expect(() => validateEnvironment(ServiceEnvironment, production)).toThrow(/JWT_SECRET=\*\*\*: .*必须配置 JWT_SECRET（至少 32 个字符）、JWT_PUBLIC_KEY 或 JWT_JWKS_URL/);
    const jwks = { ...production, JWT_JWKS_URL: 'https://idp.example/jwks' };
    expect(() => validateEnvironment(ServiceEnvironment, jwks)).toThrow(/CONFIG\.INVALID[\s\S]*JWT_ISSUER=undefined[\s\S]*JWT_AUDIENCE=undefined/);
    expect(validateEnvironment(ServiceEnvironment, { ...jwks, JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'oa' })).toMatchObject({ JWT_AUDIENCE: 'oa' });
    // outside production the provider's issuer and audience stay optional
    expect(validateEnvironment(ServiceEnvironment, { JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).JWT_SECRET).toBeUndefined();
  });

  it('takes the key set cache (1 s to a day) and cooldown (0 to an hour) in seconds', () => {
    expect(validateEnvironment(ServiceEnvironment, { ...valid, JWT_JWKS_CACHE_SECONDS: '300', JWT_JWKS_COOLDOWN_SECONDS: '0' })).toMatchObject({ JWT_JWKS_CACHE_SECONDS: 300, JWT_JWKS_COOLDOWN_SECONDS: 0 });
    expect(() => validateEnvironment(ServiceEnvironment, { ...valid, JWT_JWKS_CACHE_SECONDS: '0' })).toThrow(/JWT_JWKS_CACHE_SECONDS=/);
    expect(() => validateEnvironment(ServiceEnvironment, { ...valid, JWT_JWKS_COOLDOWN_SECONDS: '3601' })).toThrow(/JWT_JWKS_COOLDOWN_SECONDS=/);
  });
});
