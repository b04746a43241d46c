import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { DEFAULT_AGENCIES_PATH } from '../../data/agencyDirectoryLoader.js';
import { AUDIT_LOG_FILE, readLines } from '../../data/audit/auditLog.js';
import { projectRoot } from '../../data/paths.js';
import { Database } from '../../data/postgres/database.js';
import { createPool, type Pool } from '../../data/postgres/pool.js';
import { ifNoOtherProcess } from '../../data/storage/crossProcess.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores, type Stores } from '../../data/stores.js';
import { escapeHtml } from '../../bot/http/escapeHtml.js';
import { loadTranslations } from '../../bot/i18n.js';
import type { HandoffRecord } from '../../domain/sharing/handoffStatus.js';
import { ensureServerCompiled } from '../crash/compiledServer.js';
import { personOn } from '../support/dialogHarness.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { sampleStory, wording } from '../support/sharingFixtures.js';
import { waitFor } from '../support/waitFor.js';
import { WebhookReceiver } from '../support/webhookReceiver.js';

/**
 * Retention (issue 11, point 5): a person inactive past RETENTION_DAYS is erased as "delete my story"
 * erases; an expired consent's handoff loses its content and leaves a tombstone the agency sees; spent
 * resume codes go. By the server's daily sweep and by `npm run purge`, on both
 * stores, with the server running; audited, and the audit chain stays whole.
 */

const HOUSING = 'cambridge-housing-options';
const DAY_MS = 24 * 60 * 60 * 1000;
const ROOT = projectRoot();
let t: TFunction;

/** Each test runs whole conversations and spawns the compiled CLI: generous on a shared, loaded machine. */
const SLOW_MS = 120_000;

beforeAll(async () => {
  t = (await loadTranslations()).forLocale('en');
  // `npm run purge` runs the compiled CLI (scripts/buildIfStale.mjs builds it the same way).
  await ensureServerCompiled();
}, 600_000);

interface World {
  running: RunningOneStory;
  receiver: WebhookReceiver;
  dataDir: string;
  encryptionKey: string;
  env: Record<string, string>;
  agencyKey: string;
  setNow(at: Date): void;
  /** The stores as an operator's process opens them beside the server (opened once per world, see `stored`). */
  reader(): Promise<Stores>;
  /** A connection of the test's own to the database (PostgreSQL only), opened once per world. */
  sql(): Pool;
}

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

/** One Story running, with a clock the test moves, the housing team's webhook pointing at a receiver. */
async function startWorld(options: { now: Date; databaseUrl?: string }): Promise<World> {
  const receiver = new WebhookReceiver();
  await receiver.start();
  opened.push(() => receiver.stop());
  const dataDir = await mkdtemp(join(tmpdir(), 'one-story-retention-'));
  const directory = JSON.parse(await readFile(DEFAULT_AGENCIES_PATH, 'utf8')) as { agencies: Array<{ id: string; handoff: { webhookUrl: string | null } }> };
  directory.agencies.find((agency) => agency.id === HOUSING)!.handoff.webhookUrl = receiver.url;
  const agenciesPath = join(dataDir, 'agencies.test.json');
  await writeFile(agenciesPath, JSON.stringify(directory));
  const env: Record<string, string> = {
    AGENCIES_PATH: agenciesPath,
    AGENCY_WEBHOOK_SECRETS: JSON.stringify({ [HOUSING]: `whsec_${randomBytes(32).toString('base64')}` }),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
  const encryptionKey = randomBytes(32).toString('base64');
  let now = options.now;
  const running = await startOneStory({ dataDir, encryptionKey, env, clock: () => now });
  opened.push(() => running.app.close());
  const agencyKey = (await running.app.agencyKeys.create(HOUSING)).key;
  let reader: Promise<Stores> | undefined;
  const openReader = () => {
    if (!reader) {
      reader = openStores({ databaseUrl: env.DATABASE_URL, dataDir, cipher: new RecordCipher(Buffer.from(encryptionKey, 'base64')), owner: false });
      const opening = reader;
      opened.push(async () => (await opening).close());
    }
    return reader;
  };
  let pool: Pool | undefined;
  const sql = () => {
    if (!pool) {
      const opening = (pool = createPool(env.DATABASE_URL!, 1));
      opened.push(() => opening.end());
    }
    return pool;
  };
  return { running, receiver, dataDir, encryptionKey, env, agencyKey, setNow: (at) => (now = at), reader: openReader, sql };
}

/** A person on one device, talking to the running server as the local web chat does. */
function device(world: World, userId: string) {
  const say = personOn(world.running.app, userId).sayTexts;
  return {
    say,
    personId: () => world.running.app.people.personOf(`webchat:${userId}`),
    code: async () => {
      const prefix = t('resumeCode.issued', { code: '' });
      return (await say('continue on another device')).find((reply) => reply.startsWith(prefix))!.slice(prefix.length);
    },
  };
}

interface Seeded {
  gone: ReturnType<typeof device>;
  stays: ReturnType<typeof device>;
  goneId: string;
  staysId: string;
  goneCode: string;
  staysCode: string;
  goneHandoff: { handoffId: string; reference: string };
  staysHandoff: { handoffId: string; reference: string };
}

/**
 * 400 days ago: "gone" tells their name, takes a code and shares with the housing team, then never comes
 * back; "stays" does the same and comes back today; someone else types a wrong code. Today is real time, so
 * `npm run purge` (which reads the real clock) sees the same.
 */
async function seed(world: World): Promise<Seeded> {
  const today = new Date();
  world.setNow(new Date(today.getTime() - 400 * DAY_MS));
  const gone = device(world, 'gone');
  const welcome = await gone.say('hi');
  // The welcome says how long an untouched story is kept.
  expect(welcome).toContain(t('welcome.retention', { period: '1 year' }));
  await gone.say('No, just me');
  await gone.say('Robin');
  const goneCode = await gone.code();
  const goneId = (await gone.personId())!;

  const stays = device(world, 'stays');
  await stays.say('hi');
  await stays.say('No, just me');
  await stays.say('Sam');
  const staysCode = await stays.code();
  const staysId = (await stays.personId())!;

  const share = (personId: string) =>
    world.running.app.sharing.share({ story: sampleStory(personId), agencyId: HOUSING, parts: ['housing', 'what-helps'], heldBack: [], wording, channel: 'webchat', supportedBy: null });
  const goneHandoff = await share(goneId);
  const staysHandoff = await share(staysId);

  const guesser = device(world, 'guesser');
  await guesser.say('I have a code');
  expect(await guesser.say('apple river cloud lemon 123')).toContain(t('resumeCode.didNotWork'));

  world.setNow(today);
  expect(await stays.say('hi')).toContain(t('welcomeBack.greetingNamed', { name: 'Sam' }));
  return { gone, stays, goneId, staysId, goneCode, staysCode, goneHandoff, staysHandoff };
}

/**
 * A document as stored (files or PostgreSQL), read with the key as an operator could: not through the
 * server, whose caches would not show what another process (`npm run purge`) changed. The reader is the
 * test's own stores, opened once per world (as a CLI opens them, not owning the data folder): PostgreSQL
 * reads the table each time, and the embedded store reads a file again whenever it is not provably the same.
 */
async function stored<T>(world: World, collection: string, id: string): Promise<T | undefined> {
  return (await world.reader()).documents.read<T>(collection, id);
}

const storedHandoff = (world: World, handoffId: string) => stored<HandoffRecord>(world, 'handoffs', handoffId);

/** Both handoffs delivered to the webhook (so nothing the server does meanwhile changes the audit log). */
async function deliveredBoth(world: World, seeded: Seeded): Promise<void> {
  await waitFor(
    async () => (await storedHandoff(world, seeded.goneHandoff.handoffId))?.status === 'delivered' && (await storedHandoff(world, seeded.staysHandoff.handoffId))?.status === 'delivered',
    'both handoffs delivered',
  );
  // The delivery is audited just after the handoff is marked delivered: wait for both entries too.
  await waitFor(async () => (await deliveriesAudited(world)) >= 2, 'both deliveries audited');
}

type Listing = { items: Array<{ handoffId: string; reference: string; status: string; statusAt: string; createdAt: string; expiresAt: string }> };

async function agencyListing(world: World): Promise<Listing> {
  const response = await fetch(`${world.running.baseUrl}/api/agency/handoffs`, { headers: { authorization: `Bearer ${world.agencyKey}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Listing;
}

/** What a person, the agency and the store show once the sweep has run. */
async function expectSwept(world: World, seeded: Seeded): Promise<void> {
  const { gone } = seeded;
  // The inactive person is gone everywhere: no link, no record; coming back is a first welcome.
  expect(await stored(world, 'channel-users', 'webchat:gone')).toBeUndefined();
  expect(await stored(world, 'people', seeded.goneId)).toBeUndefined();
  // The active person is untouched.
  expect((await world.running.app.people.load(seeded.staysId))?.story?.answers['about-me']?.['preferred-name']?.text).toBe('Sam');

  // Expired codes and the erased person's codes no longer link, on any device.
  const newDevice = device(world, 'new-device');
  await newDevice.say('I have a code');
  expect(await newDevice.say(seeded.goneCode)).toContain(t('resumeCode.didNotWork'));
  await newDevice.say('Try a code again');
  expect(await newDevice.say(seeded.staysCode)).toContain(t('resumeCode.didNotWork'));

  // The expired consent left a tombstone: the agency lists it as expired (reference, dates), cannot fetch it,
  // and was told by webhook; the content itself is gone from the store.
  const listing = await agencyListing(world);
  const tombstone = listing.items.find((item) => item.handoffId === seeded.staysHandoff.handoffId)!;
  expect(tombstone).toMatchObject({ reference: seeded.staysHandoff.reference, status: 'expired' });
  expect(tombstone.statusAt).toBe(tombstone.expiresAt);
  expect(listing.items.find((item) => item.handoffId === seeded.goneHandoff.handoffId)).toMatchObject({ status: 'erasure-requested' });
  const fetched = await fetch(`${world.running.baseUrl}/api/agency/handoffs/${seeded.staysHandoff.handoffId}`, { headers: { authorization: `Bearer ${world.agencyKey}` } });
  expect(fetched.status).toBe(404);
  const tombstoneStored = await storedHandoff(world, seeded.staysHandoff.handoffId);
  expect(tombstoneStored).toMatchObject({ reference: seeded.staysHandoff.reference, agencyId: HOUSING, summary: null });
  expect(JSON.stringify(tombstoneStored)).not.toContain('Sofa surfing');
  expect(await storedHandoff(world, seeded.goneHandoff.handoffId)).toBeUndefined();

  world.running.app.webhooks.kick();
  const events = await waitFor(() => {
    const received = world.receiver.received.map((request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown> });
    return received.some((event) => event.type === 'story.erasure_requested') && received.filter((event) => event.type === 'handoff.expired').length === 2 && received;
  }, 'the expired and erasure webhooks');
  expect(events.find((event) => event.type === 'handoff.expired' && event.data.reference === seeded.staysHandoff.reference)?.data).toEqual({
    reference: seeded.staysHandoff.reference,
    handoffIds: [seeded.staysHandoff.handoffId],
    expiredAt: tombstone.expiresAt,
  });
  expect(JSON.stringify(events.filter((event) => event.type !== 'handoff.created'))).not.toMatch(/Sofa surfing|Robin|Sam/);

  // Coming back after erasure is a new start.
  expect(await gone.say('hi')).toContain(t('welcome.retention', { period: '1 year' }));

  // Every erasure audited, the chain whole.
  expect(await world.running.app.auditLog.verify()).toMatchObject({ ok: true });
}

/** How many deliveries the audit log holds, on either store. */
async function deliveriesAudited(world: World): Promise<number> {
  if (!world.env.DATABASE_URL) return (await auditEvents(world.dataDir)).filter((entry) => entry.event === 'handoff.delivered').length;
  const { rows } = await world.sql().query<{ count: number }>("SELECT count(*)::int AS count FROM audit_log WHERE entry::jsonb->>'event' = 'handoff.delivered'");
  return rows[0].count;
}

/** The audit entries of these events (ids only), from the file (embedded store). */
async function auditEvents(dataDir: string): Promise<Array<Record<string, unknown>>> {
  return (await readLines(join(dataDir, AUDIT_LOG_FILE))).map((line) => JSON.parse(line) as Record<string, unknown>);
}

const EXPECTED_REPORT = { peopleErased: 2, peopleKept: 1, handoffsExpired: 2, resumeCodesDeleted: 1 };

/** `npm run purge` as an operator runs it, beside the running server: the compiled CLI, configured by environment only. */
const purge = (world: World, args: string[]) => cli(world, 'purge.js', args);

async function cli(world: World, file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'one-story-purge-cwd-'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'bot', 'cli', file), ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: world.dataDir, ONESTORY_ENCRYPTION_KEY: world.encryptionKey, LOG_LEVEL: 'silent', ...world.env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function countsLine(report: typeof EXPECTED_REPORT, dryRun: boolean): string {
  return t(dryRun ? 'operator.purge.countsDry' : 'operator.purge.counts', report);
}

async function purgeTwice(world: World, seeded: Seeded): Promise<void> {
  await deliveredBoth(world, seeded);
  const auditBefore = await world.running.app.auditLog.verify();
  const dry = await purge(world, ['--dry-run']);
  expect(dry).toMatchObject({ code: 0, stderr: '' });
  expect(dry.stdout).toContain(t('operator.purge.dryRun', { days: 365 }));
  expect(dry.stdout).toContain(countsLine(EXPECTED_REPORT, true));
  // A dry run changes nothing: the person is still linked, the content still there, no audit entry.
  expect(await stored(world, 'channel-users', 'webchat:gone')).toEqual({ personId: seeded.goneId });
  expect((await storedHandoff(world, seeded.staysHandoff.handoffId))?.summary).not.toBeNull();
  expect(await world.running.app.auditLog.verify()).toEqual(auditBefore);

  const done = await purge(world, []);
  expect(done).toMatchObject({ code: 0, stderr: '' });
  expect(done.stdout).toContain(t('operator.purge.done', { days: 365 }));
  expect(done.stdout).toContain(countsLine(EXPECTED_REPORT, false));
  await expectSwept(world, seeded);
  // `npm run audit-verify`: the chain is whole after both processes appended to it.
  const chain = await world.running.app.auditLog.verify();
  if (!chain.ok) throw new Error(`the audit chain broke: ${JSON.stringify(chain)}`);
  const verified = await cli(world, 'auditVerify.js', []);
  expect(verified).toMatchObject({ code: 0, stderr: '' });
  expect(verified.stdout.split('\n')[0]).toBe(t('operator.auditVerify.intact', { count: chain.entries, lastHash: chain.lastHash }));
  // Again: nothing left to erase.
  expect((await purge(world, [])).stdout).toContain(countsLine({ peopleErased: 0, peopleKept: 3, handoffsExpired: 0, resumeCodesDeleted: 0 }, false));
}

describe('retention, embedded store', () => {
  it('the daily sweep erases a person inactive past the period, keeps an active one, leaves an expired handoff a tombstone, and deletes spent codes', async () => {
    const world = await startWorld({ now: new Date() });
    const seeded = await seed(world);
    // While another sweep holds the lock (another process, or this one), the sweep stands aside.
    expect(await ifNoOtherProcess(world.dataDir, 'retention-sweep', () => world.running.app.retention.sweepNow())).toBeUndefined();
    expect(await seeded.gone.personId()).toBe(seeded.goneId);

    expect(await world.running.app.retention.sweepNow()).toEqual(EXPECTED_REPORT);
    await expectSwept(world, seeded);
    const entries = await auditEvents(world.dataDir);
    expect(entries.filter((entry) => entry.event === 'story.expired').map((entry) => entry.personId).sort()).toEqual(expect.arrayContaining([seeded.goneId]));
    expect(entries.filter((entry) => entry.event === 'story.expired')).toHaveLength(2);
    expect(entries.filter((entry) => entry.event === 'handoff.expired').map((entry) => entry.handoffId).sort()).toEqual([seeded.goneHandoff.handoffId, seeded.staysHandoff.handoffId].sort());
    expect(entries.filter((entry) => entry.event === 'resume-code.deleted')).toEqual([expect.objectContaining({ personId: seeded.staysId })]);
    expect(JSON.stringify(entries)).not.toMatch(/Robin|Sam|Sofa|guesser|apple river/);
  }, SLOW_MS);

  it('the welcome and the page\'s privacy note say how long an untouched story is kept, in the person\'s language', async () => {
    const world = await startWorld({ now: new Date() });
    const page = await (await fetch(`${world.running.baseUrl}/?lang=pl`)).text();
    const pl = (await loadTranslations()).forLocale('pl');
    expect(page).toContain(escapeHtml(pl('web.chat.retention', { period: '1 rok' })));
  }, SLOW_MS);

  it('npm run purge, beside the running server: --dry-run only counts, then the same erasures as the sweep', async () => {
    const world = await startWorld({ now: new Date() });
    const seeded = await seed(world);
    await purgeTwice(world, seeded);
    expect(await auditEvents(world.dataDir)).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'story.expired', personId: seeded.goneId, channel: 'retention' })]));
  }, SLOW_MS);

  it('npm run purge refuses a bad --inactive-days, and --inactive-days overrides the period', async () => {
    const world = await startWorld({ now: new Date() });
    // A bad --inactive-days is refused before anything is read: that run goes on while the people are seeded.
    const [bad, seeded] = await Promise.all([purge(world, ['--inactive-days', 'soon']), seed(world)]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(t('operator.purge.badDays'));
    // 500 days: nobody has been away that long; the expired handoffs and both people's spent codes still go.
    const longer = await purge(world, ['--inactive-days', '500']);
    expect(longer.stdout).toContain(countsLine({ peopleErased: 0, peopleKept: 3, handoffsExpired: 2, resumeCodesDeleted: 2 }, false));
    expect(await stored(world, 'people', seeded.goneId)).toMatchObject({ personId: seeded.goneId });
    // Another sweep running: purge does nothing and says so.
    const busy = await ifNoOtherProcess(world.dataDir, 'retention-sweep', () => purge(world, []));
    expect(busy).toMatchObject({ code: 3, stderr: `${t('operator.purge.busy')}\n` });
  }, SLOW_MS);
});

describe('retention on PostgreSQL', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('npm run purge erases beside a running server, one sweep at a time across instances', async () => {
    database = await freshDatabase();
    const world = await startWorld({ now: new Date(), databaseUrl: database.url });
    const seeded = await seed(world);
    // Another instance sweeping (holding the advisory lock): this one, and purge, stand aside.
    const other = new Database(createPool(database.url, 2));
    try {
      expect(await other.ifNotLocked('retention-sweep', () => world.running.app.retention.sweepNow())).toBeUndefined();
      expect(await other.ifNotLocked('retention-sweep', () => purge(world, []))).toMatchObject({ code: 3 });
    } finally {
      await other.close();
    }
    await purgeTwice(world, seeded);
  }, SLOW_MS);
});
