import { mkdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, LowSync } from 'lowdb';
import { JSONFile, JSONFileSync } from 'lowdb/node';
import type { EncryptedEnvelope, RecordCipher } from './encryption.js';
import { KeyedSerialQueue } from '../../domain/keyedSerialQueue.js';
import type { DocumentStore } from '../../useCases/ports.js';

/**
 * The embedded store: one lowdb file per document, encrypted. lowdb rewrites a whole file on every
 * write, so one file per document keeps a turn's cost the same however many people are stored.
 * lowdb writes atomically (a temporary file `.name.tmp`, then a rename), so a crash never leaves half a
 * file; a temporary file a crash left behind is removed at start-up (`removeStrayTemporaryFiles`).
 * Documents are small (one person's record at most): a read is done synchronously (tens of microseconds,
 * cheaper than four trips through the thread pool); a write waits on the disk, so it is asynchronous, and
 * writes to one document are queued so that nothing comes between an update's read and its write.
 * One process writes a data folder.
 */
export class EncryptedFileDocumentStore implements DocumentStore {
  private readonly queue = new KeyedSerialQueue();
  private readonly createdDirs = new Set<string>();

  constructor(private readonly rootDir: string, private readonly cipher: RecordCipher) {}

  async read<T>(collection: string, id: string): Promise<T | undefined> {
    return this.readNow<T>(this.pathFor(collection, id), collection, id);
  }

  async write<T>(collection: string, id: string, value: T): Promise<void> {
    const path = this.pathFor(collection, id);
    this.ensureDir(collection);
    await this.queue.run(path, () => this.writeNow(path, collection, id, value));
  }

  async update<T>(collection: string, id: string, change: (current: T | undefined) => T): Promise<T> {
    const path = this.pathFor(collection, id);
    this.ensureDir(collection);
    return this.queue.run(path, async () => {
      const next = change(this.readNow<T>(path, collection, id));
      await this.writeNow(path, collection, id, next);
      return next;
    });
  }

  async delete(collection: string, id: string): Promise<void> {
    const path = this.pathFor(collection, id);
    await this.queue.run(path, () => rm(path, { force: true }));
  }

  /** Deletes the temporary files of writes a crash interrupted (the documents themselves are whole). Returns how many. */
  async removeStrayTemporaryFiles(): Promise<number> {
    let removed = 0;
    const visit = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await visit(path);
        else if (entry.name.startsWith('.') && entry.name.endsWith('.json.tmp')) {
          await rm(path, { force: true });
          removed++;
        }
      }
    };
    await visit(this.rootDir);
    return removed;
  }

  private readNow<T>(path: string, collection: string, id: string): T | undefined {
    const db = new LowSync<EncryptedEnvelope | null>(new JSONFileSync(path), null);
    db.read();
    if (!db.data) return undefined;
    return JSON.parse(this.cipher.decrypt(db.data, boundName(collection, id))) as T;
  }

  private async writeNow<T>(path: string, collection: string, id: string, value: T): Promise<void> {
    const db = new Low<EncryptedEnvelope | null>(new JSONFile(path), null);
    db.data = this.cipher.encrypt(JSON.stringify(value), boundName(collection, id));
    await db.write();
  }

  private pathFor(collection: string, id: string): string {
    return join(this.rootDir, collection, `${this.cipher.fileNameFor(collection, id)}.json`);
  }

  private ensureDir(collection: string): void {
    if (this.createdDirs.has(collection)) return;
    mkdirSync(join(this.rootDir, collection), { recursive: true });
    this.createdDirs.add(collection);
  }
}

function boundName(collection: string, id: string): string {
  return `${collection}/${id}`;
}
