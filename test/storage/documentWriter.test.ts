import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseDocumentWriter, writeDocumentFile } from '../../data/storage/documentWriter.js';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';

/** The thread that writes the embedded store's files (data/storage/documentWriter.ts), used as the store uses it. */
describe('the document writer thread', () => {
  it('writes a whole file, for its owner only, leaves no temporary file, and says what the file now is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-story-writer-'));
    const path = join(dir, 'record.json');
    const written = await writeDocumentFile(path, '{"a":1}');
    expect(await readFile(path, 'utf8')).toBe('{"a":1}');
    const stats = await stat(path);
    expect(stats.mode & 0o777).toBe(0o600);
    expect(written).toEqual({ ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs });
    expect(await readdir(dir)).toEqual(['record.json']);
  });

  it('replaces a file with the new text whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-story-writer-'));
    const path = join(dir, 'record.json');
    await writeDocumentFile(path, JSON.stringify({ long: 'x'.repeat(10_000) }));
    await writeDocumentFile(path, '{"short":true}');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ short: true });
  });

  it('writes many files asked for at once, each with its own text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-story-writer-'));
    await Promise.all(Array.from({ length: 200 }, (_, i) => writeDocumentFile(join(dir, `${i}.json`), JSON.stringify({ i }))));
    for (const i of [0, 57, 199]) expect(JSON.parse(await readFile(join(dir, `${i}.json`), 'utf8'))).toEqual({ i });
    expect((await readdir(dir)).length).toBe(200);
  });

  it('refuses clearly when a file cannot be written, and goes on writing the next ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-story-writer-'));
    await expect(writeDocumentFile(join(dir, 'no-such-folder', 'record.json'), '{}')).rejects.toMatchObject({ code: 'ENOENT' });
    await writeDocumentFile(join(dir, 'record.json'), '{"after":true}');
    expect(JSON.parse(await readFile(join(dir, 'record.json'), 'utf8'))).toEqual({ after: true });
  });

  it('when released (the app closes), finishes the writes already asked for, and a later write starts it again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-story-writer-'));
    const pending = Array.from({ length: 20 }, (_, i) => writeDocumentFile(join(dir, `${i}.json`), JSON.stringify({ i })));
    releaseDocumentWriter();
    await Promise.all(pending);
    expect((await readdir(dir)).length).toBe(20);
    await writeDocumentFile(join(dir, 'later.json'), '{"later":true}');
    expect(JSON.parse(await readFile(join(dir, 'later.json'), 'utf8'))).toEqual({ later: true });
  });

  it("the store's updates to one record, asked for at once, all land in order", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-story-writer-'));
    const cipher = new RecordCipher(randomBytes(32));
    const store = new EncryptedFileDocumentStore(dir, cipher);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.update<{ seen: number[] }>('c', 'one', (current) => ({ seen: [...(current?.seen ?? []), i] }))));
    // Read by a second store over the same folder: from the file, not from the first store's memory.
    const fromDisk = await new EncryptedFileDocumentStore(dir, cipher).read<{ seen: number[] }>('c', 'one');
    expect(fromDisk?.seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
