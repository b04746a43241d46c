import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isEnvelope, type EncryptedEnvelope, type RecordCipher, type StoredName } from './encryption.js';
import { withLockFile } from './processLock.js';
import type { StoredRecords } from './storedRecords.js';
import { KeyedSerialQueue } from '../../domain/keyedSerialQueue.js';
import type { DocumentStore } from '../../useCases/ports.js';
import { makePrivateDirSync } from './privateFiles.js';
import { writeDocumentFile, type WrittenFile } from './documentWriter.js';

/**
 * The embedded store: one lowdb file per document, encrypted. lowdb rewrites a whole file on every
 * write, so one file per document keeps a turn's cost the same however many people are stored.
 * Folders are 0700 and files 0600 (data/storage/privateFiles.ts).
 * lowdb writes atomically (a temporary file `.name.tmp`, then a rename), so a crash never leaves half a
 * file; a temporary file a crash left behind is removed at start-up (`removeStrayTemporaryFiles`).
 * Documents are small (one person's record at most): a read is done synchronously (tens of microseconds,
 * cheaper than four trips through the thread pool); a write waits on the disk, so it is done by lowdb's
 * synchronous writer on a thread of its own (`documentWriter.ts`) while this one goes on, and writes to one
 * document are queued so that nothing comes between an update's read and its write.
 * One process serves a data folder; a CLI beside it (`npm run purge`) takes the lock files of the
 * collections both change (`sharedWithOtherProcesses`). The encrypted contents of recently used files are kept in memory
 * (bounded), decrypted once, and used while the file is provably the same (same inode, size, modification
 * and change times), so a turn reads and decrypts its person's file once at most, and usually not at all.
 */
export class EncryptedFileDocumentStore implements DocumentStore, StoredRecords {
  private readonly queue = new KeyedSerialQueue();
  private readonly createdDirs = new Set<string>();
  private readonly recent = new Map<string, RecentFile>();

  constructor(
    private readonly rootDir: string,
    private readonly cipher: RecordCipher,
    /**
     * Collections whose updates a CLI beside the server also makes (`npm run purge`): their read and write
     * are also held under the record's lock file (`.<file>.lock`, as during a rekey), which the other process respects.
     */
    private readonly sharedWithOtherProcesses: (collection: string) => boolean = () => false,
  ) {}

  async read<T>(collection: string, id: string): Promise<T | undefined> {
    return this.readNow<T>(this.pathFor(collection, id), collection, id);
  }

  async write<T>(collection: string, id: string, value: T): Promise<void> {
    const path = this.pathFor(collection, id);
    this.ensureDir(collection);
    await this.queue.run(path, () => this.besideRekey(path, () => this.writeNow(path, collection, id, value)));
  }

  async update<T>(collection: string, id: string, change: (current: T | undefined) => T): Promise<T> {
    const path = this.pathFor(collection, id);
    this.ensureDir(collection);
    const readChangeWrite = async () => {
      const next = change(this.readNow<T>(path, collection, id));
      await this.writeNow(path, collection, id, next);
      return next;
    };
    // A collection a CLI also changes is always held under the record's lock file; the others only while a rekey runs.
    return this.queue.run(path, () =>
      this.sharedWithOtherProcesses(collection) ? withLockFile(recordLockPath(path), readChangeWrite, 60_000) : this.besideRekey(path, readChangeWrite),
    );
  }

  async delete(collection: string, id: string): Promise<void> {
    const path = this.pathFor(collection, id);
    this.recent.delete(path);
    await this.queue.run(path, () => this.besideRekey(path, () => rm(path, { force: true })));
  }

  /**
   * Every stored record's place, a batch at a time, collection by collection in name order: each folder of
   * the data folder holding documents (the audit log's folder holds none).
   */
  async *storedNames(batchSize: number): AsyncIterable<StoredName[]> {
    const folders = (await readdir(this.rootDir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
    for (const collection of folders.map((entry) => entry.name).sort()) {
      const names = (await readdir(join(this.rootDir, collection)))
        .filter((file) => file.endsWith('.json') && !file.startsWith('.'))
        .map((file) => file.slice(0, -'.json'.length))
        .sort();
      for (let start = 0; start < names.length; start += batchSize) {
        yield names.slice(start, start + batchSize).map((name) => ({ collection, name }));
      }
    }
  }

  async readStored(where: StoredName): Promise<EncryptedEnvelope | undefined> {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.storedPath(where), 'utf8'));
      return isEnvelope(parsed) ? parsed : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async createStored(where: StoredName, envelope: EncryptedEnvelope): Promise<void> {
    this.ensureDir(where.collection);
    const path = this.storedPath(where);
    await this.queue.run(path, () => this.besideRekey(path, async () => {
      if (!existsSync(path)) await this.writeEnvelope(path, envelope);
    }));
  }

  /**
   * Replaces a stored record with `change(record)` (when that gives one), under the record's rekey lock, so
   * a server writing the same folder (which takes the lock while a rekey runs, see `besideRekey`) never has
   * a write of its own overwritten with an older record.
   */
  async rewriteStored(where: StoredName, change: (envelope: EncryptedEnvelope) => EncryptedEnvelope | undefined): Promise<'rewritten' | 'kept' | 'gone'> {
    const path = this.storedPath(where);
    return this.queue.run(path, () =>
      withLockFile(recordLockPath(path), async () => {
        const current = await this.readStored(where);
        if (!current) return 'gone';
        const next = change(current);
        if (!next) return 'kept';
        await this.writeEnvelope(path, next);
        return 'rewritten';
      }),
    );
  }

  /**
   * While `npm run rekey` runs on this folder (its marker file exists), each write takes the record's rekey
   * lock, so the rekey's read and rewrite of a record and this write never interleave. Otherwise a write
   * costs one look for the marker.
   */
  private besideRekey<T>(path: string, work: () => Promise<T>): Promise<T> {
    if (!existsSync(join(this.rootDir, REKEY_MARKER))) return work();
    return withLockFile(recordLockPath(path), work, 60_000);
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
    let known = this.recent.get(path);
    if (!known || known.ino !== stats.ino || known.size !== stats.size || known.mtimeMs !== stats.mtimeMs || known.ctimeMs !== stats.ctimeMs) {
      known = this.remember(path, stats, JSON.parse(readFileSync(path, 'utf8')) as EncryptedEnvelope);
    }
    // Decrypted once while the file stays the same: a turn reads its person to load them and again to commit.
    known.plaintext ??= this.cipher.decrypt(known.envelope, collection, id);
    return JSON.parse(known.plaintext) as T;
  }

  private async writeNow<T>(path: string, collection: string, id: string, value: T): Promise<void> {
    const plaintext = JSON.stringify(value);
    await this.writeEnvelope(path, this.cipher.encrypt(plaintext, collection, id), plaintext);
  }

  /** `plaintext`: what the envelope holds, when the caller has it (nothing to decrypt on the next read). */
  private async writeEnvelope(path: string, envelope: EncryptedEnvelope, plaintext?: string): Promise<void> {
    this.recent.delete(path);
    // Written compact (lowdb's JSONFile indents): only code reads the file, and a turn writes one.
    const written = await writeDocumentFile(path, JSON.stringify(envelope));
    this.remember(path, written, envelope, plaintext);
  }

  private remember(path: string, stats: WrittenFile, envelope: EncryptedEnvelope, plaintext?: string): RecentFile {
    const file: RecentFile = { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, envelope, plaintext };
    this.recent.delete(path);
    this.recent.set(path, file);
    if (this.recent.size > RECENT_FILES) this.recent.delete(this.recent.keys().next().value as string);
    return file;
  }

  private pathFor(collection: string, id: string): string {
    return this.storedPath({ collection, name: this.cipher.fileNameFor(collection, id) });
  }

  private storedPath({ collection, name }: StoredName): string {
    return join(this.rootDir, collection, `${name}.json`);
  }

  private ensureDir(collection: string): void {
    if (this.createdDirs.has(collection)) return;
    makePrivateDirSync(join(this.rootDir, collection));
    this.createdDirs.add(collection);
  }
}

/**
 * A file read or written lately, while it provably has not changed (same inode, size, modification and change times):
 * its envelope and, once decrypted, its JSON. Only in this process's memory, which holds the key anyway;
 * on disk every record stays encrypted.
 */
interface RecentFile {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  envelope: EncryptedEnvelope;
  plaintext?: string;
}

/** How many files' encrypted contents are kept in memory: bounded, whatever the number of people stored. */
const RECENT_FILES = 2_000;

/** The file in a data folder whose presence says `npm run rekey` is running on it. */
export const REKEY_MARKER = '.rekey.lock';

/** A record's rekey lock: taken by the rekey for each record, and by a server's writes while a rekey runs. */
function recordLockPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.lock`);
}
