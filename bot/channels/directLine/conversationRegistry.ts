import { createHash, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../../../data/security/constantTimeEqual.js';
import { ActivityLog } from './activityLog.js';

/** 32 random bytes: a token cannot be guessed, only stolen. */
const TOKEN_BYTES = 32;
/** 16 random bytes: conversation ids appear in request paths, so they carry no meaning and are unguessable. */
const CONVERSATION_ID_BYTES = 16;
/** A long conversation keeps its most recent activities; Web Chat only ever asks for what is new. */
export const MAX_ACTIVITIES_PER_CONVERSATION = 2000;
/** Direct Line returns activities in pages; a client follows the watermark for the rest. */
export const ACTIVITIES_PER_PAGE = 100;
/** A ceiling on memory: at it, a new conversation makes room by dropping the one idle the longest. */
export const MAX_LIVE_CONVERSATIONS = 10_000;

export interface RegistryOptions {
  /** A conversation with no request from its client for this long is dropped from memory. */
  idleMs: number;
  /** Local conversations use this channel id (`webchat` shows buttons; `console` gets numbered lists). */
  channelId: string;
  clock: () => Date;
  pageSize?: number;
  maxActivities?: number;
  maxConversations?: number;
  /** Told when a conversation is dropped to make room for a new one (the cap was reached). */
  onEvicted?: (conversation: LocalConversation) => void;
}

/**
 * One local Direct Line conversation: who the user is (a random id the server chose, never one the client
 * claims), the tokens that open it, and its activities. The story itself lives in the story store, not here.
 */
export class LocalConversation {
  readonly log: ActivityLog;
  /** The current token and, after a refresh, the one before it: a poll already in flight still succeeds. */
  private tokens: string[];
  /** True once the bot has been told the user joined. */
  started = false;
  /** The language the client asked for when it started, so the welcome is in that language. */
  locale?: string;
  lastSeenAt: number;

  constructor(
    readonly id: string,
    readonly channelId: string,
    readonly userId: string,
    token: string,
    now: number,
    maxActivities: number,
  ) {
    this.tokens = [token];
    this.lastSeenAt = now;
    this.log = new ActivityLog(id, maxActivities);
  }

  get token(): string {
    return this.tokens[0];
  }

  opensWith(token: string | undefined): boolean {
    if (!token) return false;
    // Every token is compared, in constant time, so timing says nothing about which one nearly matched.
    let match = false;
    for (const candidate of this.tokens) match = constantTimeEqual(token, candidate) || match;
    return match;
  }

  rotate(token: string): void {
    this.tokens = [token, this.tokens[0]];
  }

  allTokens(): readonly string[] {
    return this.tokens;
  }
}

export type AccessResult =
  | { ok: true; conversation: LocalConversation }
  | { ok: false; reason: 'token_missing' | 'token_invalid' | 'conversation_not_found' };

/**
 * The live local Direct Line conversations, held in memory only. Idle conversations are swept lazily, on
 * the next request, so there is no timer to keep the process (or a test) alive. The map is kept in order of
 * last use (a conversation moves to the end each time its client is seen), so at the cap the first one is
 * the one idle the longest: it is dropped to make room, and a new visitor is never turned away.
 */
export class ConversationRegistry {
  private readonly conversations = new Map<string, LocalConversation>();
  /** sha256(token) → conversation id: finds a conversation from its token alone without comparing against every token. */
  private readonly byTokenHash = new Map<string, string>();
  readonly pageSize: number;
  private readonly maxActivities: number;
  private readonly maxConversations: number;

  constructor(private readonly options: RegistryOptions) {
    this.pageSize = options.pageSize ?? ACTIVITIES_PER_PAGE;
    this.maxActivities = options.maxActivities ?? MAX_ACTIVITIES_PER_CONVERSATION;
    this.maxConversations = options.maxConversations ?? MAX_LIVE_CONVERSATIONS;
  }

  get channelId(): string {
    return this.options.channelId;
  }

  get idleSeconds(): number {
    return Math.round(this.options.idleMs / 1000);
  }

  now(): Date {
    return this.options.clock();
  }

  /** A new conversation with a fresh random id, user id and token. At the cap, the one idle the longest makes room. */
  create(): LocalConversation {
    this.sweep();
    const evicted = this.conversations.size >= this.maxConversations ? this.idlest() : undefined;
    if (evicted) {
      this.drop(evicted);
      this.options.onEvicted?.(evicted);
    }
    const conversation = new LocalConversation(
      randomBytes(CONVERSATION_ID_BYTES).toString('base64url'),
      this.options.channelId,
      `user-${randomBytes(CONVERSATION_ID_BYTES).toString('base64url')}`,
      newToken(),
      this.options.clock().getTime(),
      this.maxActivities,
    );
    this.conversations.set(conversation.id, conversation);
    this.byTokenHash.set(hashToken(conversation.token), conversation.id);
    return conversation;
  }

  /** The conversation this token opens, for a client that sent only its token. */
  findByToken(token: string | undefined): AccessResult {
    this.sweep();
    if (!token) return { ok: false, reason: 'token_missing' };
    const id = this.byTokenHash.get(hashToken(token));
    const conversation = id ? this.conversations.get(id) : undefined;
    if (!conversation || !conversation.opensWith(token)) return { ok: false, reason: 'token_invalid' };
    this.seen(conversation);
    return { ok: true, conversation };
  }

  /** The conversation, if this token opens it. A token for another conversation opens nothing. */
  access(conversationId: string, token: string | undefined): AccessResult {
    this.sweep();
    if (!token) return { ok: false, reason: 'token_missing' };
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return { ok: false, reason: 'conversation_not_found' };
    if (!conversation.opensWith(token)) return { ok: false, reason: 'token_invalid' };
    this.seen(conversation);
    return { ok: true, conversation };
  }

  /** For the bot's side (the Bot Connector routes), which knows the conversation id but holds no token. */
  live(conversationId: string): LocalConversation | undefined {
    this.sweep();
    return this.conversations.get(conversationId);
  }

  /** A new token for the conversation; the previous one keeps working until the next refresh. */
  refresh(conversation: LocalConversation): string {
    const token = newToken();
    const dropped = conversation.allTokens()[1];
    if (dropped) this.byTokenHash.delete(hashToken(dropped));
    conversation.rotate(token);
    this.byTokenHash.set(hashToken(token), conversation.id);
    return token;
  }

  /** Drops every conversation idle for longer than the configured time: the first ones in the order of last use. */
  sweep(): void {
    const cutoff = this.options.clock().getTime() - this.options.idleMs;
    for (const conversation of this.conversations.values()) {
      if (conversation.lastSeenAt >= cutoff) break;
      this.drop(conversation);
    }
  }

  /** Its client was just seen: it moves to the end of the order of last use. */
  private seen(conversation: LocalConversation): void {
    conversation.lastSeenAt = this.options.clock().getTime();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** The conversation whose client was seen the longest ago (the first in the order of last use). */
  private idlest(): LocalConversation | undefined {
    return this.conversations.values().next().value;
  }

  private drop(conversation: LocalConversation): void {
    for (const token of conversation.allTokens()) this.byTokenHash.delete(hashToken(token));
    this.conversations.delete(conversation.id);
  }

  get size(): number {
    return this.conversations.size;
  }
}

function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
