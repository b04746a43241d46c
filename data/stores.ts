import { resolve } from 'node:path';
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
  const documents = new EncryptedFileDocumentStore(options.dataDir, options.cipher);
  return {
    kind: 'embedded',
    documents,
    audit: new AppendOnlyAuditLog(resolve(options.dataDir, AUDIT_LOG_FILE), options.clock),
    coordination: inOneProcess(),
    tidy: () => documents.removeStrayTemporaryFiles(),
    close: async () => undefined,
  };
}
