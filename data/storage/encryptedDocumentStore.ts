import { mkdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
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
 * One process writes a data folder. The encrypted contents of recently used files are kept in memory
 * (bounded) and used while the file is provably the same (same inode, size and modification time), so a
 * turn reads its person's file once from disk at most, and usually not at all.
 */
export class EncryptedFileDocumentStore implements DocumentStore {
  private readonly queue = new KeyedSerialQueue();
  private readonly createdDirs = new Set<string>();
  private readonly recent = new Map<string, { ino: number; size: number; mtimeMs: number; envelope: EncryptedEnvelope }>();

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
    this.recent.delete(path);
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
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.recent.delete(path);
      return undefined;
    }
    const known = this.recent.get(path);
    let envelope: EncryptedEnvelope;
    if (known && known.ino === stats.ino && known.size === stats.size && known.mtimeMs === stats.mtimeMs) {
      envelope = known.envelope;
    } else {
      envelope = JSON.parse(readFileSync(path, 'utf8')) as EncryptedEnvelope;
      this.remember(path, stats, envelope);
    }
    return JSON.parse(this.cipher.decrypt(envelope, boundName(collection, id))) as T;
  }

  private async writeNow<T>(path: string, collection: string, id: string, value: T): Promise<void> {
    // Written compact (lowdb's JSONFile indents): only code reads the file, and a turn writes one.
    const db = new Low<EncryptedEnvelope | null>(new DataFile<EncryptedEnvelope | null>(path, COMPACT_JSON), null);
    const envelope = this.cipher.encrypt(JSON.stringify(value), boundName(collection, id));
    db.data = envelope;
    this.recent.delete(path);
    await db.write();
    this.remember(path, await stat(path), envelope);
  }

  private remember(path: string, stats: Stats, envelope: EncryptedEnvelope): void {
    this.recent.delete(path);
    this.recent.set(path, { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, envelope });
    if (this.recent.size > RECENT_FILES) this.recent.delete(this.recent.keys().next().value as string);
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

const COMPACT_JSON = { parse: (text: string) => JSON.parse(text) as EncryptedEnvelope | null, stringify: (data: EncryptedEnvelope | null) => JSON.stringify(data) };

/** How many files' encrypted contents are kept in memory: bounded, whatever the number of people stored. */
const RECENT_FILES = 2_000;

export function boundName(collection: string, id: string): string {
  return `${collection}/${id}`;
}
