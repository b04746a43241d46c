import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RecordBoundToIdError, UnknownEncryptionKeyError, type RecordCipher, type StoredName } from './encryption.js';
import { REKEY_MARKER } from './encryptedDocumentStore.js';
import { tryLockFile, unlockFile } from './processLock.js';
import type { StoredRecords } from './storedRecords.js';

/** Records rewritten side by side. */
const AT_ONCE = 8;

/** What a rekey did, record by record. */
export interface RekeyCounts {
  /** Records looked at. */
  examined: number;
  /** Re-encrypted under the current key. */
  rewritten: number;
  /** Already under the current key. */
  current: number;
  /** Under a key that is not configured: left as they are (they cannot be read). */
  unknownKey: number;
  /** Written before keys could rotate and bound to their id: left until the server next writes them. */
  boundToId: number;
  /** Deleted between being listed and being read. */
  gone: number;
}

export interface RekeyOptions {
  /** Records listed and rewritten per batch. */
  batchSize: number;
  /** Stop after rewriting this many (the rest is done by the next run). */
  limit?: number;
  /** Told after each batch, with the counts so far. */
  onBatch?: (counts: RekeyCounts) => void;
}

/**
 * Re-encrypts every stored record under the current key, a batch at a time. Progress is in the records
 * themselves (each names its key), so a run that stops (a crash, a kill, `limit`) is resumed by running
 * again: what was done is counted as `current`. Each rewrite is atomic against the servers' own writes.
 */
export async function rekeyRecords(records: StoredRecords, cipher: RecordCipher, options: RekeyOptions): Promise<RekeyCounts> {
  const counts: RekeyCounts = { examined: 0, rewritten: 0, current: 0, unknownKey: 0, boundToId: 0, gone: 0 };
  const one = async (where: StoredName) => {
    counts.examined++;
    try {
      const outcome = await records.rewriteStored(where, (envelope) => cipher.reencrypt(envelope, where));
      counts[outcome === 'rewritten' ? 'rewritten' : outcome === 'kept' ? 'current' : 'gone']++;
    } catch (error) {
      if (error instanceof UnknownEncryptionKeyError) counts.unknownKey++;
      else if (error instanceof RecordBoundToIdError) counts.boundToId++;
      else throw error;
    }
  };
  for await (const batch of records.storedNames(options.batchSize)) {
    // A few records of the batch at once (each is locked on its own), never more than `limit` allows.
    for (let next = 0; next < batch.length; ) {
      const room = Math.min(AT_ONCE, options.limit === undefined ? AT_ONCE : options.limit - counts.rewritten);
      if (room <= 0) return counts;
      await Promise.all(batch.slice(next, next + room).map(one));
      next += room;
    }
    options.onBatch?.({ ...counts });
  }
  return counts;
}

/** Another `npm run rekey` is running on this data folder. */
export class RekeyRunningError extends Error {
  constructor(readonly pid: number) {
    super(`another rekey (process ${pid}) is running on this data folder`);
    this.name = 'RekeyRunningError';
  }
}

/**
 * The embedded store: runs `work` with the data folder's rekey marker held. While it exists, a server
 * serving the folder takes each record's lock for its writes; `settleMs` lets writes that server began
 * before the marker appeared finish first. A marker left by a crashed run is taken over.
 */
export async function withRekeyMarker<T>(dataDir: string, settleMs: number, work: () => Promise<T>): Promise<T> {
  const path = join(dataDir, REKEY_MARKER);
  const holder = await tryLockFile(path);
  if (holder) throw new RekeyRunningError(holder.pid);
  try {
    if (settleMs > 0) await sleep(settleMs);
    return await work();
  } finally {
    await unlockFile(path);
  }
}
