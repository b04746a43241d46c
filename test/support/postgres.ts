import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own in the run's throwaway PostgreSQL cluster (test/setup/postgresCluster.js, started
 * by jest's globalSetup), so each test file starts clean and files can run side by side.
 */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.ONESTORY_TEST_DATABASE_URL;
  if (!url) throw new Error('ONESTORY_TEST_DATABASE_URL is not set: run the tests through jest (its globalSetup starts PostgreSQL)');
  return url;
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(adminUrl());
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(): Promise<TestDatabase> {
  const name = `one_story_${randomBytes(6).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
