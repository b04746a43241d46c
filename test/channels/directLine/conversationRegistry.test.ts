import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ConversationRegistry } from '../../../bot/channels/directLine/conversationRegistry.js';
import { RecordCipher } from '../../../data/storage/encryption.js';
import { openStores, type Stores } from '../../../data/stores.js';
import { type LocalConversationOptions, type LocalConversationStore } from '../../../useCases/ports.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

/**
 * The local Direct Line's conversations, the same promises on both stores: in the process's memory (no
 * DATABASE_URL) and in PostgreSQL. With PostgreSQL, `a` and `b` are two instances (each its own pool on
 * one database); in memory there is one process, so they are the same store.
 */
const MINUTE = 60_000;
const key = randomBytes(32);

interface Opened {
  a: LocalConversationStore;
  b: LocalConversationStore;
  advance(ms: number): void;
}

interface Kind {
  open(overrides?: Partial<LocalConversationOptions>): Promise<Opened>;
  /** What a copy of the store holds at rest, as text (PostgreSQL: every row of the conversations' tables). */
  atRest?(): Promise<string>;
  closeAll(): Promise<void>;
  cleanup(): Promise<void>;
}

function clockFrom(start = Date.parse('2026-01-01T09:00:00Z')) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

async function memory(): Promise<Kind> {
  return {
    open: async (overrides = {}) => {
      const { clock, advance } = clockFrom();
      const registry = new ConversationRegistry({ idleMs: 30 * MINUTE, channelId: 'webchat', clock, ...overrides });
      return { a: registry, b: registry, advance };
    },
    closeAll: async () => undefined,
    cleanup: async () => undefined,
  };
}

async function postgres(): Promise<Kind> {
  const database: TestDatabase = await freshDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'one-story-conversations-pg-'));
  // Two instances, each with its own pool, opened (and migrated) once for the file; each test makes its
  // conversation stores on them anew, with its own clock and options.
  let instances: [Stores, Stores] | undefined;
  const opened = async (): Promise<[Stores, Stores]> =>
    (instances ??= [await openStores({ databaseUrl: database.url, dataDir, cipher: new RecordCipher(key), poolSize: 4 }), await openStores({ databaseUrl: database.url, dataDir, cipher: new RecordCipher(key), poolSize: 4 })]);
  return {
    open: async (overrides = {}) => {
      const { clock, advance } = clockFrom();
      // Each test starts with no conversations.
      const [a, b] = await opened();
      const client = new pg.Client(database.url);
      await client.connect();
      await client.query('DELETE FROM local_conversations');
      await client.end();
      const options = { idleMs: 30 * MINUTE, channelId: 'webchat', clock, ...overrides };
      return { a: a.sharedLocalConversations!(options), b: b.sharedLocalConversations!(options), advance };
    },
    atRest: async () => {
      const client = new pg.Client(database.url);
      await client.connect();
      try {
        const conversations = await client.query('SELECT * FROM local_conversations');
        const activities = await client.query('SELECT conversation_id, position, envelope::text FROM local_conversation_activities');
        return JSON.stringify([conversations.rows, activities.rows]);
      } finally {
        await client.end();
      }
    },
    closeAll: async () => undefined,
    cleanup: async () => {
      await Promise.all((instances ?? []).map((stores) => stores.close()));
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const KINDS: Array<[string, () => Promise<Kind>]> = [
  ['in memory', memory],
  ['in PostgreSQL', postgres],
];

describe.each(KINDS)('local conversations %s', (_name, make) => {
  let kind: Kind;
  beforeAll(async () => {
    kind = await make();
  });
  afterEach(async () => {
    await kind.closeAll();
  });
  afterAll(async () => {
    await kind.cleanup();
  });

  describe('access', () => {
    it('when the token is missing, should refuse', async () => {
      const { a } = await kind.open();
      const { conversation } = await a.create();
      expect(await a.authenticate(undefined, conversation.id)).toEqual({ ok: false, reason: 'token_missing' });
      expect(await a.authenticate('', conversation.id)).toEqual({ ok: false, reason: 'token_missing' });
    });

    it("when the token is another conversation's, should refuse", async () => {
      const { a, b } = await kind.open();
      const mine = await a.create();
      const theirs = await a.create();
      expect(await b.authenticate(mine.token, theirs.conversation.id)).toEqual({ ok: false, reason: 'token_invalid' });
    });

    it('when the token is nearly right, should refuse', async () => {
      const { a, b } = await kind.open();
      const { conversation, token } = await a.create();
      expect(await b.authenticate(token.slice(0, -1), conversation.id)).toEqual({ ok: false, reason: 'token_invalid' });
      expect(await b.authenticate(token + 'x', conversation.id)).toEqual({ ok: false, reason: 'token_invalid' });
      expect(await b.authenticate(token.toUpperCase())).toEqual({ ok: false, reason: 'token_invalid' });
    });

    it('when the token is right, should open the conversation on every instance', async () => {
      const { a, b } = await kind.open();
      const { conversation, token } = await a.create();
      expect(await b.authenticate(token, conversation.id)).toEqual({ ok: true, conversation });
      expect(await b.authenticate(token)).toEqual({ ok: true, conversation });
      expect(await b.get(conversation.id)).toEqual(conversation);
    });

    it('when the conversation does not exist, should say so', async () => {
      const { a } = await kind.open();
      const { token } = await a.create();
      expect(await a.authenticate(token, 'no-such-conversation')).toEqual({ ok: false, reason: 'conversation_not_found' });
    });

    it('should give every conversation its own random id, user id and token', async () => {
      const { a } = await kind.open();
      const made = await Promise.all(Array.from({ length: 50 }, () => a.create()));
      expect(new Set(made.map((each) => each.conversation.id)).size).toBe(made.length);
      expect(new Set(made.map((each) => each.conversation.userId)).size).toBe(made.length);
      expect(new Set(made.map((each) => each.token)).size).toBe(made.length);
      expect(made[0].token.length).toBeGreaterThanOrEqual(43);
    });
  });

  describe('refresh', () => {
    it('should keep the previous token working until the next refresh, and no older one', async () => {
      const { a, b } = await kind.open();
      const { conversation, token: first } = await a.create();
      const second = await b.refresh(conversation.id);
      expect((await a.authenticate(first, conversation.id)).ok).toBe(true);
      expect((await a.authenticate(second, conversation.id)).ok).toBe(true);
      const third = await a.refresh(conversation.id);
      expect(await b.authenticate(first, conversation.id)).toEqual({ ok: false, reason: 'token_invalid' });
      expect(await b.authenticate(first)).toEqual({ ok: false, reason: 'token_invalid' });
      expect((await b.authenticate(second)).ok).toBe(true);
      expect((await b.authenticate(third, conversation.id)).ok).toBe(true);
    });
  });

  describe('starting', () => {
    it('should be claimed once, with its locale, however many instances ask at once', async () => {
      const { a, b } = await kind.open();
      const { conversation } = await a.create();
      const claims = await Promise.all([a, b, a, b].map((store) => store.claimStart(conversation.id, 'pl-PL')));
      expect(claims.filter(Boolean)).toEqual([{ ...conversation, started: true, locale: 'pl-PL' }]);
      expect(await b.get(conversation.id)).toEqual({ ...conversation, started: true, locale: 'pl-PL' });
    });
  });

  describe('activities', () => {
    it('should number activities as Direct Line does, stamp them, and read them from every instance', async () => {
      const { a, b } = await kind.open();
      const { conversation } = await a.create();
      const first = await a.append(conversation.id, { type: 'message', text: 'one' });
      expect(first).toEqual({ type: 'message', text: 'one', id: `${conversation.id}|0000000`, timestamp: '2026-01-01T09:00:00.000Z' });
      await b.append(conversation.id, { type: 'message', text: 'two' });
      expect((await b.since(conversation.id, undefined)).activities.map((activity) => activity.text)).toEqual(['one', 'two']);
      expect((await a.since(conversation.id, undefined)).activities.map((activity) => activity.id)).toEqual([`${conversation.id}|0000000`, `${conversation.id}|0000001`]);
    });

    it('should keep every activity appended at once on two instances, each at its own position', async () => {
      const { a, b } = await kind.open();
      const { conversation } = await a.create();
      const appended = await Promise.all(Array.from({ length: 40 }, (_, index) => (index % 2 ? a : b).append(conversation.id, { type: 'message', text: `m${index}` })));
      expect(new Set(appended.map((activity) => activity.id)).size).toBe(40);
      const page = await b.since(conversation.id, undefined);
      expect(page.activities.map((activity) => activity.text).sort()).toEqual(appended.map((activity) => activity.text).sort());
      expect(page.watermark).toBe('40');
    });

    it('should page through activities by watermark', async () => {
      const { a, b } = await kind.open({ pageSize: 2 });
      const { conversation } = await a.create();
      for (let i = 0; i < 5; i++) await a.append(conversation.id, { type: 'message', text: `m${i}` });
      const first = await b.since(conversation.id, undefined);
      expect(first.activities.map((activity) => activity.text)).toEqual(['m0', 'm1']);
      const second = await a.since(conversation.id, first.watermark);
      expect(second.activities.map((activity) => activity.text)).toEqual(['m2', 'm3']);
      const third = await b.since(conversation.id, second.watermark);
      expect(third.activities.map((activity) => activity.text)).toEqual(['m4']);
      expect(await a.since(conversation.id, third.watermark)).toEqual({ activities: [], watermark: third.watermark });
    });

    it('when the watermark is unreadable, should start from the beginning; when it is past the end, should return nothing', async () => {
      const { a } = await kind.open();
      const { conversation } = await a.create();
      await a.append(conversation.id, { type: 'message', text: 'only' });
      expect((await a.since(conversation.id, 'not-a-number')).activities).toHaveLength(1);
      expect((await a.since(conversation.id, '')).activities).toHaveLength(1);
      expect(await a.since(conversation.id, '999')).toEqual({ activities: [], watermark: '1' });
    });

    it('when a conversation is long, should keep its most recent activities and keep watermarks valid', async () => {
      const { a, b } = await kind.open({ maxActivities: 3 });
      const { conversation } = await a.create();
      for (let i = 0; i < 5; i++) await (i % 2 ? a : b).append(conversation.id, { type: 'message', text: `m${i}` });
      expect((await a.since(conversation.id, undefined)).activities.map((activity) => activity.text)).toEqual(['m2', 'm3', 'm4']);
      expect((await b.since(conversation.id, '4')).activities.map((activity) => activity.text)).toEqual(['m4']);
      expect((await b.since(conversation.id, undefined)).watermark).toBe('5');
    });
  });

  describe('idle expiry', () => {
    it('when a conversation has been idle longer than the configured time, should drop it on every instance', async () => {
      const { a, b, advance } = await kind.open();
      const { conversation, token } = await a.create();
      advance(30 * MINUTE + 1);
      expect(await b.authenticate(token, conversation.id)).toEqual({ ok: false, reason: 'conversation_not_found' });
      expect((await b.authenticate(token)).ok).toBe(false);
      expect(await a.get(conversation.id)).toBeUndefined();
      expect(await a.count()).toBe(0);
    });

    it('when its client keeps asking, on any instance, should keep it', async () => {
      const { a, b, advance } = await kind.open();
      const { conversation, token } = await a.create();
      for (let i = 0; i < 5; i++) {
        advance(20 * MINUTE);
        expect((await (i % 2 ? a : b).authenticate(token, conversation.id)).ok).toBe(true);
      }
    });

    it('should drop only the idle ones', async () => {
      const { a, b, advance } = await kind.open();
      const idle = await a.create();
      advance(20 * MINUTE);
      const active = await b.create();
      advance(15 * MINUTE);
      expect(await a.expire()).toBe(1);
      expect(await b.get(idle.conversation.id)).toBeUndefined();
      expect(await b.get(active.conversation.id)).toEqual(active.conversation);
    });
  });

  describe('limits', () => {
    it('when too many conversations are live, a new one should make room by dropping the one idle the longest, on every instance', async () => {
      let evicted = 0;
      const { a, b, advance } = await kind.open({ maxConversations: 2, onEvicted: () => void evicted++ });
      const older = await a.create();
      advance(MINUTE);
      const quiet = await b.create();
      advance(2 * MINUTE);
      // The older one's page is still polling: it is the quiet one that goes.
      expect((await b.authenticate(older.token, older.conversation.id)).ok).toBe(true);
      const newcomer = await a.create();
      expect(evicted).toBe(1);
      expect(await a.count()).toBe(2);
      expect(await b.get(quiet.conversation.id)).toBeUndefined();
      expect((await a.authenticate(quiet.token, quiet.conversation.id)).ok).toBe(false);
      expect(await b.get(older.conversation.id)).toEqual(older.conversation);
      expect(await b.get(newcomer.conversation.id)).toEqual(newcomer.conversation);
    });

    it('when conversations are started on two instances at once, should hold the cap', async () => {
      const { a, b } = await kind.open({ maxConversations: 5 });
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => (index % 2 ? a : b).create()));
      // Nobody is turned away, and the cap holds: each newcomer made room.
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(12);
      expect(await b.count()).toBe(5);
    });

    it('when asked to evict, should drop the conversation idle the longest', async () => {
      const { a, b, advance } = await kind.open();
      const oldest = await a.create();
      advance(MINUTE);
      const newer = await b.create();
      expect(await b.evictOldestIdle()).toBe(true);
      expect(await a.get(oldest.conversation.id)).toBeUndefined();
      expect(await a.get(newer.conversation.id)).toEqual(newer.conversation);
      expect(await a.evictOldestIdle()).toBe(true);
      expect(await a.evictOldestIdle()).toBe(false);
    });
  });
});

describe('local conversations in PostgreSQL, at rest', () => {
  it('should keep no token and no word a person or the bot wrote readable', async () => {
    const kind = await postgres();
    try {
      const { a } = await kind.open();
      const { conversation, token } = await a.create();
      const refreshed = await a.refresh(conversation.id);
      await a.append(conversation.id, { type: 'message', text: 'I sleep at my sister Joanna Kowalska’s flat on Mill Road' });
      const dump = await kind.atRest!();
      expect(dump).toContain(conversation.id);
      for (const secret of [token, refreshed, 'Joanna', 'Mill Road', 'sleep']) expect(dump).not.toContain(secret);
      expect(JSON.stringify((await a.since(conversation.id, undefined)).activities)).toContain('Joanna Kowalska');
    } finally {
      await kind.closeAll();
      await kind.cleanup();
    }
  });
});
