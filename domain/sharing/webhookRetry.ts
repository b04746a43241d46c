/**
 * When to try a failed webhook delivery again: exponential backoff with jitter, so many agencies'
 * endpoints coming back at once are not all retried in the same instant.
 */

export interface RetryPolicy {
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs: number;
  /** No wait is ever longer than this. */
  maxDelayMs: number;
  /** Attempts in all, the first included; after the last, the delivery is marked failed. */
  maxAttempts: number;
}

/**
 * The wait after `attemptsMade` failed attempts ("equal jitter": half fixed, half random), or null when
 * no attempt is left. `random` returns a number in [0, 1).
 */
export function nextRetryDelayMs(attemptsMade: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  if (attemptsMade >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}
