import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores, type Stores } from '../../data/stores.js';
import { freshDatabase } from './postgres.js';

/**
 * Both stores for a test that runs the same promises against each: the embedded encrypted files (one
 * process) and PostgreSQL (a real server; each `open` is a separate pool, as another instance would be).
 */
export interface StoreKind {
  name: 'embedded' | 'postgres';
  open(): Promise<Stores>;
  /** Everything kept at rest, as bytes a thief of the disk or a dump would see. */
  atRest(): Promise<string>;
  cleanup(): Promise<void>;
}

async function readAll(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const parts = await Promise.all(entries.map((entry) => (entry.isDirectory() ? readAll(join(dir, entry.name)) : readFile(join(dir, entry.name), 'utf8').then((text) => `${entry.name}\n${text}`))));
  return parts.join('\n');
}

async function embedded(key: Buffer): Promise<StoreKind> {
  const dataDir = await mkdtemp(join(tmpdir(), 'one-story-store-'));
  return {
    name: 'embedded',
    open: () => openStores({ dataDir, cipher: new RecordCipher(key) }),
    atRest: () => readAll(dataDir),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgres(key: Buffer): Promise<StoreKind> {
  const database = await freshDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'one-story-store-pg-'));
  return {
    name: 'postgres',
    open: () => openStores({ databaseUrl: database.url, dataDir, cipher: new RecordCipher(key), poolSize: 5 }),
    atRest: async () => {
      const client = new pg.Client(database.url);
      await client.connect();
      try {
        const documents = await client.query('SELECT collection, key, envelope::text FROM documents');
        const audit = await client.query('SELECT entry FROM audit_log');
        return JSON.stringify([documents.rows, audit.rows]);
      } finally {
        await client.end();
      }
    },
    cleanup: async () => {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `describe.each(storeKinds(key))`: each case is a name and a maker of a fresh store of that kind. */
export function storeKinds(key: Buffer): Array<[StoreKind['name'], () => Promise<StoreKind>]> {
  return [
    ['embedded', () => embedded(key)],
    ['postgres', () => postgres(key)],
  ];
}
