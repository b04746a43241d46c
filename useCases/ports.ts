import type { AuditFacts } from '../domain/audit/auditChain.js';
import type { OutcomeFact } from '../domain/outcomes/outcomeFacts.js';
import type { Story } from '../domain/story.js';

/**
 * What the use cases and the conversation need from storage, as interfaces: `data/` implements them
 * (the embedded encrypted files today, PostgreSQL later) and the composition root hands them in.
 */

/** JSON documents by collection and id. */
export interface DocumentStore {
  read<T>(collection: string, id: string): Promise<T | undefined>;
  write<T>(collection: string, id: string, value: T): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
  /**
   * Reads, changes and writes one document as one step: no other write to it comes between, and the
   * write is atomic (all of it or none). `change` may throw, and then nothing is written.
   */
  update<T>(collection: string, id: string, change: (current: T | undefined) => T): Promise<T>;
}

/**
 * Several writes as one, and work on one key at a time, across every instance. PostgreSQL: a transaction
 * and an advisory lock. The embedded store (one process per data folder): work on one key is queued in the
 * process, and each document's write is atomic on its own.
 */
export interface Coordination {
  /**
   * Runs `work` so its writes are all kept or none (nested calls join the outer one). `first`: named locks
   * the work will need, taken at its start in one order (so two units of work never wait for each other),
   * e.g. 'audit' for work that records audit entries.
   */
  atomically<T>(work: () => Promise<T>, options?: { first?: readonly string[] }): Promise<T>;
  /** Runs `work` after any other work on `key`, on any instance, has finished. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** The named lock the audit chain is appended under: work that records entries takes it first. */
export const AUDIT_CHAIN_LOCK = 'audit';

/** The append-only audit log: ids, event names and status codes only. */
export interface AuditLog {
  record(facts: AuditFacts): Promise<void>;
}

/**
 * The partnership's outcome facts (domain/outcomes/outcomeFacts.ts): appended by the use cases at the moment
 * things happen, never changed or deleted, with no person id and no text, so they outlive erasure.
 */
export interface OutcomeFacts {
  /** Appends one fact, inside the current unit of work where there is one (`Coordination.atomically`). */
  record(fact: OutcomeFact): Promise<void>;
  /** Every fact, oldest first. */
  all(): Promise<OutcomeFact[]>;
}

/** The events agencies are told about by webhook. */
export const WEBHOOK_EVENT_TYPES = ['handoff.created', 'handoff.updated', 'handoff.withdrawn', 'handoff.expired', 'story.erasure_requested'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** How the sharing rules tell agencies about handoffs, without knowing how messages travel. */
export interface HandoffNotifier {
  /** Queues a message for an agency that takes webhooks; does nothing for pull-only agencies. */
  notify(agencyId: string, type: WebhookEventType, handoffIds: string[], data: unknown): Promise<void>;
  /** Drops queued content messages for these handoffs (after a withdrawal). Returns how many were dropped. */
  dropQueued(handoffIds: readonly string[]): Promise<number>;
}

/**
 * Everything kept about one person, read once and written once per turn: their story and the state of
 * each conversation they have with us (where they are in the dialog, this sitting's choices). One record,
 * so a turn's commit is one atomic write, and a version, so a stale write is refused instead of winning.
 */
export interface StoredPerson {
  personId: string;
  /** Bumped by every commit; 0 for a person not stored yet. */
  version: number;
  /** The channel users (`channel:user`) linked to this person. */
  channelUsers: string[];
  story?: Story;
  /** Conversation key → that conversation's state, opaque to storage. */
  conversations: Record<string, StoredConversation>;
  /** Where a short "there is news" text may be sent: set only where they said texting is safe. */
  newsContact?: NewsContact;
  /**
   * When the person last wrote or joined, on any device: set by each turn's commit (no other write), and
   * what retention counts inactivity from. Records older than it fall back to their conversations' times.
   */
  lastActiveAt?: string;
  /** Set by the commit where the person first told part of their story: they are counted in the outcomes once. */
  countedAsTold?: true;
}

/**
 * A conversation where the person said texting is safe (SMS): kept with their record and refreshed at each
 * of their turns there, so that when an agency replies they can be sent one short neutral text.
 */
export interface NewsContact {
  channelId: string;
  /** `channel/conversation`, as the turn keys its state. */
  conversationKey: string;
  /** The channel's reference to the conversation (Bot Framework's ConversationReference), opaque here. */
  conversation: Record<string, unknown>;
  /** The neutral name they chose for texts, if they chose one. */
  serviceName?: string;
  /** The language they read. */
  locale: string;
  /** When they last wrote there. */
  lastTurnAt: string;
}

/** Sends the one short, neutral "there is news" text (no service, no details) through a news contact. */
export interface NewsNoticeSender {
  send(contact: NewsContact): Promise<void>;
}

export interface StoredConversation {
  seenAt: string;
  state: Record<string, unknown>;
}

/** People and the channel users that speak for them. */
export interface PersonRepository {
  /** The person a channel user (`channel:user`) speaks for, if linked. */
  personOf(channelUser: string): Promise<string | undefined>;
  link(channelUser: string, personId: string): Promise<void>;
  load(personId: string): Promise<StoredPerson | undefined>;
  /**
   * Writes the whole record, atomically, if the stored version is still `person.version` (0: not stored
   * yet); the stored version becomes one more. Throws StaleWriteError otherwise, writing nothing.
   */
  commit(person: StoredPerson): Promise<StoredPerson>;
  /** Deletes the person's record and every channel-user link to it. */
  erase(personId: string): Promise<void>;
  /**
   * Every person stored, a batch at a time (for retention): each person is listed when first stored (a
   * record stored before the list was kept, at its next commit) until erased.
   */
  everyone(): AsyncIterable<string[]>;
}

/** A commit whose record changed since it was read (another device, another instance): nothing was written. */
export class StaleWriteError extends Error {
  constructor() {
    super('the record changed since it was read');
    this.name = 'StaleWriteError';
  }
}

/**
 * What trying a code gives: linked, or refused. A refusal has no reason here (wrong, used, expired or too
 * many tries are audited, never told), so nothing the person sees confirms that a guessed code existed.
 */
export type RedeemOutcome = { outcome: 'linked'; personId: string } | { outcome: 'refused' };

/** One-time codes for carrying a story to another device. */
export interface ResumeCodes {
  readonly validDays: number;
  issue(personId: string, channel: string, now: Date): Promise<{ code: string; expiresAt: Date }>;
  redeem(typed: string, channelId: string, userId: string, now: Date): Promise<RedeemOutcome>;
  /** Every code issued for this person stops working (after "delete my story"). */
  revokeAll(personId: string): Promise<void>;
  /**
   * Retention: deletes this person's codes that expired or were used before `now` (only counts them when
   * `dryRun`). Returns how many.
   */
  deleteSpent(personId: string, now: Date, dryRun: boolean): Promise<number>;
}

/** What a rate limit answers one attempt: go ahead, or not yet (and for how long). */
export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** How long until an attempt may be allowed again. */
      retryAfterMs: number;
      /** True for the attempt that went over the limit; false for those refused after it, in the same window. */
      firstRefusal: boolean;
    };

/**
 * Attempts counted per key (an address, a conversation, a key id, a channel user) within a window. With
 * PostgreSQL every instance counts in the same place, so a limit holds however many instances serve.
 */
export interface RateLimit {
  /** Counts one attempt by `key` and says whether it may go ahead. */
  attempt(key: string): Promise<RateDecision>;
}

/**
 * One conversation of the local Direct Line (the web chat with no cloud account). Its activities are kept
 * by the same store; its tokens only as hashes. The story itself lives with the person, not here.
 */
export interface LocalConversation {
  id: string;
  channelId: string;
  /** A random id the server chose for the user, never one the client claims. */
  userId: string;
  /** True once the bot has been told the user joined. */
  started: boolean;
  /** The language the client asked for when it started, so the welcome is in that language. */
  locale?: string;
}

/** An activity as a Direct Line client reads it: JSON, with the id and timestamp the service gave it. */
export interface LocalActivity {
  id: string;
  timestamp: string;
  [field: string]: unknown;
}

export interface LocalActivityPage {
  activities: LocalActivity[];
  /** Opaque to clients: pass it back to get only what came after this page. */
  watermark: string;
}

export type LocalConversationAccess =
  | { ok: true; conversation: LocalConversation }
  | { ok: false; reason: 'token_missing' | 'token_invalid' | 'conversation_not_found' };

export interface LocalConversationOptions {
  /** A conversation with no request from its client for this long expires. */
  idleMs: number;
  /** Local conversations use this channel id (`webchat` shows buttons; `console` gets numbered lists). */
  channelId: string;
  clock: () => Date;
  /** Activities per page read (default 100). */
  pageSize?: number;
  /** A conversation keeps this many of its most recent activities (default 2,000). */
  maxActivities?: number;
  /** Live conversations at most (default 10,000): at the cap, a new one makes room by dropping the one idle the longest. */
  maxConversations?: number;
  /** Told when a conversation is dropped to make room for a new one (the cap was reached). */
  onEvicted?: () => void;
}

/** Direct Line returns activities in pages; a client follows the watermark for the rest. */
export const LOCAL_ACTIVITIES_PER_PAGE = 100;
/** A long conversation keeps its most recent activities; Web Chat only ever asks for what is new. */
export const MAX_ACTIVITIES_PER_CONVERSATION = 2000;
/** A ceiling on what is kept: at it, a new conversation makes room by dropping the one idle the longest. */
export const MAX_LIVE_CONVERSATIONS = 10_000;

/**
 * The local Direct Line's conversations: in the process's memory with the embedded store, in PostgreSQL
 * with DATABASE_URL (so a conversation started on one instance works from any other). An expired
 * conversation is gone for every method, whether or not it has been swept yet.
 */
export interface LocalConversationStore {
  readonly channelId: string;
  readonly idleMs: number;
  readonly pageSize: number;
  /** A new conversation with a fresh random id, user id and token. At the cap, the one idle the longest makes room: a new visitor is never turned away. */
  create(): Promise<{ conversation: LocalConversation; token: string }>;
  /** The live conversation with this id (for the bot's side, which holds no token). */
  get(conversationId: string): Promise<LocalConversation | undefined>;
  /**
   * The conversation this token opens (with `conversationId`: only if it is that one). A success counts as
   * the client's last activity, which keeps the conversation from expiring.
   */
  authenticate(token: string | undefined, conversationId?: string): Promise<LocalConversationAccess>;
  /** A new token for the conversation; the previous one keeps working until the next refresh, no older one. */
  refresh(conversationId: string): Promise<string>;
  /**
   * Marks the conversation started, with this locale if it gives one, exactly once on every instance.
   * Resolves with the conversation to the one caller that started it; undefined to every other.
   */
  claimStart(conversationId: string, locale?: string): Promise<LocalConversation | undefined>;
  /** Keeps an activity (numbered `conversationId|0000007` and stamped now), after every one kept before. */
  append(conversationId: string, activity: Record<string, unknown>): Promise<LocalActivity>;
  /** At most a page of activities after `watermark` (absent or unreadable: from the oldest kept). */
  since(conversationId: string, watermark: string | undefined): Promise<LocalActivityPage>;
  /** Live conversations. */
  count(): Promise<number>;
  /** Drops the conversation idle the longest, if there is one. Resolves with whether one was dropped. */
  evictOldestIdle(): Promise<boolean>;
  /** Drops every conversation idle longer than `idleMs`. Resolves with how many. */
  expire(): Promise<number>;
}

/** The conversation was dropped (expired or evicted) before this could be done. */
export class LocalConversationGone extends Error {
  constructor() {
    super('the local conversation is gone');
    this.name = 'LocalConversationGone';
  }
}
