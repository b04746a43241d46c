import { describe, expect, it } from '@jest/globals';
import { nextRetryDelayMs, type RetryPolicy } from '../../domain/sharing/webhookRetry.js';

const policy: RetryPolicy = { baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 6 };

describe('nextRetryDelayMs', () => {
  it('should double the wait after each failure, with jitter in the upper half', () => {
    expect([1, 2, 3, 4].map((attempts) => nextRetryDelayMs(attempts, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempts) => nextRetryDelayMs(attempts, policy, () => 0.999999))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('should never wait longer than the maximum', () => {
    expect(nextRetryDelayMs(5, policy, () => 0.999999)).toBe(10_000);
    expect(nextRetryDelayMs(5, { ...policy, maxAttempts: 60 }, () => 0.5)).toBe(7500);
    expect(nextRetryDelayMs(40, { ...policy, maxAttempts: 60 }, () => 0.999999)).toBe(10_000);
  });

  it('when the attempts are used up should give up', () => {
    expect(nextRetryDelayMs(6, policy)).toBeNull();
    expect(nextRetryDelayMs(7, policy)).toBeNull();
  });
});
