import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { EncryptedEnvelope, RecordCipher } from './encryption.js';
import { KeyedSerialQueue } from '../../domain/keyedSerialQueue.js';
import type { DocumentStore } from '../../useCases/ports.js';

/**
 * The embedded store: one lowdb file per document, encrypted. lowdb rewrites a whole file on every
 * write, so one file per document keeps a turn's cost the same however many people are stored.
 * lowdb's JSONFile writes atomically (temporary file, then rename), so a crash never leaves half a file.
 */
export class EncryptedFileDocumentStore implements DocumentStore {
  private readonly queue = new KeyedSerialQueue();
  private readonly createdDirs = new Set<string>();

  constructor(private readonly rootDir: string, private readonly cipher: RecordCipher) {}

  async read<T>(collection: string, id: string): Promise<T | undefined> {
    const path = this.pathFor(collection, id);
    return this.queue.run(path, async () => {
      const db = new Low<EncryptedEnvelope | null>(new JSONFile(path), null);
      await db.read();
      if (!db.data) return undefined;
      return JSON.parse(this.cipher.decrypt(db.data, boundName(collection, id))) as T;
    });
  }

  async write<T>(collection: string, id: string, value: T): Promise<void> {
    const path = this.pathFor(collection, id);
    await this.ensureDir(collection);
    await this.queue.run(path, async () => {
      const db = new Low<EncryptedEnvelope | null>(new JSONFile(path), null);
      db.data = this.cipher.encrypt(JSON.stringify(value), boundName(collection, id));
      await db.write();
    });
  }

  async delete(collection: string, id: string): Promise<void> {
    const path = this.pathFor(collection, id);
    await this.queue.run(path, () => rm(path, { force: true }));
  }

  private pathFor(collection: string, id: string): string {
    return join(this.rootDir, collection, `${this.cipher.fileNameFor(collection, id)}.json`);
  }

  private async ensureDir(collection: string): Promise<void> {
    if (this.createdDirs.has(collection)) return;
    await mkdir(join(this.rootDir, collection), { recursive: true });
    this.createdDirs.add(collection);
  }
}

function boundName(collection: string, id: string): string {
  return `${collection}/${id}`;
}
