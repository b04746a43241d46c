import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryResultRow } from 'pg';
import type { Coordination } from '../../useCases/ports.js';
import type { Pool, PoolClient } from './pool.js';

interface Held {
  client: PoolClient;
  inTransaction: boolean;
}

/**
 * The database as the stores use it. Work can be bound to one connection (a turn holds the person's lock on
 * it) and made atomic (`atomically`: one transaction, joined by every query made inside it, whatever the
 * store). Outside both, each query takes any connection from the pool.
 */
export class Database implements Coordination {
  private readonly held = new AsyncLocalStorage<Held>();

  constructor(readonly pool: Pool) {}

  async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    const held = this.held.getStore();
    const result = held ? await held.client.query<R>(sql, params) : await this.pool.query<R>(sql, params);
    return result.rows;
  }

  /** Runs `work` in one transaction; nested calls join the outer one. */
  async atomically<T>(work: () => Promise<T>): Promise<T> {
    const held = this.held.getStore();
    if (held?.inTransaction) return work();
    if (held) return this.inTransaction(held.client, work);
    const client = await this.pool.connect();
    try {
      return await this.inTransaction(client, work);
    } finally {
      client.release();
    }
  }

  /**
   * Runs `work` holding a session-level advisory lock on `key`, on one connection that every query inside
   * uses: across every instance, work on the same key runs one at a time.
   */
  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const held = this.held.getStore();
    // Already on a connection (a turn shares): lock on that one (advisory locks nest per connection), so a
    // turn never waits for a second connection while holding its first.
    if (held) {
      await held.client.query('SELECT pg_advisory_lock(hashtextextended($1, 7041))', [key]);
      try {
        return await work();
      } finally {
        await held.client.query('SELECT pg_advisory_unlock(hashtextextended($1, 7041))', [key]);
      }
    }
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 7041))', [key]);
      try {
        return await this.held.run({ client, inTransaction: false }, work);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 7041))', [key]).catch(() => {
          broken = true;
        });
      }
    } finally {
      // A connection whose lock could not be released is closed, which releases it.
      client.release(broken);
    }
  }

  private async inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
    await client.query('BEGIN');
    try {
      const result = await this.held.run({ client, inTransaction: true }, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
