import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores, type Stores } from '../../data/stores.js';
import type { RateDecision, RateLimit } from '../../useCases/ports.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';

/**
 * The rate limits on both stores: in memory with the embedded store, in PostgreSQL's rate_limits table
 * (made by our migration) with a database, where two separately opened stores (two instances) count together.
 */
const key = new RecordCipher(randomBytes(32));

/**
 * The limits' clock (rate-limiter-flexible reads `Date.now()` and expires its memory records with
 * `setTimeout`) made the test's: jest's fake `Date` and timers, moved on by hand, so a block of seconds
 * passes without seconds of waiting. Sockets, `process.nextTick` and `setImmediate` stay real (pg needs them).
 */
function takeTheClock(): void {
  jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'hrtime', 'performance'] });
}
afterEach(() => {
  jest.useRealTimers();
});

/**
 * Tries every 100 ms of the limits' clock until one is allowed again (the block has ended); each try
 * meanwhile is refused. Resolves with how long the clock moved.
 */
async function untilAllowed(limit: RateLimit, name: string): Promise<number> {
  let moved = 0;
  while (!(await limit.attempt(name)).allowed) {
    if (moved >= 20_000) throw new Error('the block never ended');
    jest.advanceTimersByTime(100);
    moved += 100;
  }
  return moved;
}

async function attempts(limit: RateLimit, name: string, count: number): Promise<RateDecision[]> {
  const decisions: RateDecision[] = [];
  for (let i = 0; i < count; i++) decisions.push(await limit.attempt(name));
  return decisions;
}

function behaves(open: () => Stores) {
  it('allows the points in the window, then refuses, telling only the first refusal as first, each with how long to wait', async () => {
    const one = open();
    const limit = one.rateLimits.window({ name: 'contract-window', points: 3, windowSeconds: 60 });
    const decisions = await attempts(limit, 'visitor', 5);
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions.slice(3).map((decision) => (decision.allowed ? undefined : decision.firstRefusal))).toEqual([true, false]);
    for (const decision of decisions.slice(3)) expect(decision.allowed ? 0 : decision.retryAfterMs).toBeGreaterThan(0);
    // Another key, and another limit on the same key, count apart.
    expect((await limit.attempt('someone else')).allowed).toBe(true);
    expect((await one.rateLimits.window({ name: 'contract-other', points: 1, windowSeconds: 60 }).attempt('visitor')).allowed).toBe(true);
  });

  it('blocks for twice as long each time the attempts run out again (1 s, then 2 s), and refusals during a block do not lengthen it', async () => {
    takeTheClock();
    const one = open();
    const limit = one.rateLimits.growing({ name: 'contract-growing', points: 2, windowSeconds: 600, blockSeconds: 1, maxBlockSeconds: 3 });
    const first = await attempts(limit, 'everyone', 4);
    expect(first.map((decision) => decision.allowed)).toEqual([true, true, false, false]);
    expect(first[2]).toEqual({ allowed: false, retryAfterMs: 1000, firstRefusal: true });
    expect(first[3]).toMatchObject({ allowed: false, firstRefusal: false });
    // Refused through the block (ten tries), allowed once it is over: the refusals did not lengthen it.
    expect(await untilAllowed(limit, 'everyone')).toBe(1000);
    // The attempt that found the block over counted as the first of the new window.
    const second = await attempts(limit, 'everyone', 2);
    expect(second).toEqual([{ allowed: true }, { allowed: false, retryAfterMs: 2000, firstRefusal: true }]);
    expect(await untilAllowed(limit, 'everyone')).toBe(2000);
    await limit.attempt('everyone');
    // The third time would be 4 s: the ceiling holds it at 3.
    expect(await limit.attempt('everyone')).toEqual({ allowed: false, retryAfterMs: 3000, firstRefusal: true });
  });
}

describe('rate limits with the embedded store (memory)', () => {
  let dataDir: string;
  let stores: Stores;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'one-story-limits-'));
    stores = await openStores({ dataDir, cipher: key });
  });
  afterAll(async () => {
    await stores.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  behaves(() => stores);
});

describe('rate limits with PostgreSQL', () => {
  let database: TestDatabase;
  let one: Stores;
  let two: Stores;
  beforeAll(async () => {
    database = await freshDatabase();
    [one, two] = [
      await openStores({ databaseUrl: database.url, dataDir: tmpdir(), cipher: key, poolSize: 3 }),
      await openStores({ databaseUrl: database.url, dataDir: tmpdir(), cipher: key, poolSize: 3 }),
    ];
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
    await database.drop();
  });
  behaves(() => one);

  it('counts across two instances on one database, attempts made at once included', async () => {
    const onOne = one.rateLimits.window({ name: 'contract-shared', points: 10, windowSeconds: 60 });
    const onTwo = two.rateLimits.window({ name: 'contract-shared', points: 10, windowSeconds: 60 });
    const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? onOne : onTwo).attempt('203.0.113.7')));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    expect(decisions.filter((decision) => !decision.allowed && decision.firstRefusal)).toHaveLength(1);
  });

  it('keeps the keys only as keyed hashes, in the table our migration made', async () => {
    await one.rateLimits.window({ name: 'contract-hashed', points: 5, windowSeconds: 60 }).attempt('webchat:+447700900123');
    const client = new pg.Client(database.url);
    await client.connect();
    try {
      const rows = (await client.query<{ key: string }>('SELECT key FROM rate_limits')).rows.map((row) => row.key);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.join('\n')).not.toContain('447700900123');
      expect(rows.join('\n')).not.toContain('203.0.113.7');
      const migrations = (await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version);
      expect(migrations).toContain('0003_rate_limits');
    } finally {
      await client.end();
    }
  });
});
