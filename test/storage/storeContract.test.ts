import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores, type Stores } from '../../data/stores.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { storeKinds, type StoreKind } from '../support/storeKinds.js';

/**
 * The contract every store keeps, run against both: the embedded encrypted files (one process) and
 * PostgreSQL (a real server, several instances). Each "instance" below is a separately opened store, as
 * two processes would open it.
 */
const key = randomBytes(32);
const KINDS = storeKinds(key);

describe.each(KINDS)('the %s store', (_name, make) => {
  let kind: StoreKind;
  let stores: Stores;
  const opened: Stores[] = [];
  const open = async () => {
    const store = await kind.open();
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    kind = await make();
    stores = await open();
  });

  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await kind.cleanup();
  });

  it('reads what was written, and nothing once deleted', async () => {
    const { documents } = stores;
    expect(await documents.read('things', 'missing')).toBeUndefined();
    await documents.write('things', 'a', { words: 'Zażółć gęślą jaźń 😟' });
    expect(await documents.read('things', 'a')).toEqual({ words: 'Zażółć gęślą jaźń 😟' });
    await documents.write('things', 'a', { words: 'changed' });
    expect(await documents.read('things', 'a')).toEqual({ words: 'changed' });
    await documents.delete('things', 'a');
    expect(await documents.read('things', 'a')).toBeUndefined();
  });

  it('applies every one of 60 updates made at once, from two instances where it can run two', async () => {
    const second = kind.name === 'postgres' ? await open() : stores;
    await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        (index % 2 === 0 ? stores : second).documents.update<{ count: number; seen: number[] }>('counters', 'one', (current) => ({
          count: (current?.count ?? 0) + 1,
          seen: [...(current?.seen ?? []), index],
        })),
      ),
    );
    const counted = await stores.documents.read<{ count: number; seen: number[] }>('counters', 'one');
    expect(counted?.count).toBe(60);
    expect(new Set(counted?.seen).size).toBe(60);
  });

  it('writes nothing when an update fails', async () => {
    await stores.documents.write('things', 'kept', { value: 1 });
    await expect(
      stores.documents.update('things', 'kept', () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await stores.documents.read('things', 'kept')).toEqual({ value: 1 });
  });

  it('runs work on one key one at a time, from any instance', async () => {
    const second = kind.name === 'postgres' ? await open() : stores;
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((done) => setTimeout(done, 5));
      inside--;
    };
    await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? stores : second).coordination.withLock('person:p1', work)));
    expect(most).toBe(1);
  });

  it('keeps the audit chain one line when entries are recorded at once from every instance', async () => {
    const second = kind.name === 'postgres' ? await open() : stores;
    await Promise.all(Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? stores : second).audit.record({ event: 'agency.listed', agencyId: `agency-${index}` })));
    const verified = await stores.audit.verify();
    expect(verified).toMatchObject({ ok: true, entries: 30 });
  });

  it('keeps nothing personal in plain text at rest, not even the ids', async () => {
    await stores.documents.write('people', '+447700900123', { story: 'I sleep in my car near the station' });
    const raw = await kind.atRest();
    expect(raw).not.toContain('I sleep in my car');
    expect(raw).not.toContain('447700900123');
  });
});

describe('the postgres store only', () => {
  let database: TestDatabase;
  let stores: Stores;

  beforeAll(async () => {
    database = await freshDatabase();
    stores = await openStores({ databaseUrl: database.url, dataDir: tmpdir(), cipher: new RecordCipher(key), poolSize: 4 });
  });

  afterAll(async () => {
    await stores.close();
    await database.drop();
  });

  it('keeps all of a unit of work, or none of it (documents and audit entry together)', async () => {
    await expect(
      stores.coordination.atomically(async () => {
        await stores.documents.write('handoffs', 'h1', { parts: ['housing'] });
        await stores.documents.update('agency-handoffs', 'a1', () => ({ entries: ['h1'] }));
        await stores.audit.record({ event: 'agency.listed', agencyId: 'a1' });
        throw new Error('the process stopped here');
      }),
    ).rejects.toThrow('the process stopped here');
    expect(await stores.documents.read('handoffs', 'h1')).toBeUndefined();
    expect(await stores.documents.read('agency-handoffs', 'a1')).toBeUndefined();
    expect(await stores.audit.verify()).toMatchObject({ ok: true, entries: 0 });

    await stores.coordination.atomically(async () => {
      await stores.documents.write('handoffs', 'h1', { parts: ['housing'] });
      await stores.audit.record({ event: 'agency.listed', agencyId: 'a1' });
    });
    expect(await stores.documents.read('handoffs', 'h1')).toEqual({ parts: ['housing'] });
    expect(await stores.audit.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('migrates once when instances start together, and refuses a record written under another key', async () => {
    const together = await Promise.all(Array.from({ length: 3 }, () => openStores({ databaseUrl: database.url, dataDir: tmpdir(), cipher: new RecordCipher(key), poolSize: 2 })));
    await Promise.all(together.map((store) => store.close()));
    await stores.documents.write('things', 'secret', { value: 'x' });
    const other = await openStores({ databaseUrl: database.url, dataDir: tmpdir(), cipher: new RecordCipher(randomBytes(32)), poolSize: 2 });
    try {
      // Another key names records differently (keyed ids): it does not even find it, let alone read it.
      expect(await other.documents.read('things', 'secret')).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
