import { constantTimeEqual } from '../../../data/security/constantTimeEqual.js';
import { hashConversationToken, newConversationId, newConversationToken } from '../../../data/localConversations/identifiers.js';
import {
  LocalConversationGone,
  LOCAL_ACTIVITIES_PER_PAGE,
  MAX_ACTIVITIES_PER_CONVERSATION,
  MAX_LIVE_CONVERSATIONS,
  type LocalActivity,
  type LocalActivityPage,
  type LocalConversation,
  type LocalConversationAccess,
  type LocalConversationOptions,
  type LocalConversationStore,
} from '../../../useCases/ports.js';
import { ActivityLog } from './activityLog.js';

/** One conversation as this process holds it: the tokens' hashes, when its client last asked, its activities. */
interface Held {
  conversation: LocalConversation;
  /** The current token's hash and, after a refresh, the one before it: a poll already in flight still succeeds. */
  tokenHashes: string[];
  lastSeenAt: number;
  log: ActivityLog;
}

/**
 * The live local Direct Line conversations in this process's memory: the store with no DATABASE_URL (one
 * process). Idle conversations are swept lazily, on the next request, so there is no timer to keep the
 * process (or a test) alive. The map is kept in order of last use, so at the cap the first one is the one
 * idle the longest: it is dropped to make room, and a new visitor is never turned away. PostgreSQL's (data/postgres/pgLocalConversations.ts) keeps the same promises.
 */
export class ConversationRegistry implements LocalConversationStore {
  private readonly conversations = new Map<string, Held>();
  /** Token hash → conversation id: finds a conversation from its token alone without comparing against every token. */
  private readonly byTokenHash = new Map<string, string>();
  readonly pageSize: number;
  private readonly maxActivities: number;
  private readonly maxConversations: number;

  constructor(private readonly options: LocalConversationOptions) {
    this.pageSize = options.pageSize ?? LOCAL_ACTIVITIES_PER_PAGE;
    this.maxActivities = options.maxActivities ?? MAX_ACTIVITIES_PER_CONVERSATION;
    this.maxConversations = options.maxConversations ?? MAX_LIVE_CONVERSATIONS;
  }

  get channelId(): string {
    return this.options.channelId;
  }

  get idleMs(): number {
    return this.options.idleMs;
  }

  async create(): Promise<{ conversation: LocalConversation; token: string }> {
    // No await until the new conversation is in the map, so creates at once cannot both pass the cap.
    this.expireNow();
    if (this.conversations.size >= this.maxConversations && this.evictNow()) this.options.onEvicted?.();
    const conversation: LocalConversation = { id: newConversationId(), channelId: this.options.channelId, userId: newConversationId('user-'), started: false };
    const token = newConversationToken();
    const hash = hashConversationToken(token);
    this.conversations.set(conversation.id, { conversation, tokenHashes: [hash], lastSeenAt: this.now(), log: new ActivityLog(conversation.id, this.maxActivities) });
    this.byTokenHash.set(hash, conversation.id);
    return { conversation: { ...conversation }, token };
  }

  async get(conversationId: string): Promise<LocalConversation | undefined> {
    const held = this.live(conversationId);
    return held ? { ...held.conversation } : undefined;
  }

  async authenticate(token: string | undefined, conversationId?: string): Promise<LocalConversationAccess> {
    if (!token) return { ok: false, reason: 'token_missing' };
    const hash = hashConversationToken(token);
    const id = conversationId ?? this.byTokenHash.get(hash);
    const held = id === undefined ? undefined : this.live(id);
    if (!held) return { ok: false, reason: conversationId === undefined ? 'token_invalid' : 'conversation_not_found' };
    // Every hash is compared, in constant time, so timing says nothing about which one nearly matched.
    let opens = false;
    for (const candidate of held.tokenHashes) opens = constantTimeEqual(hash, candidate) || opens;
    if (!opens) return { ok: false, reason: 'token_invalid' };
    // Seen now: it moves to the end of the map, which is kept in order of last use.
    held.lastSeenAt = this.now();
    this.conversations.delete(held.conversation.id);
    this.conversations.set(held.conversation.id, held);
    return { ok: true, conversation: { ...held.conversation } };
  }

  async refresh(conversationId: string): Promise<string> {
    const held = this.mustExist(conversationId);
    const token = newConversationToken();
    const hash = hashConversationToken(token);
    const dropped = held.tokenHashes[1];
    if (dropped) this.byTokenHash.delete(dropped);
    held.tokenHashes = [hash, held.tokenHashes[0]];
    this.byTokenHash.set(hash, conversationId);
    return token;
  }

  async claimStart(conversationId: string, locale?: string): Promise<LocalConversation | undefined> {
    const held = this.live(conversationId);
    if (!held || held.conversation.started) return undefined;
    held.conversation.started = true;
    if (locale) held.conversation.locale = locale;
    return { ...held.conversation };
  }

  async append(conversationId: string, activity: Record<string, unknown>): Promise<LocalActivity> {
    return this.mustExist(conversationId).log.append(activity, this.options.clock());
  }

  async since(conversationId: string, watermark: string | undefined): Promise<LocalActivityPage> {
    return this.mustExist(conversationId).log.since(watermark, this.pageSize);
  }

  async count(): Promise<number> {
    await this.expire();
    return this.conversations.size;
  }

  async evictOldestIdle(): Promise<boolean> {
    return this.evictNow();
  }

  private evictNow(): boolean {
    // The map is in order of last use: the first is the one idle the longest.
    const oldest: Held | undefined = this.conversations.values().next().value;
    if (!oldest) return false;
    this.drop(oldest);
    return true;
  }

  async expire(): Promise<number> {
    return this.expireNow();
  }

  private expireNow(): number {
    const cutoff = this.now() - this.options.idleMs;
    let dropped = 0;
    for (const held of this.conversations.values()) {
      if (held.lastSeenAt >= cutoff) break;
      this.drop(held);
      dropped++;
    }
    return dropped;
  }

  private now(): number {
    return this.options.clock().getTime();
  }

  /** The conversation if it has not expired (an expired one is dropped on the way). */
  private live(conversationId: string): Held | undefined {
    const held = this.conversations.get(conversationId);
    if (held && held.lastSeenAt < this.now() - this.options.idleMs) {
      this.drop(held);
      return undefined;
    }
    return held;
  }

  /** A conversation that has not been dropped (it may have just expired: a turn's replies are still kept). */
  private mustExist(conversationId: string): Held {
    const held = this.conversations.get(conversationId);
    if (!held) throw new LocalConversationGone();
    return held;
  }

  private drop(held: Held): void {
    for (const hash of held.tokenHashes) this.byTokenHash.delete(hash);
    this.conversations.delete(held.conversation.id);
  }
}
