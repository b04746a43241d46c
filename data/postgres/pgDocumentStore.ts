import { isEnvelope, type EncryptedEnvelope, type RecordCipher, type StoredName } from '../storage/encryption.js';
import type { StoredRecords } from '../storage/storedRecords.js';
import type { DocumentStore } from '../../useCases/ports.js';
import type { Database } from './database.js';

/**
 * The document store on PostgreSQL: one row per document in `documents`, encrypted exactly as the embedded
 * store's files (the same cipher, bound to the same collection and stored name), keyed by the same keyed
 * hash of the id. An update locks its document (a transaction-scoped advisory lock, which also covers a
 * document that does not exist yet) for its read and its write, on every instance. A rekey's rewrite locks
 * the row (`FOR UPDATE`), which every other write of that row waits for.
 */
export class PgDocumentStore implements DocumentStore, StoredRecords {
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

  /** Every row's place, a page at a time in (collection, key) order: each page starts after the last one. */
  async *storedNames(batchSize: number): AsyncIterable<StoredName[]> {
    let after: StoredName = { collection: '', name: '' };
    for (;;) {
      const rows = await this.db.query<{ collection: string; key: string }>(
        'SELECT collection, key FROM documents WHERE (collection, key) > ($1, $2) ORDER BY collection, key LIMIT $3',
        [after.collection, after.name, batchSize],
      );
      if (rows.length === 0) return;
      const page = rows.map((row) => ({ collection: row.collection, name: row.key }));
      yield page;
      after = page[page.length - 1];
    }
  }

  async readStored(where: StoredName): Promise<EncryptedEnvelope | undefined> {
    const rows = await this.db.query<{ envelope: unknown }>('SELECT envelope FROM documents WHERE collection = $1 AND key = $2', [where.collection, where.name]);
    return isEnvelope(rows[0]?.envelope) ? rows[0].envelope : undefined;
  }

  async createStored(where: StoredName, envelope: EncryptedEnvelope): Promise<void> {
    await this.db.query(
      'INSERT INTO documents (collection, key, envelope, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (collection, key) DO NOTHING',
      [where.collection, where.name, envelope],
    );
  }

  async rewriteStored(where: StoredName, change: (envelope: EncryptedEnvelope) => EncryptedEnvelope | undefined): Promise<'rewritten' | 'kept' | 'gone'> {
    return this.db.atomically(async () => {
      const rows = await this.db.query<{ envelope: unknown }>('SELECT envelope FROM documents WHERE collection = $1 AND key = $2 FOR UPDATE', [where.collection, where.name]);
      const current = rows[0]?.envelope;
      if (!isEnvelope(current)) return 'gone';
      const next = change(current);
      if (!next) return 'kept';
      // updated_at is left alone: re-encrypting is not a change of what the record says.
      await this.db.query('UPDATE documents SET envelope = $3 WHERE collection = $1 AND key = $2', [where.collection, where.name, next]);
      return 'rewritten';
    });
  }

  private async upsert<T>(collection: string, id: string, value: T): Promise<void> {
    const envelope = this.cipher.encrypt(JSON.stringify(value), collection, id);
    await this.db.query(
      `INSERT INTO documents (collection, key, envelope, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (collection, key) DO UPDATE SET envelope = EXCLUDED.envelope, updated_at = now()`,
      [collection, this.keyOf(collection, id), envelope],
    );
  }

  private open<T>(envelope: EncryptedEnvelope, collection: string, id: string): T {
    return JSON.parse(this.cipher.decrypt(envelope, collection, id)) as T;
  }

  private keyOf(collection: string, id: string): string {
    return this.cipher.fileNameFor(collection, id);
  }
}
