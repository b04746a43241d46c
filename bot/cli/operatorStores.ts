import { resolve } from 'node:path';
import { openStores, type Stores } from '../../data/stores.js';
import { resolveEncryptionKeys } from '../../data/storage/encryptionKey.js';
import { loadConfig, type OneStoryConfig } from '../config.js';

/**
 * For an operator's command: the configuration (environment or .env) and the same store as the server's
 * (PostgreSQL with DATABASE_URL, else DATA_DIR), opened beside running servers and closed after `work`.
 */
export async function withOperatorStores<T>(work: (stores: Stores, config: OneStoryConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const dataDir = resolve(config.DATA_DIR);
  const key = await resolveEncryptionKeys(config, dataDir, config.NODE_ENV === 'production');
  const stores = await openStores({ databaseUrl: config.DATABASE_URL, dataDir, keys: key.keys, owner: false });
  try {
    return await work(stores, config);
  } finally {
    await stores.close();
  }
}
