import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENCRYPTION_KEY_BYTES, KeyRing, generateEncryptionKey, keyFingerprint, type DataKey } from './encryption.js';
import { PRIVATE_FILE_MODE, makePrivateDir } from './privateFiles.js';

export const DEV_KEY_FILE = '.dev-encryption-key';

export interface ResolvedKeys {
  keys: KeyRing;
  /** Where the keys came from, for a start-up warning; never a key itself. */
  source: 'environment' | 'development-file-existing' | 'development-file-created';
}

/** The settings that name the data keys (bot/config.ts has validated them). */
export interface KeySettings {
  /** `ONESTORY_ENCRYPTION_KEYS`: `[id:]base64` entries separated by commas, the current key first. */
  ONESTORY_ENCRYPTION_KEYS?: string;
  /** `ONESTORY_ENCRYPTION_KEY`: one key (base64); its id is its fingerprint, as before keys could rotate. */
  ONESTORY_ENCRYPTION_KEY?: string;
}

/** A key id an operator may choose: letters, digits, `.`, `_` and `-`. */
const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * Parses `ONESTORY_ENCRYPTION_KEYS`: `id:base64,id:base64` (the current key first, older ones after; an
 * entry without `id:` is known by its fingerprint). Returns the keys, or the problem (never a key's value).
 */
export function parseKeyList(text: string): { keys: DataKey[] } | { problem: 'format' | 'keyLength' | 'duplicate' } {
  const keys: DataKey[] = [];
  for (const entry of text.split(',').map((part) => part.trim())) {
    const colon = entry.indexOf(':');
    const id = colon >= 0 ? entry.slice(0, colon).trim() : undefined;
    const encoded = (colon >= 0 ? entry.slice(colon + 1) : entry).trim();
    if ((id !== undefined && !KEY_ID.test(id)) || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return { problem: 'format' };
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== ENCRYPTION_KEY_BYTES) return { problem: 'keyLength' };
    const dataKey = { id: id ?? keyFingerprint(key), key };
    if (keys.some((known) => known.id === dataKey.id || known.key.equals(key))) return { problem: 'duplicate' };
    keys.push(dataKey);
  }
  return { keys };
}

/**
 * The data keys: from ONESTORY_ENCRYPTION_KEYS (or the single ONESTORY_ENCRYPTION_KEY), or (outside
 * production only) a key generated once into DATA_DIR, so a developer's data stays readable across restarts
 * without any setup.
 */
export async function resolveEncryptionKeys(settings: KeySettings, dataDir: string, production: boolean): Promise<ResolvedKeys> {
  if (settings.ONESTORY_ENCRYPTION_KEYS) {
    const parsed = parseKeyList(settings.ONESTORY_ENCRYPTION_KEYS);
    if ('problem' in parsed) throw new Error(`ONESTORY_ENCRYPTION_KEYS is not valid (${parsed.problem})`);
    return { keys: new KeyRing(parsed.keys), source: 'environment' };
  }
  if (settings.ONESTORY_ENCRYPTION_KEY) return { keys: KeyRing.single(Buffer.from(settings.ONESTORY_ENCRYPTION_KEY, 'base64')), source: 'environment' };
  if (production) throw new Error('ONESTORY_ENCRYPTION_KEYS is required in production');
  const path = join(dataDir, DEV_KEY_FILE);
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length === ENCRYPTION_KEY_BYTES) return { keys: KeyRing.single(key), source: 'development-file-existing' };
    throw new Error(`${path} does not hold a ${ENCRYPTION_KEY_BYTES}-byte key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await makePrivateDir(dataDir);
  const generated = generateEncryptionKey();
  await writeFile(path, generated + '\n', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return { keys: KeyRing.single(Buffer.from(generated, 'base64')), source: 'development-file-created' };
}
