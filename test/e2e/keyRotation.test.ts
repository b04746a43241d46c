import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import pg from 'pg';
import { loadTranslations, operatorCopy } from '../../bot/i18n.js';
import { shareWhereIStay, tellOfSleepingRough } from '../support/chatJourneys.js';
import { projectRoot } from '../../data/paths.js';
import { KeyRing, boundToStoredName, isEnvelope, keyFingerprint, type EncryptedEnvelope, type StoredName } from '../../data/storage/encryption.js';
import { ensureServerCompiled } from '../crash/compiledServer.js';
import { ChannelUser, ReplyCapture, startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { waitFor } from '../support/waitFor.js';

/**
 * Rotating the encryption key while One Story serves, on both stores: a person tells part of their story
 * and shares it under key k1; the server restarts with [k2, k1] and they carry on; the real
 * `npm run rekey` (its compiled CLI, in its own process) re-encrypts everything while the person talks,
 * after a run stopped by --limit and one killed midway; then the server runs on k2 alone and everything
 * still reads. Every check looks at what is stored (the files, the rows) or what a person or agency sees.
 */

const HOUSING = 'peterborough-housing-needs';
const HOUSING_NAME = 'Housing Needs (Peterborough)';
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const k1Id = keyFingerprint(k1); // what the single ONESTORY_ENCRYPTION_KEY setting has always written
const b64 = (key: Buffer) => key.toString('base64');

let t: TFunction;
const operator = operatorCopy();

beforeAll(async () => {
  await ensureServerCompiled();
  t = (await loadTranslations()).forLocale('en');
}, 240_000);

/** A stored record as it is on disk or in its row. */
interface Stored extends StoredName {
  envelope: EncryptedEnvelope;
}

/** One kind of store, as the test reaches it from outside One Story. */
interface StoreUnderTest {
  env: Record<string, string>;
  /** Every encrypted record, straight from the files or rows. */
  stored(): Promise<Stored[]>;
  replace(record: Stored, envelope: EncryptedEnvelope): Promise<void>;
  /** Holds a record as a server's write would (its lock), until the returned function is called. */
  hold(record: Stored): Promise<() => Promise<void>>;
  /** Of the records under this key, the one the rekey reaches last. */
  last(kid: string): Promise<Stored>;
  auditEvents(): Promise<string[]>;
  close(): Promise<void>;
}

function embeddedStore(dataDir: string): StoreUnderTest {
  const path = (record: StoredName) => join(dataDir, record.collection, `${record.name}.json`);
  return {
    env: {},
    async stored() {
      const all: Stored[] = [];
      for (const folder of await readdir(dataDir, { withFileTypes: true })) {
        if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
        for (const file of await readdir(join(dataDir, folder.name))) {
          if (!file.endsWith('.json') || file.startsWith('.')) continue;
          const envelope: unknown = JSON.parse(await readFile(join(dataDir, folder.name, file), 'utf8'));
          if (isEnvelope(envelope)) all.push({ collection: folder.name, name: file.slice(0, -5), envelope });
        }
      }
      return all;
    },
    replace: (record, envelope) => writeFile(path(record), JSON.stringify(envelope)),
    async hold(record) {
      const lock = join(dataDir, record.collection, `.${record.name}.json.lock`);
      await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }), { flag: 'wx' });
      return () => rm(lock, { force: true });
    },
    async last(kid) {
      // The rekey's order: folders by name, then files by name.
      const under = (await this.stored()).filter((record) => record.envelope.kid === kid);
      return under.sort((a, b) => (a.collection === b.collection ? (a.name < b.name ? -1 : 1) : a.collection < b.collection ? -1 : 1)).at(-1)!;
    },
    async auditEvents() {
      const lines = (await readFile(join(dataDir, 'audit', 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean);
      return lines.map((line) => (JSON.parse(line) as { event: string }).event);
    },
    close: async () => undefined,
  };
}

async function postgresStore(database: TestDatabase): Promise<StoreUnderTest> {
  const client = new pg.Client(database.url);
  await client.connect();
  return {
    env: { DATABASE_URL: database.url },
    async stored() {
      const rows = await client.query<{ collection: string; key: string; envelope: unknown }>('SELECT collection, key, envelope FROM documents');
      return rows.rows.filter((row) => isEnvelope(row.envelope)).map((row) => ({ collection: row.collection, name: row.key, envelope: row.envelope as EncryptedEnvelope }));
    },
    async replace(record, envelope) {
      await client.query('UPDATE documents SET envelope = $3 WHERE collection = $1 AND key = $2', [record.collection, record.name, envelope]);
    },
    async hold(record) {
      const holder = new pg.Client(database.url);
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM documents WHERE collection = $1 AND key = $2 FOR UPDATE', [record.collection, record.name]);
      return async () => {
        await holder.query('ROLLBACK');
        await holder.end();
      };
    },
    async last(kid) {
      // PostgreSQL's own order (its collation), as the rekey pages through it.
      const rows = await client.query<{ collection: string; key: string; envelope: EncryptedEnvelope }>(
        "SELECT collection, key, envelope FROM documents WHERE envelope->>'kid' = $1 ORDER BY collection DESC, key DESC LIMIT 1",
        [kid],
      );
      return { collection: rows.rows[0].collection, name: rows.rows[0].key, envelope: rows.rows[0].envelope };
    },
    async auditEvents() {
      const rows = await client.query<{ entry: string }>('SELECT entry FROM audit_log ORDER BY seq');
      return rows.rows.map((row) => (JSON.parse(row.entry) as { event: string }).event);
    },
    close: () => client.end(),
  };
}

/** `npm run rekey` as an operator runs it: the compiled CLI, in its own process, from a folder with no .env. */
function rekey(dataDir: string, env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'bot', 'cli', 'rekey.js'), ...args], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

const kids = (records: Stored[]) => records.map((record) => record.envelope.kid);

describe.each<['embedded' | 'postgres']>([['embedded'], ['postgres']])('rotating the key on the %s store while serving', (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let store: StoreUnderTest;
  const capture = new ReplyCapture();
  let running: RunningOneStory | undefined;
  let logLines: string[] = [];

  beforeAll(async () => {
    await capture.start();
    dataDir = await mkdtemp(join(tmpdir(), 'one-story-rekey-'));
    if (kind === 'postgres') database = await freshDatabase();
    store = database ? await postgresStore(database) : embeddedStore(dataDir);
  });

  afterAll(async () => {
    await running?.app.close();
    await capture.stop();
    await store.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** (Re)starts the real server on the same store with these key settings. */
  async function serve(keys: Record<string, string>): Promise<void> {
    await running?.app.close();
    logLines = [];
    running = await startOneStory({ dataDir, logLines, env: { ONESTORY_ENCRYPTION_KEY: '', ...store.env, ...keys } });
  }

  const person = () => new ChannelUser(() => running!.baseUrl, capture, `rekey-${kind}`, `rekey-user-${kind}`);

  async function agencyReads(agencyKey: string, reference: string): Promise<string> {
    const auth = { authorization: `Bearer ${agencyKey}` };
    const list = (await (await fetch(`${running!.baseUrl}/api/agency/handoffs`, { headers: auth })).json()) as { items: Array<{ handoffId: string; reference: string }> };
    const item = list.items.find((candidate) => candidate.reference === reference)!;
    const response = await fetch(`${running!.baseUrl}/api/agency/handoffs/${item.handoffId}`, { headers: auth });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('reads with every key, re-encrypts everything under the current one, resumes after a stop, and refuses an unknown key', async () => {
    // Under k1, set the way it always was (the single key): a person tells part of their story and shares it.
    await serve({ ONESTORY_ENCRYPTION_KEY: b64(k1) });
    const jo = person();
    await tellOfSleepingRough(jo, t);
    const reference = await shareWhereIStay(jo, HOUSING_NAME);
    const { key: agencyKey } = await running!.app.agencyKeys.create(HOUSING);
    expect(await agencyReads(agencyKey, reference)).toContain('I lost my tent');
    expect(new Set(kids(await store.stored()))).toEqual(new Set([k1Id]));

    // Restarted with [k2, k1]: the person carries on, everything told under k1 reads, new writes are under k2.
    const both = { ONESTORY_ENCRYPTION_KEYS: `k2:${b64(k2)},k1:${b64(k1)}` };
    await serve(both);
    await jo.say('Money');
    await jo.tell('Universal Credit but it stopped', t);
    const review = (await jo.say('review')).join('\n');
    expect(review).toContain('I lost my tent');
    expect(review).toContain('Universal Credit but it stopped');
    await jo.say('menu');
    expect(await agencyReads(agencyKey, reference)).toContain('I lost my tent');
    const mixed = await store.stored();
    expect(new Set(kids(mixed))).toEqual(new Set([k1Id, 'k2']));
    const underK1 = mixed.filter((record) => record.envelope.kid === k1Id).length;
    expect(underK1).toBeGreaterThan(3);

    // A run stopped by --limit leaves the rest under k1.
    const limited = rekey(dataDir, { ...store.env, ...both }, ['--limit', '2', '--batch-size', '1']);
    expect(await limited.exited).toEqual({ code: 0, signal: null });
    expect(limited.output()).toContain(operator('operator.rekey.limited', { limit: 2 }));
    expect(kids(await store.stored()).filter((kid) => kid === k1Id)).toHaveLength(underK1 - 2);

    // A run killed midway: the record it reaches last is held (as a server's write holds it), so it has
    // re-encrypted every other one and waits there when it is killed.
    const last = await store.last(k1Id);
    const release = await store.hold(last);
    const killed = rekey(dataDir, { ...store.env, ...both }, ['--batch-size', '1']);
    await waitFor(async () => kids(await store.stored()).filter((kid) => kid === k1Id).length === 1, 'every record but the held one re-encrypted', 60_000);
    killed.child.kill('SIGKILL');
    expect((await killed.exited).code).not.toBe(0);
    await release();
    expect((await store.stored()).filter((record) => record.envelope.kid === k1Id).map((record) => record.name)).toEqual([last.name]);

    // Run again while the person talks: it completes, and nothing is left under k1.
    const [finished] = await Promise.all([
      (async () => {
        const run = rekey(dataDir, { ...store.env, ...both });
        return { ...(await run.exited), output: run.output() };
      })(),
      (async () => {
        await jo.say('Physical health');
        await jo.tell('My knee hurts when it is cold', t);
      })(),
    ]);
    expect(finished.output).toContain(operator('operator.rekey.complete'));
    expect(finished.code).toBe(0);
    const after = await store.stored();
    expect(after.length).toBeGreaterThan(underK1);
    expect(new Set(kids(after))).toEqual(new Set(['k2']));
    expect(await store.auditEvents()).toEqual(expect.arrayContaining(['records.rekeyed']));
    expect(await running!.app.auditLog.verify()).toMatchObject({ ok: true });

    // On k2 alone, everything still reads: the story, the answer given during the rekey, the handoff.
    const onlyK2 = { ONESTORY_ENCRYPTION_KEYS: `k2:${b64(k2)}` };
    await serve(onlyK2);
    const reviewOnK2 = (await jo.say('review')).join('\n');
    for (const answer of ['I lost my tent', 'Universal Credit but it stopped', 'My knee hurts when it is cold']) expect(reviewOnK2).toContain(answer);
    await jo.say('menu');
    expect(await agencyReads(agencyKey, reference)).toContain('I lost my tent');

    // A record under a key that is not configured is refused with a clear error, to the person kindly.
    const k0 = new KeyRing([{ id: 'k0', key: randomBytes(32) }]);
    const current = new KeyRing([{ id: 'k2', key: k2 }]);
    const record = (await store.stored()).find((stored) => stored.collection === 'people')!;
    await store.replace(record, k0.seal(current.open(record.envelope, boundToStoredName(record)), boundToStoredName(record)));
    expect((await jo.say('review')).join('\n')).toContain(t('error.somethingWentWrong'));
    expect(logLines.join('\n')).toContain('UnknownEncryptionKeyError');
    const refused = rekey(dataDir, { ...store.env, ...onlyK2 });
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toContain(operator('operator.rekey.unknownKey', { count: 1 }));
  }, 300_000);
});
