import { join, resolve } from 'node:path';
import { inOneProcess } from '../domain/keyedSerialQueue.js';
import type { AuditVerification } from '../domain/audit/auditChain.js';
import type { AuditLog, Coordination, DocumentStore } from '../useCases/ports.js';
import { AUDIT_LOG_FILE, AppendOnlyAuditLog } from './audit/auditLog.js';
import { Database } from './postgres/database.js';
import { migrate } from './postgres/migrate.js';
import { PgAuditLog } from './postgres/pgAuditLog.js';
import { PgDocumentStore } from './postgres/pgDocumentStore.js';
import { createPool } from './postgres/pool.js';
import { EncryptedFileDocumentStore } from './storage/encryptedDocumentStore.js';
import type { RecordCipher } from './storage/encryption.js';
import { tryLockFile, unlockFile } from './storage/processLock.js';
import { makePrivateDir } from './storage/privateFiles.js';

/** Everything the app keeps, on one kind of store. */
export interface Stores {
  kind: 'embedded' | 'postgres';
  documents: DocumentStore;
  audit: AuditLog & { verify(): Promise<AuditVerification> };
  coordination: Coordination;
  /** Tidies what a crash may have left (the embedded store's temporary files). Returns how many. */
  tidy(): Promise<number>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL when set; otherwise the embedded store under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  cipher: RecordCipher;
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
    return {
      kind: 'postgres',
      documents: new PgDocumentStore(db, options.cipher),
      audit: new PgAuditLog(db, options.clock),
      coordination: db,
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
  const documents = new EncryptedFileDocumentStore(options.dataDir, options.cipher);
  return {
    kind: 'embedded',
    documents,
    audit: new AppendOnlyAuditLog(resolve(options.dataDir, AUDIT_LOG_FILE), options.clock),
    coordination: inOneProcess(),
    tidy: () => documents.removeStrayTemporaryFiles(),
    close: async () => {
      if (holding) await unlockFile(lockPath);
    },
  };
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
