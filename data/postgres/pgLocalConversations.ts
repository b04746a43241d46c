import {
  LOCAL_ACTIVITIES_PER_PAGE,
  LocalConversationGone,
  MAX_ACTIVITIES_PER_CONVERSATION,
  MAX_LIVE_CONVERSATIONS,
  type LocalActivity,
  type LocalActivityPage,
  type LocalConversation,
  type LocalConversationAccess,
  type LocalConversationOptions,
  type LocalConversationStore,
} from '../../useCases/ports.js';
import { activityId, hashConversationToken, newConversationId, newConversationToken, readWatermark } from '../localConversations/identifiers.js';
import type { EncryptedEnvelope, RecordCipher } from '../storage/encryption.js';
import type { Database } from './database.js';

/** Taken while a conversation is created, so the cap on live conversations holds across instances. */
const CREATE_LOCK = 'local-conversations/create';
/**
 * A client polls about once a second; its last activity is written at most this often (and at most a
 * thirtieth of the idle time apart), so polling costs reads, not a write each. A conversation may
 * therefore expire up to this much earlier than its idle time after the client's last request.
 */
const TOUCH_EVERY_MS = 60_000;

interface ConversationRow {
  id: string;
  channel_id: string;
  user_id: string;
  started: boolean;
  locale: string | null;
}

const COLUMNS = 'id, channel_id, user_id, started, locale';

/**
 * The local Direct Line's conversations in PostgreSQL (migration 0003), shared by every instance: a
 * conversation started on one is posted to and read on any other, and the bot's replies, kept by
 * whichever instance ran the turn, are read everywhere. Tokens are kept as hashes; activities encrypted
 * per row (the conversation and position bound as additional data). An activity's position comes from its
 * conversation's row, locked until the activity commits, so readers always see an unbroken prefix.
 */
export class PgLocalConversations implements LocalConversationStore {
  readonly pageSize: number;
  private readonly maxActivities: number;
  private readonly maxConversations: number;
  private readonly touchEveryMs: number;

  constructor(
    private readonly db: Database,
    private readonly cipher: RecordCipher,
    private readonly options: LocalConversationOptions,
  ) {
    this.pageSize = options.pageSize ?? LOCAL_ACTIVITIES_PER_PAGE;
    this.maxActivities = options.maxActivities ?? MAX_ACTIVITIES_PER_CONVERSATION;
    this.maxConversations = options.maxConversations ?? MAX_LIVE_CONVERSATIONS;
    this.touchEveryMs = Math.min(TOUCH_EVERY_MS, Math.floor(options.idleMs / 30));
  }

  get channelId(): string {
    return this.options.channelId;
  }

  get idleMs(): number {
    return this.options.idleMs;
  }

  async create(): Promise<{ conversation: LocalConversation; token: string }> {
    return this.db.atomically(async () => {
      await this.db.lockForTransaction(CREATE_LOCK);
      await this.expire();
      const [{ live }] = await this.db.query<{ live: number }>('SELECT count(*)::int AS live FROM local_conversations');
      if (live >= this.maxConversations && (await this.evictOldestIdle())) this.options.onEvicted?.();
      const conversation: LocalConversation = { id: newConversationId(), channelId: this.options.channelId, userId: newConversationId('user-'), started: false };
      const token = newConversationToken();
      await this.db.query('INSERT INTO local_conversations (id, channel_id, user_id, token_hash, last_seen_at) VALUES ($1, $2, $3, $4, $5)', [
        conversation.id,
        conversation.channelId,
        conversation.userId,
        hashConversationToken(token),
        this.options.clock(),
      ]);
      return { conversation, token };
    });
  }

  async get(conversationId: string): Promise<LocalConversation | undefined> {
    const [row] = await this.db.query<ConversationRow>(`SELECT ${COLUMNS} FROM local_conversations WHERE id = $1 AND last_seen_at >= $2`, [conversationId, this.cutoff()]);
    return row ? toConversation(row) : undefined;
  }

  async authenticate(token: string | undefined, conversationId?: string): Promise<LocalConversationAccess> {
    if (!token) return { ok: false, reason: 'token_missing' };
    const now = this.options.clock();
    // Found by id (then the token must open it) or by the token alone; touched only if the token opens it.
    const byId = conversationId !== undefined;
    const [row] = await this.db.query<ConversationRow & { opens: boolean }>(
      `WITH found AS (
         SELECT ${COLUMNS}, last_seen_at, (token_hash = $1 OR COALESCE(previous_token_hash = $1, false)) AS opens
           FROM local_conversations
          WHERE ${byId ? 'id = $5' : '(token_hash = $1 OR previous_token_hash = $1)'} AND last_seen_at >= $3
          LIMIT 1
       ), touched AS (
         UPDATE local_conversations SET last_seen_at = $2
           FROM found WHERE local_conversations.id = found.id AND found.opens AND found.last_seen_at < $4
       )
       SELECT ${COLUMNS}, opens FROM found`,
      [hashConversationToken(token), now, this.cutoff(), new Date(now.getTime() - this.touchEveryMs), ...(byId ? [conversationId] : [])],
    );
    if (!row) return { ok: false, reason: conversationId === undefined ? 'token_invalid' : 'conversation_not_found' };
    if (!row.opens) return { ok: false, reason: 'token_invalid' };
    return { ok: true, conversation: toConversation(row) };
  }

  async refresh(conversationId: string): Promise<string> {
    const token = newConversationToken();
    const rows = await this.db.query('UPDATE local_conversations SET previous_token_hash = token_hash, token_hash = $2 WHERE id = $1 RETURNING id', [conversationId, hashConversationToken(token)]);
    if (rows.length === 0) throw new LocalConversationGone();
    return token;
  }

  async claimStart(conversationId: string, locale?: string): Promise<LocalConversation | undefined> {
    const [row] = await this.db.query<ConversationRow>(
      `UPDATE local_conversations SET started = true, locale = COALESCE($2, locale)
        WHERE id = $1 AND NOT started AND last_seen_at >= $3 RETURNING ${COLUMNS}`,
      [conversationId, locale ?? null, this.cutoff()],
    );
    return row ? toConversation(row) : undefined;
  }

  async append(conversationId: string, activity: Record<string, unknown>): Promise<LocalActivity> {
    return this.db.atomically(async () => {
      // Locks the conversation's row until this activity commits: the next one waits, so positions commit in order.
      const [row] = await this.db.query<{ position: string }>('UPDATE local_conversations SET next_position = next_position + 1 WHERE id = $1 RETURNING next_position - 1 AS position', [conversationId]);
      if (!row) throw new LocalConversationGone();
      const position = Number(row.position);
      const json = JSON.stringify({ ...activity, id: activityId(conversationId, position), timestamp: this.options.clock().toISOString() });
      await this.db.query('INSERT INTO local_conversation_activities (conversation_id, position, envelope) VALUES ($1, $2, $3)', [
        conversationId,
        position,
        this.cipher.encrypt(json, ACTIVITIES, activityName(conversationId, position)),
      ]);
      // A long conversation keeps its most recent activities.
      if (position >= this.maxActivities) {
        await this.db.query('DELETE FROM local_conversation_activities WHERE conversation_id = $1 AND position <= $2', [conversationId, position - this.maxActivities]);
      }
      return JSON.parse(json) as LocalActivity;
    });
  }

  async since(conversationId: string, watermark: string | undefined): Promise<LocalActivityPage> {
    const rows = await this.db.query<{ next_position: string; position: string | null; envelope: EncryptedEnvelope | null }>(
      `SELECT c.next_position, a.position, a.envelope
         FROM local_conversations c
         LEFT JOIN LATERAL (
           SELECT position, envelope FROM local_conversation_activities
            WHERE conversation_id = c.id AND position >= $2 ORDER BY position LIMIT $3
         ) a ON true
        WHERE c.id = $1
        ORDER BY a.position`,
      [conversationId, readWatermark(watermark), this.pageSize],
    );
    if (rows.length === 0) throw new LocalConversationGone();
    const activities = rows
      .filter((row): row is typeof row & { position: string; envelope: EncryptedEnvelope } => row.position !== null && row.envelope !== null)
      .map((row) => JSON.parse(this.cipher.decrypt(row.envelope, ACTIVITIES, activityName(conversationId, Number(row.position)))) as LocalActivity);
    const end = Number(rows[0].next_position);
    const last = rows[rows.length - 1].position;
    return { activities, watermark: String(last === null ? Math.min(readWatermark(watermark), end) : Number(last) + 1) };
  }

  async count(): Promise<number> {
    const [{ live }] = await this.db.query<{ live: number }>('SELECT count(*)::int AS live FROM local_conversations WHERE last_seen_at >= $1', [this.cutoff()]);
    return live;
  }

  async evictOldestIdle(): Promise<boolean> {
    const rows = await this.db.query(
      'DELETE FROM local_conversations WHERE id = (SELECT id FROM local_conversations ORDER BY last_seen_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id',
    );
    return rows.length > 0;
  }

  async expire(): Promise<number> {
    const [{ dropped }] = await this.db.query<{ dropped: number }>(
      'WITH gone AS (DELETE FROM local_conversations WHERE last_seen_at < $1 RETURNING 1) SELECT count(*)::int AS dropped FROM gone',
      [this.cutoff()],
    );
    return dropped;
  }

  private cutoff(): Date {
    return new Date(this.options.clock().getTime() - this.options.idleMs);
  }
}

function toConversation(row: ConversationRow): LocalConversation {
  return { id: row.id, channelId: row.channel_id, userId: row.user_id, started: row.started, ...(row.locale ? { locale: row.locale } : {}) };
}

/** An activity's identity, bound as additional data: a row moved to another conversation or place fails to decrypt. */
/** Each activity is bound to its conversation and position (as additional data), like a record to its name. */
const ACTIVITIES = 'local-conversation-activities';
function activityName(conversationId: string, position: number): string {
  return `${conversationId}/${position}`;
}
