import { loadConfig } from '../config';
import { FixedWindowLimiter } from './rate-limit';

describe('FixedWindowLimiter', () => {
  test('limit per key per window; Retry-After counts to the end of the window', () => {
    const l = new FixedWindowLimiter(2, 60);
    const at = (s: string) => new Date(`2026-01-01T00:${s}Z`);
    expect(l.take('a', at('00:05'))).toEqual({ ok: true, remaining: 1 });
    expect(l.take('a', at('00:06'))).toEqual({ ok: true, remaining: 0 });
    expect(l.take('a', at('00:10'))).toEqual({ ok: false, retryAfterSeconds: 50 });
    expect(l.take('b', at('00:10'))).toEqual({ ok: true, remaining: 1 });
    expect(l.take('a', at('00:59.5'))).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(l.take('a', at('01:00'))).toEqual({ ok: true, remaining: 1 });
  });
});

describe('rate limit configuration', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp' };
  test('defaults: 1,200 requests per user per minute on one instance', () => {
    const c = loadConfig(base);
    expect([c.RATE_LIMIT_USER_REQUESTS, c.RATE_LIMIT_WINDOW_SECONDS, c.API_INSTANCES]).toEqual([1200, 60, 1]);
  });
  test('bad values are named', () => {
    expect(() => loadConfig({ ...base, RATE_LIMIT_USER_REQUESTS: '-1', API_INSTANCES: '0' })).toThrow(/RATE_LIMIT_USER_REQUESTS[\s\S]*API_INSTANCES|API_INSTANCES[\s\S]*RATE_LIMIT_USER_REQUESTS/);
  });
});
