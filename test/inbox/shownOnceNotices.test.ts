import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShownOnceNotices } from '../../data/staff/shownOnceNotices.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores, type Stores } from '../../data/stores.js';

/** What an admin form leaves for the next page: shown once, never after a few minutes, never readable on disk. */
describe('ShownOnceNotices', () => {
  let stores: Stores;
  let dataDir: string;
  let now = new Date('2026-12-02T09:00:00Z');
  let notices: ShownOnceNotices<{ key: string }>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'one-story-notices-'));
    stores = await openStores({ dataDir, cipher: new RecordCipher(randomBytes(32)) });
    notices = new ShownOnceNotices(stores.documents, { clock: () => now, maxAgeMs: 5 * 60_000 });
  });
  afterAll(() => stores.close());

  it('gives a notice to the first page that asks, and to no other', async () => {
    const key = `osk_${randomBytes(8).toString('hex')}.${randomBytes(32).toString('base64url')}`;
    await notices.put('session-1', { key });
    expect(await notices.take('session-2')).toBeUndefined();
    const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((entry) => entry.isFile())) {
      expect((await readFile(join(file.parentPath, file.name)).catch(() => Buffer.alloc(0))).includes(key)).toBe(false);
    }
    expect(await notices.take('session-1')).toEqual({ key });
    expect(await notices.take('session-1')).toBeUndefined();
  });

  it('forgets a notice nobody came for in time', async () => {
    await notices.put('session-3', { key: 'late' });
    now = new Date(now.getTime() + 6 * 60_000);
    expect(await notices.take('session-3')).toBeUndefined();
    now = new Date(now.getTime() - 6 * 60_000);
    expect(await notices.take('session-3')).toBeUndefined();
  });
});
