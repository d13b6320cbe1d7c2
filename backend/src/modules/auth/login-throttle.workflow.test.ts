import { ACCOUNT_POLICY, IP_POLICY, delayAfter, retryAfterSeconds, type ThrottlePolicy } from './login-throttle.workflow';

const policy: ThrottlePolicy = { freeAttempts: 3, baseDelaySeconds: 5, maxDelaySeconds: 60, windowSeconds: 600 };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('delayAfter', () => {
  test.each([
    [0, 0],
    [2, 0],
    [3, 5],
    [4, 10],
    [5, 20],
    [6, 40],
    [7, 60],
    [500, 60],
  ])('%i failures → %i s', (failures, delay) => {
    expect(delayAfter(failures, policy)).toBe(delay);
  });

  test('the shipped policies stay within their caps', () => {
    expect(delayAfter(10_000, ACCOUNT_POLICY)).toBe(ACCOUNT_POLICY.maxDelaySeconds);
    expect(delayAfter(10_000, IP_POLICY)).toBe(IP_POLICY.maxDelaySeconds);
    expect(ACCOUNT_POLICY.freeAttempts).toBeLessThan(IP_POLICY.freeAttempts);
  });
});

describe('retryAfterSeconds', () => {
  test('free attempts cost nothing', () => {
    expect(retryAfterSeconds([at(0), at(1)], at(1), policy)).toBe(0);
  });

  test('counts from the latest failure, in any order, rounding up', () => {
    const failures = [at(10), at(0), at(5)];
    expect(retryAfterSeconds(failures, at(10), policy)).toBe(5);
    expect(retryAfterSeconds(failures, new Date(at(12).getTime() + 1), policy)).toBe(3);
    expect(retryAfterSeconds(failures, at(15), policy)).toBe(0);
  });

  test('failures outside the window are forgotten', () => {
    const failures = [at(0), at(1), at(2)];
    expect(retryAfterSeconds(failures, at(2), policy)).toBe(5);
    expect(retryAfterSeconds([...failures, at(3)], new Date(at(0).getTime() + 600_500), policy)).toBe(0);
  });
});
