import type { RateLimits } from '../../data/rateLimits.js';
import type { RateLimit } from '../../useCases/ports.js';
import type { OneStoryConfig } from '../config.js';

export const STAFF_SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** Once an account's attempts run out it waits this long, twice as long each further time that day, up to an hour. */
export const STAFF_SIGN_IN_BLOCK_SECONDS = 5 * 60;
export const STAFF_SIGN_IN_MAX_BLOCK_SECONDS = 60 * 60;

/**
 * Sign-in attempts (README: Rate limits): per account (keyed by the email typed, known or not, and by the
 * account at the code step), with growing waits; per address, in a fixed window. Shared across instances
 * with PostgreSQL.
 */
export function staffSignInLimits(config: OneStoryConfig, limits: RateLimits): { perAccount: RateLimit; perAddress: RateLimit } {
  return {
    perAccount: limits.growing({
      name: 'staff-sign-in-account',
      points: config.STAFF_SIGN_IN_ATTEMPTS_PER_ACCOUNT,
      windowSeconds: STAFF_SIGN_IN_WINDOW_SECONDS,
      blockSeconds: STAFF_SIGN_IN_BLOCK_SECONDS,
      maxBlockSeconds: STAFF_SIGN_IN_MAX_BLOCK_SECONDS,
    }),
    perAddress: limits.window({ name: 'staff-sign-in-address', points: config.STAFF_SIGN_IN_ATTEMPTS_PER_ADDRESS, windowSeconds: STAFF_SIGN_IN_WINDOW_SECONDS }),
  };
}
