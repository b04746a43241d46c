import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';

/** Every regular file under a folder, as paths relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const name of await readdir(dir, { recursive: true, encoding: 'utf8' })) {
    if ((await stat(join(dir, name))).isFile()) files.push(name);
  }
  return files.sort();
}

/** Files a write left behind: the store writes a temporary file, then renames it over the real one. */
export async function temporaryFiles(dir: string): Promise<string[]> {
  return (await filesUnder(dir)).filter((name) => /\.tmp$|\.tmp[.-]/i.test(basename(name)));
}

/**
 * Files that are not complete JSON: a `.json` file must parse as one value, a `.jsonl` file line by line
 * with its last line ended. Returns one problem per unreadable file (its path and why, never its content).
 */
export async function unreadableFiles(dir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const name of await filesUnder(dir)) {
    const text = await readFile(join(dir, name), 'utf8');
    try {
      if (name.endsWith('.jsonl')) {
        if (text.length > 0 && !text.endsWith('\n')) throw new Error('the last line is not complete');
        for (const line of text.split('\n').filter((line) => line.length > 0)) JSON.parse(line);
      } else if (name.endsWith('.json')) {
        if (JSON.parse(text) === null) throw new Error('it holds null');
      }
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message.slice(0, 80) : 'unreadable'}`);
    }
  }
  return problems;
}

/** A record read back through the store. */
export interface RecordRead {
  collection: string;
  id: string;
}

/**
 * Reads every record it can name through the store's own read API, which decrypts it and checks the
 * identity bound into it. A file's name is a keyed hash of its collection and id, so a record is found by
 * trying each known id in each collection folder; ids found inside records (`personId`) are tried too.
 * Returns the records read, and one problem per record found that could not be read.
 */
export async function readEveryKnownRecord(dir: string, encryptionKey: string, knownIds: readonly string[]): Promise<{ read: RecordRead[]; problems: string[] }> {
  const cipher = new RecordCipher(Buffer.from(encryptionKey, 'base64'));
  const store = new EncryptedFileDocumentStore(dir, cipher);
  const collections = [...new Set((await filesUnder(dir)).filter((name) => name.endsWith('.json')).map((name) => dirname(name)))].filter(
    (folder) => folder !== '.',
  );
  const read: RecordRead[] = [];
  const problems: string[] = [];
  const ids = [...knownIds];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    for (const collection of collections) {
      if (!(await exists(join(dir, collection, `${cipher.fileNameFor(collection, id)}.json`)))) continue;
      try {
        const record = await store.read<unknown>(collection, id);
        read.push({ collection, id });
        const personId = (record as { personId?: unknown } | undefined)?.personId;
        if (typeof personId === 'string' && !ids.includes(personId)) ids.push(personId);
      } catch (error) {
        problems.push(`${collection}/${id}: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 80)}` : 'unreadable'}`);
      }
    }
  }
  return { read, problems };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
