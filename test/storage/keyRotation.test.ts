import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config.js';
import { operatorCopy } from '../../bot/i18n.js';
import { EncryptedFileDocumentStore, REKEY_MARKER } from '../../data/storage/encryptedDocumentStore.js';
import { KeyRing, RecordCipher, boundToId, keyFingerprint, namingKeyFrom, type EncryptedEnvelope } from '../../data/storage/encryption.js';
import { parseKeyList, resolveEncryptionKeys } from '../../data/storage/encryptionKey.js';
import { NamingKeyMissingError } from '../../data/storage/namingKey.js';
import { rekeyRecords } from '../../data/storage/rekey.js';
import { openStores } from '../../data/stores.js';

const b64 = (key: Buffer) => key.toString('base64');
const t = operatorCopy();

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'one-story-keys-'));
}

describe('ONESTORY_ENCRYPTION_KEYS', () => {
  it('takes id:base64 entries, the current key first, and an entry without an id by its fingerprint', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    expect(parseKeyList(`2026-12:${b64(a)}, ${b64(b)}`)).toEqual({ keys: [{ id: '2026-12', key: a }, { id: keyFingerprint(b), key: b }] });
  });

  it.each([
    ['a key of the wrong length', `k:${b64(randomBytes(16))}`, 'keyLength'],
    ['an id with a space', `my key:${b64(randomBytes(32))}`, 'format'],
    ['an empty entry', `k:${b64(randomBytes(32))},`, 'format'],
    ['one id twice', `k:${b64(randomBytes(32))},k:${b64(randomBytes(32))}`, 'duplicate'],
  ])('refuses %s, naming the variable and never the value', (_what, value, problem) => {
    expect(parseKeyList(value)).toEqual({ problem });
    let message = '';
    try {
      loadConfig({ ONESTORY_ENCRYPTION_KEYS: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`ONESTORY_ENCRYPTION_KEYS: ${t(`operator.config.encryptionKeys.${problem}`)}`);
    expect(message).not.toContain(value.split(':')[1].split(',')[0]);
  });

  it('is refused beside ONESTORY_ENCRYPTION_KEY, and is enough in production', () => {
    const key = b64(randomBytes(32));
    expect(() => loadConfig({ ONESTORY_ENCRYPTION_KEYS: `k:${key}`, ONESTORY_ENCRYPTION_KEY: key })).toThrow(t('operator.config.encryptionKeys.notBoth'));
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'p', ONESTORY_ENCRYPTION_KEYS: `k:${key}` })).not.toThrow();
  });
});

describe('reading with any known key, writing with the current one', () => {
  it('reads what the single-key setting wrote, with that key later under an id of its own, and writes under the first key', async () => {
    const dir = await folder();
    const [old, fresh] = [randomBytes(32), randomBytes(32)];
    const before = await openStores({ dataDir: dir, keys: (await resolveEncryptionKeys({ ONESTORY_ENCRYPTION_KEY: b64(old) }, dir, false)).keys });
    await before.documents.write('people', '+447700900123', { told: 'a story' });
    // The names are those of a folder from before rotation: derived from the key the folder began with.
    expect(await readdir(join(dir, 'people'))).toEqual([`${new RecordCipher(old).fileNameFor('people', '+447700900123')}.json`]);
    await before.close();

    const keys = (await resolveEncryptionKeys({ ONESTORY_ENCRYPTION_KEYS: `new:${b64(fresh)},old:${b64(old)}` }, dir, false)).keys;
    const after = await openStores({ dataDir: dir, keys });
    expect(await after.documents.read('people', '+447700900123')).toEqual({ told: 'a story' });
    await after.documents.update<{ told: string; more?: string }>('people', '+447700900123', (current) => ({ ...current!, more: 'and more' }));
    const [file] = await readdir(join(dir, 'people'));
    expect((JSON.parse(await readFile(join(dir, 'people', file), 'utf8')) as EncryptedEnvelope).kid).toBe('new');
    await after.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('will not guess which of several keys a folder without a naming key began with', async () => {
    const dir = await folder();
    const keys = new KeyRing([{ id: 'a', key: randomBytes(32) }, { id: 'b', key: randomBytes(32) }]);
    await expect(openStores({ dataDir: dir, keys })).rejects.toThrow(NamingKeyMissingError);
    await rm(dir, { recursive: true, force: true });
  });

  it('still reads a record written before keys could rotate (bound to its id); the rekey leaves it and says so', async () => {
    const dir = await folder();
    const key = randomBytes(32);
    const stores = await openStores({ dataDir: dir, keys: KeyRing.single(key) });
    const name = stores.cipher.fileNameFor('people', 'p-1');
    await stores.documents.write('people', 'p-1', { placeholder: true });
    // The file as the code before rotation wrote it: `v: 1`, bound to the collection and the id.
    const legacy = KeyRing.single(key).seal(JSON.stringify({ told: 'long ago' }), boundToId('people', 'p-1'), 1);
    await writeFile(join(dir, 'people', `${name}.json`), JSON.stringify(legacy));
    expect(await stores.documents.read('people', 'p-1')).toEqual({ told: 'long ago' });
    await stores.close();

    const rotated = await openStores({ dataDir: dir, keys: new KeyRing([{ id: 'next', key: randomBytes(32) }, { id: 'first', key }]) });
    const counts = await rekeyRecords(rotated.records, rotated.cipher, { batchSize: 10 });
    // The naming key's own record is re-encrypted; the old record waits for the server's next write of it.
    expect(counts).toMatchObject({ examined: 2, rewritten: 1, boundToId: 1 });
    await rotated.documents.update<{ told: string }>('people', 'p-1', (current) => current!);
    expect(await rekeyRecords(rotated.records, rotated.cipher, { batchSize: 10 })).toMatchObject({ examined: 2, rewritten: 0, current: 2, boundToId: 0 });
    expect(await rotated.documents.read('people', 'p-1')).toEqual({ told: 'long ago' });
    await rotated.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the naming key out of the store: only the derived key, encrypted', async () => {
    const dir = await folder();
    const key = randomBytes(32);
    const stores = await openStores({ dataDir: dir, keys: KeyRing.single(key) });
    const stored = await readFile(join(dir, '_keys', 'naming.json'), 'utf8');
    expect(stored).not.toContain(b64(key));
    expect(stored).not.toContain(b64(namingKeyFrom(key)));
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('a server writing while a rekey runs on the embedded store', () => {
  it("waits for the rekey's hold on a record while a rekey runs", async () => {
    const dir = await folder();
    const store = new EncryptedFileDocumentStore(dir, new RecordCipher(randomBytes(32)));
    await store.write('people', 'p', { version: 1 });
    const [file] = await readdir(join(dir, 'people'));
    const hold = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
    await writeFile(join(dir, REKEY_MARKER), hold);
    await writeFile(join(dir, 'people', `.${file}.lock`), hold);
    let written = false;
    const write = store.write('people', 'p', { version: 2 }).then(() => (written = true));
    // The hold is released only after the write had every chance to go round it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(written).toBe(false);
    await rm(join(dir, 'people', `.${file}.lock`));
    await write;
    expect(await store.read('people', 'p')).toEqual({ version: 2 });
    await rm(join(dir, REKEY_MARKER));
    await rm(dir, { recursive: true, force: true });
  });
});
