import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENCRYPTION_KEY_BYTES, generateEncryptionKey } from './encryption.js';
import { PRIVATE_FILE_MODE, makePrivateDir } from './privateFiles.js';

export const DEV_KEY_FILE = '.dev-encryption-key';

export interface ResolvedKey {
  key: Buffer;
  /** Where the key came from, for a start-up warning; never the key itself. */
  source: 'environment' | 'development-file-existing' | 'development-file-created';
}

/**
 * The data key: from ONESTORY_ENCRYPTION_KEY, or (outside production only) a key generated once into
 * DATA_DIR, so a developer's data stays readable across restarts without any setup.
 */
export async function resolveEncryptionKey(fromEnvironment: string | undefined, dataDir: string, production: boolean): Promise<ResolvedKey> {
  if (fromEnvironment) return { key: Buffer.from(fromEnvironment, 'base64'), source: 'environment' };
  if (production) throw new Error('ONESTORY_ENCRYPTION_KEY is required in production');
  const path = join(dataDir, DEV_KEY_FILE);
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length === ENCRYPTION_KEY_BYTES) return { key, source: 'development-file-existing' };
    throw new Error(`${path} does not hold a ${ENCRYPTION_KEY_BYTES}-byte key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await makePrivateDir(dataDir);
  const generated = generateEncryptionKey();
  await writeFile(path, generated + '\n', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return { key: Buffer.from(generated, 'base64'), source: 'development-file-created' };
}
