import { join, resolve } from 'node:path';
import type { AuditVerification } from '../domain/audit/auditChain.js';
import type { AuditLog, Coordination, DocumentStore, LocalConversationOptions, LocalConversationStore, OutcomeFacts } from '../useCases/ports.js';
import { DocumentOutcomeFacts } from './outcomes/documentOutcomeFacts.js';
import { PgOutcomeFacts } from './postgres/pgOutcomeFacts.js';
import { AUDIT_LOG_FILE, AppendOnlyAuditLog } from './audit/auditLog.js';
import { Database } from './postgres/database.js';
import { migrate } from './postgres/migrate.js';
import { PgAuditLog } from './postgres/pgAuditLog.js';
import { PgDocumentStore } from './postgres/pgDocumentStore.js';
import { PgLocalConversations } from './postgres/pgLocalConversations.js';
import { createPool } from './postgres/pool.js';
import { EncryptedFileDocumentStore } from './storage/encryptedDocumentStore.js';
import { releaseDocumentWriter } from './storage/documentWriter.js';
import { RecordCipher, type KeyRing } from './storage/encryption.js';
import { cipherFor } from './storage/namingKey.js';
import type { StoredRecords } from './storage/storedRecords.js';
import { tryLockFile, unlockFile } from './storage/processLock.js';
import { makePrivateDir } from './storage/privateFiles.js';
import { memoryRateLimits, postgresRateLimits, type RateLimits } from './rateLimits.js';
import { besideOtherProcesses, ifNoOtherProcess } from './storage/crossProcess.js';
import { PEOPLE_COLLECTION } from './personStore.js';

/** Everything the app keeps, on one kind of store. */
export interface Stores {
  kind: 'embedded' | 'postgres';
  documents: DocumentStore;
  /** The same records as stored (encrypted, by stored name), for `npm run rekey`. */
  records: StoredRecords;
  /** What the documents are encrypted and named with. */
  cipher: RecordCipher;
  audit: AuditLog & { verify(): Promise<AuditVerification> };
  coordination: Coordination;
  /** The partnership's outcome facts: a table with PostgreSQL, a document per week on the embedded store. */
  outcomes: OutcomeFacts;
  /** Rate limits: in this process's memory with the embedded store, shared in the database with PostgreSQL. */
  rateLimits: RateLimits;
  /**
   * PostgreSQL: the local Direct Line's conversations, shared by every instance. Absent with the embedded
   * store (one process), which keeps them in the server's memory.
   */
  sharedLocalConversations?: (options: LocalConversationOptions) => LocalConversationStore;
  /**
   * Runs `work` unless work of this name runs elsewhere (another instance, the server beside a CLI), and
   * then answers undefined at once. PostgreSQL: a session advisory lock; the embedded store: a lock file.
   */
  ifNotRunningElsewhere<T>(name: string, work: () => Promise<T>): Promise<T | undefined>;
  /** Tidies what a crash may have left (the embedded store's temporary files). Returns how many. */
  tidy(): Promise<number>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL when set; otherwise the embedded store under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** The data keys (the current one first): the naming key is then the store's own (`storage/namingKey.ts`). */
  keys?: KeyRing;
  /** Or a ready cipher (tests): its naming key is used as it is, and none is kept in the store. */
  cipher?: RecordCipher;
  clock?: () => Date;
  /** Connections in the pool (PostgreSQL). */
  poolSize?: number;
  /**
   * The embedded store: false for a CLI, which works beside a running server (its audit appends take the
   * audit file's own lock; each document write is atomic); a server owns the data folder.
   */
  owner?: boolean;
}

/**
 * Opens the store the configuration names. PostgreSQL: migrations are applied first (under a lock, so
 * instances starting together are safe), then every store shares one pool, and transactions and locks hold
 * across instances. The embedded store: one process per data folder.
 */
export async function openStores(options: StoreOptions): Promise<Stores> {
  if (options.databaseUrl) {
    const db = new Database(createPool(options.databaseUrl, options.poolSize));
    try {
      await migrate(db.pool);
    } catch (error) {
      await db.close();
      throw error;
    }
    let cipher: RecordCipher;
    try {
      cipher = await withNamingKey(options, (bare) => new PgDocumentStore(db, bare));
    } catch (error) {
      await db.close();
      throw error;
    }
    const documents = new PgDocumentStore(db, cipher);
    return {
      kind: 'postgres',
      documents,
      records: documents,
      cipher,
      audit: new PgAuditLog(db, options.clock),
      coordination: db,
      outcomes: new PgOutcomeFacts(db),
      rateLimits: postgresRateLimits(db.pool, rateLimitKey(cipher)),
      sharedLocalConversations: (conversationOptions) => new PgLocalConversations(db, cipher, conversationOptions),
      ifNotRunningElsewhere: (name, work) => db.ifNotLocked(name, work),
      tidy: async () => 0,
      close: () => db.close(),
    };
  }
  // One process per data folder: a second one refuses to start (a CLI does not take it: see StoreOptions).
  const lockPath = join(options.dataDir, DATA_DIR_LOCK);
  let holding = false;
  if (options.owner !== false) {
    await makePrivateDir(options.dataDir);
    const holder = await tryLockFile(lockPath);
    if (holder && holder.pid !== process.pid) throw new DataDirInUseError(options.dataDir, holder.pid, holder.since);
    holding = !holder;
  }
  let cipher: RecordCipher;
  try {
    cipher = await withNamingKey(options, (bare) => new EncryptedFileDocumentStore(options.dataDir, bare));
  } catch (error) {
    if (holding) await unlockFile(lockPath);
    throw error;
  }
  // What a CLI beside the server also changes (indexes, lists, one person's sharing) is held under lock
  // files too; a person's record, which only turns write, is not (a turn stays as cheap as it was).
  const documents = new EncryptedFileDocumentStore(options.dataDir, cipher, (collection) => collection !== PEOPLE_COLLECTION);
  return {
    kind: 'embedded',
    documents,
    records: documents,
    cipher,
    audit: new AppendOnlyAuditLog(resolve(options.dataDir, AUDIT_LOG_FILE), options.clock),
    coordination: besideOtherProcesses(options.dataDir),
    outcomes: new DocumentOutcomeFacts(documents),
    ifNotRunningElsewhere: (name, work) => ifNoOtherProcess(options.dataDir, name, work),
    rateLimits: memoryRateLimits(rateLimitKey(cipher)),
    tidy: () => documents.removeStrayTemporaryFiles(),
    close: async () => {
      releaseDocumentWriter();
      if (holding) await unlockFile(lockPath);
    },
  };
}

/** The cipher for these keys, with the naming key read from (or first kept in) the store `storeWith` opens. */
async function withNamingKey({ keys, cipher }: StoreOptions, storeWith: (cipher: RecordCipher) => StoredRecords): Promise<RecordCipher> {
  if (cipher) return cipher;
  if (!keys) throw new Error('openStores needs the encryption keys');
  // Reading stored records needs no naming key: this store is only used for that.
  return cipherFor(storeWith(new RecordCipher(keys.current.key)), keys);
}

/** A limited key (an address, a phone number) is kept only as a keyed hash, like a record's id. */
function rateLimitKey(cipher: RecordCipher): (key: string) => string {
  return (key) => cipher.fileNameFor('rate-limits', key);
}

/** The file that says which process serves a data folder. */
export const DATA_DIR_LOCK = '.one-story.lock';

/** Another live process serves this data folder (the embedded store is for one process). */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number, readonly since: string) {
    super(`${dataDir} is served by process ${pid} since ${since}`);
    this.name = 'DataDirInUseError';
  }
}
