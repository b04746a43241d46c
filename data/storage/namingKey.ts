import { KeyRing, RecordCipher, boundToStoredName, namingKeyFrom, type StoredName } from './encryption.js';
import type { StoredRecords } from './storedRecords.js';

/**
 * The naming key: file names and row keys are keyed hashes of ids under it, and it never changes, so
 * rotating the data key renames nothing. It is derived once from the data key a store starts with (exactly
 * as names were derived before keys could rotate, so an existing data folder keeps its names) and kept in
 * the store itself, encrypted like any record (`_keys/naming`), which `npm run rekey` re-encrypts too. What
 * is kept is the derived key, never the data key it came from.
 */
export const NAMING_KEY_RECORD: StoredName = { collection: '_keys', name: 'naming' };

/** A store with no naming key yet was opened with several data keys: which one its names came from is unknown. */
export class NamingKeyMissingError extends Error {
  constructor() {
    super(
      'this store has no naming key yet and several encryption keys are configured: start it once with only the key it was created with ' +
        '(ONESTORY_ENCRYPTION_KEY, or one key in ONESTORY_ENCRYPTION_KEYS), then add the new key in front',
    );
    this.name = 'NamingKeyMissingError';
  }
}

/** Reads the store's naming key, or makes it (from the only data key) when the store has none yet. */
export async function loadNamingKey(records: StoredRecords, keys: KeyRing): Promise<Buffer> {
  const read = async () => {
    const stored = await records.readStored(NAMING_KEY_RECORD);
    return stored && Buffer.from(keys.open(stored, boundToStoredName(NAMING_KEY_RECORD)), 'base64');
  };
  const existing = await read();
  if (existing) return existing;
  if (keys.keys.length !== 1) throw new NamingKeyMissingError();
  const derived = namingKeyFrom(keys.current.key);
  await records.createStored(NAMING_KEY_RECORD, keys.seal(derived.toString('base64'), boundToStoredName(NAMING_KEY_RECORD)));
  // Another instance starting at the same moment may have stored it first: theirs is the same key, read it.
  return (await read()) ?? derived;
}

/** The cipher for a key ring, with the store's naming key. */
export async function cipherFor(records: StoredRecords, keys: KeyRing): Promise<RecordCipher> {
  return new RecordCipher(keys, await loadNamingKey(records, keys));
}
