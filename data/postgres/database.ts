import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryResultRow } from 'pg';
import type { Coordination } from '../../useCases/ports.js';
import type { Pool, PoolClient } from './pool.js';

interface Held {
  client: PoolClient;
  inTransaction: boolean;
  /**
   * The work this connection was held for has finished. Timers and callbacks started inside it keep its
   * async context (a webhook worker kicked from inside a share): they must not use a connection that is
   * back in the pool, so once done they go to the pool like any other query.
   */
  done: boolean;
}

/** How many times a transaction PostgreSQL stopped (deadlock, serialisation) is run. */
const RETRIES = 5;

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * The database as the stores use it. Work can be bound to one connection (a turn holds the person's lock on
 * it) and made atomic (`atomically`: one transaction, joined by every query made inside it, whatever the
 * store). Outside both, each query takes any connection from the pool.
 */
export class Database implements Coordination {
  private readonly held = new AsyncLocalStorage<Held>();

  constructor(readonly pool: Pool) {}

  private current(): Held | undefined {
    const held = this.held.getStore();
    return held && !held.done ? held : undefined;
  }

  async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    const held = this.current();
    const result = held ? await held.client.query<R>(sql, params) : await this.pool.query<R>(sql, params);
    return result.rows;
  }

  /**
   * Runs `work` in one transaction; nested calls join the outer one. Two transactions that each wait for
   * the other (PostgreSQL detects it and stops one) are not an error the person should see: the stopped one
   * is rolled back whole and run again, a few times.
   */
  async atomically<T>(work: () => Promise<T>, options: { first?: readonly string[] } = {}): Promise<T> {
    const held = this.current();
    const first = [...(options.first ?? [])].sort();
    const locked = async () => {
      for (const name of first) await this.lockForTransaction(name);
      return work();
    };
    if (held?.inTransaction) return locked();
    for (let attempt = 1; ; attempt++) {
      try {
        return held ? await this.inTransaction(held.client, locked) : await this.onPooledClient((client) => this.inTransaction(client, locked));
      } catch (error) {
        if (attempt >= RETRIES || !isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  /** A named lock held until the current transaction ends (on every instance). */
  async lockForTransaction(name: string): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7043))', [name]);
  }

  private async onPooledClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  /**
   * Runs `work` holding a session-level advisory lock on `key`, on one connection that every query inside
   * uses: across every instance, work on the same key runs one at a time.
   */
  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const held = this.current();
    // Already on a connection (a turn shares): lock on that one (advisory locks nest per connection), so a
    // turn never waits for a second connection while holding its first.
    if (held) return lockedOn(held.client, key, work);
    const client = await this.pool.connect();
    const holding: Held = { client, inTransaction: false, done: false };
    let stuck = false;
    try {
      return await lockedOn(client, key, () => this.held.run(holding, work), () => (stuck = true));
    } finally {
      holding.done = true;
      // A connection whose lock could not be released is closed, which releases it.
      client.release(stuck);
    }
  }

  /**
   * Runs `work` holding a session-level advisory lock on `name`, unless any instance holds it: then answers
   * undefined at once (for work one instance at a time is enough, like the retention sweep).
   */
  async ifNotLocked<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    const client = await this.pool.connect();
    let stuck = false;
    try {
      const [{ locked }] = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 7044)) AS locked', [name])).rows;
      if (!locked) return undefined;
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 7044))', [name]).catch(() => (stuck = true));
      }
    } finally {
      client.release(stuck);
    }
  }

  private async inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
    await client.query('BEGIN');
    const holding: Held = { client, inTransaction: true, done: false };
    try {
      const result = await this.held.run(holding, work);
      holding.done = true;
      await client.query('COMMIT');
      return result;
    } catch (error) {
      holding.done = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Runs `work` holding a session-level advisory lock on `key` taken on `client`. If the lock cannot be
 * released, `onStuck` is told (the caller then closes the connection); without it, that is an error.
 */
async function lockedOn<T>(client: PoolClient, key: string, work: () => Promise<T>, onStuck?: () => void): Promise<T> {
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 7041))', [key]);
  try {
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 7041))', [key]).catch((error: unknown) => {
      if (!onStuck) throw error;
      onStuck();
    });
  }
}
