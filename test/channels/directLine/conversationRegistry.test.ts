import { describe, expect, it } from '@jest/globals';
import { ActivityLog } from '../../../bot/channels/directLine/activityLog.js';
import { ConversationRegistry } from '../../../bot/channels/directLine/conversationRegistry.js';

const MINUTE = 60_000;

function registryAt(start = Date.parse('2026-01-01T09:00:00Z'), overrides: Partial<ConstructorParameters<typeof ConversationRegistry>[0]> = {}) {
  let now = start;
  const registry = new ConversationRegistry({ idleMs: 30 * MINUTE, channelId: 'webchat', clock: () => new Date(now), ...overrides });
  return { registry, advance: (ms: number) => (now += ms) };
}

describe('ConversationRegistry', () => {
  describe('access', () => {
    it('when the token is missing, should refuse', () => {
      const { registry } = registryAt();
      const conversation = registry.create();
      expect(registry.access(conversation.id, undefined)).toEqual({ ok: false, reason: 'token_missing' });
      expect(registry.access(conversation.id, '')).toEqual({ ok: false, reason: 'token_missing' });
    });

    it("when the token is another conversation's, should refuse", () => {
      const { registry } = registryAt();
      const mine = registry.create();
      const theirs = registry.create();
      expect(registry.access(theirs.id, mine.token)).toEqual({ ok: false, reason: 'token_invalid' });
    });

    it('when the token is nearly right, should refuse', () => {
      const { registry } = registryAt();
      const conversation = registry.create();
      expect(registry.access(conversation.id, conversation.token.slice(0, -1))).toEqual({ ok: false, reason: 'token_invalid' });
      expect(registry.access(conversation.id, conversation.token + 'x')).toEqual({ ok: false, reason: 'token_invalid' });
      expect(registry.findByToken(conversation.token.toUpperCase())).toEqual({ ok: false, reason: 'token_invalid' });
    });

    it('when the token is right, should open the conversation', () => {
      const { registry } = registryAt();
      const conversation = registry.create();
      expect(registry.access(conversation.id, conversation.token)).toEqual({ ok: true, conversation });
      expect(registry.findByToken(conversation.token)).toEqual({ ok: true, conversation });
    });

    it('should give every conversation its own random id, user id and token', () => {
      const { registry } = registryAt();
      const made = Array.from({ length: 200 }, () => registry.create());
      for (const field of ['id', 'userId', 'token'] as const) expect(new Set(made.map((c) => c[field])).size).toBe(made.length);
      expect(made[0].token.length).toBeGreaterThanOrEqual(43);
    });
  });

  describe('refresh', () => {
    it('should keep the previous token working until the next refresh, and no older one', () => {
      const { registry } = registryAt();
      const conversation = registry.create();
      const first = conversation.token;
      const second = registry.refresh(conversation);
      expect(registry.access(conversation.id, first).ok).toBe(true);
      expect(registry.access(conversation.id, second).ok).toBe(true);
      const third = registry.refresh(conversation);
      expect(registry.access(conversation.id, first)).toEqual({ ok: false, reason: 'token_invalid' });
      expect(registry.findByToken(first)).toEqual({ ok: false, reason: 'token_invalid' });
      expect(registry.access(conversation.id, third).ok).toBe(true);
    });
  });

  describe('idle expiry', () => {
    it('when a conversation has been idle longer than the configured time, should drop it', () => {
      const { registry, advance } = registryAt();
      const conversation = registry.create();
      advance(30 * MINUTE + 1);
      expect(registry.access(conversation.id, conversation.token)).toEqual({ ok: false, reason: 'conversation_not_found' });
      expect(registry.findByToken(conversation.token).ok).toBe(false);
      expect(registry.live(conversation.id)).toBeUndefined();
      expect(registry.size).toBe(0);
    });

    it('when its client keeps asking, should keep it', () => {
      const { registry, advance } = registryAt();
      const conversation = registry.create();
      for (let i = 0; i < 5; i++) {
        advance(20 * MINUTE);
        expect(registry.access(conversation.id, conversation.token).ok).toBe(true);
      }
    });

    it('should drop only the idle ones', () => {
      const { registry, advance } = registryAt();
      const idle = registry.create();
      advance(20 * MINUTE);
      const active = registry.create();
      advance(15 * MINUTE);
      registry.sweep();
      expect(registry.live(idle.id)).toBeUndefined();
      expect(registry.live(active.id)).toBe(active);
    });
  });

  describe('limits', () => {
    it('at the cap, should make room for a new one by dropping the one idle the longest, never refusing', () => {
      const dropped: string[] = [];
      const { registry, advance } = registryAt(undefined, { maxConversations: 2, onEvicted: (conversation) => dropped.push(conversation.id) });
      const older = registry.create();
      advance(MINUTE);
      const newer = registry.create();
      advance(MINUTE);
      // The older one's client polls: now the newer one has been idle the longest.
      expect(registry.access(older.id, older.token).ok).toBe(true);
      advance(MINUTE);
      const third = registry.create();
      expect(dropped).toEqual([newer.id]);
      expect(registry.size).toBe(2);
      expect(registry.access(newer.id, newer.token)).toEqual({ ok: false, reason: 'conversation_not_found' });
      expect(registry.findByToken(newer.token)).toEqual({ ok: false, reason: 'token_invalid' });
      expect(registry.access(older.id, older.token).ok).toBe(true);
      expect(registry.access(third.id, third.token).ok).toBe(true);
    });
  });
});

describe('ActivityLog', () => {
  const now = new Date('2026-01-01T09:00:00Z');

  it('should number activities as Direct Line does and stamp them', () => {
    const log = new ActivityLog('abc', 100);
    const first = log.append({ type: 'message', text: 'one' }, now);
    expect(first.id).toBe('abc|0000000');
    expect(first.timestamp).toBe(now.toISOString());
  });

  it('should page through activities by watermark', () => {
    const log = new ActivityLog('abc', 100);
    for (let i = 0; i < 5; i++) log.append({ type: 'message', text: `m${i}` }, now);
    const first = log.since(undefined, 2);
    expect(first.activities.map((a) => a.text)).toEqual(['m0', 'm1']);
    const second = log.since(first.watermark, 2);
    expect(second.activities.map((a) => a.text)).toEqual(['m2', 'm3']);
    const third = log.since(second.watermark, 2);
    expect(third.activities.map((a) => a.text)).toEqual(['m4']);
    const empty = log.since(third.watermark, 2);
    expect(empty).toEqual({ activities: [], watermark: third.watermark });
  });

  it('when the watermark is unreadable, should start from the beginning; when it is past the end, should return nothing', () => {
    const log = new ActivityLog('abc', 100);
    log.append({ type: 'message', text: 'only' }, now);
    expect(log.since('not-a-number', 10).activities).toHaveLength(1);
    expect(log.since('', 10).activities).toHaveLength(1);
    expect(log.since('999', 10)).toEqual({ activities: [], watermark: '1' });
  });

  it('when the log is full, should drop the oldest and keep watermarks valid', () => {
    const log = new ActivityLog('abc', 3);
    for (let i = 0; i < 5; i++) log.append({ type: 'message', text: `m${i}` }, now);
    expect(log.since(undefined, 10).activities.map((a) => a.text)).toEqual(['m2', 'm3', 'm4']);
    expect(log.since('4', 10).activities.map((a) => a.text)).toEqual(['m4']);
    expect(log.size).toBe(5);
  });
});
