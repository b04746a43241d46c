import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateDecision, RateLimit } from '../useCases/ports.js';
import type { Pool } from './postgres/pool.js';

/**
 * Rate limits on rate-limiter-flexible: in this process's memory with the embedded store (one process
 * serves a data folder), in PostgreSQL's `rate_limits` table (data/postgres/migrations/0003_rate_limits.sql)
 * when there is a database, so every instance counts in the same place. Keys are stored as keyed hashes.
 */

export interface WindowLimitSpec {
  /** Names the limit (its keys' prefix): each limit counts apart. */
  name: string;
  /** Attempts allowed per key in a window. */
  points: number;
  windowSeconds: number;
}

export interface GrowingLimitSpec extends WindowLimitSpec {
  /** The first time the window's attempts run out, the key is refused for this long … */
  blockSeconds: number;
  /** … and each further time within a day, twice as long as the time before, up to this. */
  maxBlockSeconds: number;
}

export interface RateLimits {
  /** A fixed window from a key's first attempt: `points` attempts, then refusals until the window ends. */
  window(spec: WindowLimitSpec): RateLimit;
  /** As `window`, but going over blocks the key for a time that doubles each time it happens within a day. */
  growing(spec: GrowingLimitSpec): RateLimit;
}

/** How long a limit remembers how often its attempts ran out (the growing delays start again after it). */
const ESCALATION_MEMORY_SECONDS = 24 * 60 * 60;
/** PostgreSQL's table (created by our migration, not by the library). */
const TABLE = 'rate_limits';

type LimiterOptions = { keyPrefix: string; points: number; duration: number };

/** Limits kept in this process's memory (the embedded store). */
export function memoryRateLimits(hashKey: (key: string) => string): RateLimits {
  return rateLimits((options) => new RateLimiterMemory(options), hashKey);
}

/**
 * Limits kept in PostgreSQL, shared by every instance on the database. Should the database fail for a
 * moment, each instance counts in its own memory meanwhile (the library's insurance limiter), so a limit
 * still holds per instance and requests are neither refused nor left unlimited because of it.
 */
export function postgresRateLimits(pool: Pool, hashKey: (key: string) => string): RateLimits {
  // Every limit shares the table; one of them is enough to delete its expired rows now and then.
  let sweeper = true;
  return rateLimits((options) => {
    const limiter = new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      clearExpiredByTimeout: sweeper,
      insuranceLimiter: new RateLimiterMemory(options),
    });
    sweeper = false;
    return limiter;
  }, hashKey);
}

function rateLimits(create: (options: LimiterOptions) => RateLimiterAbstract, hashKey: (key: string) => string): RateLimits {
  return {
    window: (spec) => new WindowLimit(create({ keyPrefix: spec.name, points: spec.points, duration: spec.windowSeconds }), hashKey),
    growing: (spec) =>
      new GrowingLimit(
        create({ keyPrefix: spec.name, points: spec.points, duration: spec.windowSeconds }),
        // Counts how many times the attempts ran out, for a day: the block doubles each time.
        create({ keyPrefix: `${spec.name}-blocks`, points: Number.MAX_SAFE_INTEGER, duration: ESCALATION_MEMORY_SECONDS }),
        spec,
        hashKey,
      ),
  };
}

class WindowLimit implements RateLimit {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly hashKey: (key: string) => string,
  ) {}

  async attempt(key: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(this.hashKey(key));
      return { allowed: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterMs: refusal.msBeforeNext, firstRefusal: refusal.consumedPoints === this.limiter.points + 1 };
    }
  }
}

/**
 * rate-limiter-flexible's pattern for brute-force protection with growing blocks: one limiter counts the
 * attempts, a second counts how often they ran out; each time they do, the first blocks the key for
 * `blockSeconds × 2^(times − 1)`, at most `maxBlockSeconds`. Only the attempt that goes over counts as a
 * time (attempts refused during a block neither lengthen it nor count again), and the store's atomic
 * increment makes that one attempt across every instance.
 */
class GrowingLimit implements RateLimit {
  constructor(
    private readonly attempts: RateLimiterAbstract,
    private readonly timesOver: RateLimiterAbstract,
    private readonly spec: GrowingLimitSpec,
    private readonly hashKey: (key: string) => string,
  ) {}

  async attempt(key: string): Promise<RateDecision> {
    const hashed = this.hashKey(key);
    try {
      await this.attempts.consume(hashed);
      return { allowed: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      if (refusal.consumedPoints !== this.attempts.points + 1) {
        return { allowed: false, retryAfterMs: refusal.msBeforeNext, firstRefusal: false };
      }
      const times = (await this.timesOver.consume(hashed)).consumedPoints;
      const blockSeconds = Math.min(this.spec.maxBlockSeconds, this.spec.blockSeconds * 2 ** Math.min(times - 1, 30));
      await this.attempts.block(hashed, blockSeconds);
      return { allowed: false, retryAfterMs: blockSeconds * 1000, firstRefusal: true };
    }
  }
}
