import type { EncryptedEnvelope, StoredName } from './encryption.js';

/**
 * The records of a store as they are stored (encrypted, by collection and stored name), for work that
 * must reach every record without knowing their ids: re-encrypting them under a new key, and the naming
 * key kept beside them. Both stores offer it; each rewrite is safe while servers write the same store.
 */
export interface StoredRecords {
  /** Every stored record's place, a batch at a time, in a stable order. */
  storedNames(batchSize: number): AsyncIterable<StoredName[]>;
  readStored(where: StoredName): Promise<EncryptedEnvelope | undefined>;
  /** Stores a record unless one is already there (then keeps that one). */
  createStored(where: StoredName, envelope: EncryptedEnvelope): Promise<void>;
  /**
   * Reads a record and replaces it with `change(record)` when that gives one, with no other write to that
   * record in between: 'gone' when there is no record (any more), 'kept' when `change` gave nothing.
   */
  rewriteStored(where: StoredName, change: (envelope: EncryptedEnvelope) => EncryptedEnvelope | undefined): Promise<'rewritten' | 'kept' | 'gone'>;
}
