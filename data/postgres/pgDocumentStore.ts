import type { EncryptedEnvelope, RecordCipher } from '../storage/encryption.js';
import { boundName } from '../storage/encryptedDocumentStore.js';
import type { DocumentStore } from '../../useCases/ports.js';
import type { Database } from './database.js';

/**
 * The document store on PostgreSQL: one row per document in `documents`, encrypted exactly as the embedded
 * store's files (the same cipher, the collection and id bound as additional data), keyed by the same keyed
 * hash of the id. An update locks its document (a transaction-scoped advisory lock, which also covers a
 * document that does not exist yet) for its read and its write, on every instance.
 */
export class PgDocumentStore implements DocumentStore {
  constructor(private readonly db: Database, private readonly cipher: RecordCipher) {}

  async read<T>(collection: string, id: string): Promise<T | undefined> {
    const rows = await this.db.query<{ envelope: EncryptedEnvelope }>('SELECT envelope FROM documents WHERE collection = $1 AND key = $2', [collection, this.keyOf(collection, id)]);
    return rows[0] ? this.open<T>(rows[0].envelope, collection, id) : undefined;
  }

  async write<T>(collection: string, id: string, value: T): Promise<void> {
    await this.upsert(collection, id, value);
  }

  async delete(collection: string, id: string): Promise<void> {
    await this.db.query('DELETE FROM documents WHERE collection = $1 AND key = $2', [collection, this.keyOf(collection, id)]);
  }

  async update<T>(collection: string, id: string, change: (current: T | undefined) => T): Promise<T> {
    return this.db.atomically(async () => {
      const key = this.keyOf(collection, id);
      await this.db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7042))', [`${collection}/${key}`]);
      const next = change(await this.read<T>(collection, id));
      await this.upsert(collection, id, next);
      return next;
    });
  }

  private async upsert<T>(collection: string, id: string, value: T): Promise<void> {
    const envelope = this.cipher.encrypt(JSON.stringify(value), boundName(collection, id));
    await this.db.query(
      `INSERT INTO documents (collection, key, envelope, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (collection, key) DO UPDATE SET envelope = EXCLUDED.envelope, updated_at = now()`,
      [collection, this.keyOf(collection, id), envelope],
    );
  }

  private open<T>(envelope: EncryptedEnvelope, collection: string, id: string): T {
    return JSON.parse(this.cipher.decrypt(envelope, boundName(collection, id))) as T;
  }

  private keyOf(collection: string, id: string): string {
    return this.cipher.fileNameFor(collection, id);
  }
}
