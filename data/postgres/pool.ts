import pg from 'pg';

/** A connection pool to the database in DATABASE_URL. */
export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error (the server restarted) must not stop the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
