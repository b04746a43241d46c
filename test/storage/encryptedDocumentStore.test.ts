import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';

async function newStore() {
  const dir = await mkdtemp(join(tmpdir(), 'one-story-store-'));
  const cipher = new RecordCipher(randomBytes(32));
  return { dir, cipher, store: new EncryptedFileDocumentStore(dir, cipher) };
}

async function allFileText(dir: string): Promise<string> {
  let text = '';
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) text += await readFile(join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name), 'utf8');
  }
  return text;
}

describe('EncryptedFileDocumentStore', () => {
  it('writes to disk encrypted and reads back what was written', async () => {
    const { dir, store } = await newStore();
    await store.write('stories', '+447700900123', { words: 'purple-elephant-7731' });
    const onDisk = await allFileText(dir);
    expect(onDisk).not.toContain('purple-elephant-7731');
    expect(onDisk).not.toContain('447700900123');
    expect(onDisk).toMatch(/"alg": ?"A256GCM"/);
    expect(await store.read('stories', '+447700900123')).toEqual({ words: 'purple-elephant-7731' });
  });

  it('uses a fresh IV for every write', async () => {
    const { dir, store } = await newStore();
    await store.write('c', 'id', { same: true });
    const first = await allFileText(dir);
    await store.write('c', 'id', { same: true });
    expect(await allFileText(dir)).not.toBe(first);
  });

  it('never uses an IV twice, however many records are sealed (IVs come from a pool of random bytes, refilled as used)', () => {
    const cipher = new RecordCipher(randomBytes(32));
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) ivs.add(cipher.encrypt('{"same":true}', 'c', 'id').iv);
    expect(ivs.size).toBe(1000);
    // And each still opens.
    const envelope = cipher.encrypt('{"same":true}', 'c', 'id');
    expect(cipher.decrypt(envelope, 'c', 'id')).toBe('{"same":true}');
  });

  it('reads what another process wrote to a file it read before (nothing stale from its memory)', async () => {
    const { dir, cipher, store } = await newStore();
    await store.write('people', 'p1', { version: 1 });
    expect(await store.read('people', 'p1')).toEqual({ version: 1 });
    // Another store on the same folder (as `npm run purge` or a rekey would be) rewrites the file.
    await new EncryptedFileDocumentStore(dir, cipher).write('people', 'p1', { version: 2 });
    expect(await store.read('people', 'p1')).toEqual({ version: 2 });
    expect(await store.update<{ version: number }>('people', 'p1', (current) => ({ version: (current?.version ?? 0) + 1 }))).toEqual({ version: 3 });
  });

  it('reads a file changed in place to the same size with its modification time put back (its change time tells)', async () => {
    const { dir, store } = await newStore();
    await store.write('people', 'p1', { version: 1 });
    const [file] = (await readdir(join(dir, 'people'))).filter((name) => name.endsWith('.json'));
    const path = join(dir, 'people', file);
    const versionOne = await readFile(path);
    await store.write('people', 'p1', { version: 2 });
    // A round modification time, which utimes can put back exactly.
    const roundTime = new Date('2026-11-30T12:00:00Z');
    await utimes(path, roundTime, roundTime);
    expect(await store.read('people', 'p1')).toEqual({ version: 2 });
    // Same inode, same size, same modification time: only the change time differs (after a pause longer than
    // the coarse clock tick of kernels before 6.13, where the change time is no finer than the modification time).
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(path, versionOne);
    await utimes(path, roundTime, roundTime);
    expect(versionOne.length).toBe((await stat(path)).size);
    expect(await store.read('people', 'p1')).toEqual({ version: 1 });
  });

  it('refuses a file moved into another record, instead of showing one person another\'s story', async () => {
    const { dir, cipher, store } = await newStore();
    await store.write('stories', 'alice', { secret: 'alice' });
    await store.write('stories', 'bob', { secret: 'bob' });
    const alicePath = join(dir, 'stories', `${cipher.fileNameFor('stories', 'alice')}.json`);
    const bobPath = join(dir, 'stories', `${cipher.fileNameFor('stories', 'bob')}.json`);
    await rename(alicePath, bobPath);
    await expect(store.read('stories', 'bob')).rejects.toThrow();
  });

  it('refuses data written under another key, naming the key ids', async () => {
    const { dir, store } = await newStore();
    await store.write('c', 'id', { a: 1 });
    const other = new EncryptedFileDocumentStore(dir, new RecordCipher(randomBytes(32)));
    // Same file name only if the name key matched; write the first store's file where the other looks.
    const files = await readdir(join(dir, 'c'));
    const envelope = await readFile(join(dir, 'c', files[0]), 'utf8');
    const otherCipher = new RecordCipher(randomBytes(32));
    const otherStore = new EncryptedFileDocumentStore(dir, otherCipher);
    await writeFile(join(dir, 'c', `${otherCipher.fileNameFor('c', 'id')}.json`), envelope);
    await expect(otherStore.read('c', 'id')).rejects.toThrow(/encrypted with key/);
    expect(await other.read('c', 'missing')).toBeUndefined();
  });

  it('loses nothing when many writes to different and the same documents race', async () => {
    const { store } = await newStore();
    await Promise.all(Array.from({ length: 60 }, (_, i) => store.write('c', `doc-${i % 20}`, { i })));
    for (let i = 0; i < 20; i++) {
      const value = await store.read<{ i: number }>('c', `doc-${i}`);
      expect(value).toEqual({ i: i + 40 });
    }
  });

  it('deletes a document', async () => {
    const { store } = await newStore();
    await store.write('c', 'x', { a: 1 });
    await store.delete('c', 'x');
    expect(await store.read('c', 'x')).toBeUndefined();
    await store.delete('c', 'never-there');
  });
});
