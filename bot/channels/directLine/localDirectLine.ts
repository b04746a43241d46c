import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Server } from 'restify';
import type { Logger } from '../../logger.js';
import { describeErrorSafely } from '../../logger.js';
import type { LoggedActivity } from './activityLog.js';
import { ConversationRegistry, type LocalConversation } from './conversationRegistry.js';
import { LOCAL_BOT_ACCOUNT, registerDirectLineRoutes, type DirectLineLimits } from './directLineRoutes.js';

/** Hands an activity to the bot in this process, as a channel would, and resolves with its replies. */
export type DeliverToBot = (activity: Partial<Activity>) => Promise<Partial<Activity>[]>;

export interface LocalDirectLineOptions {
  idleMs: number;
  /** `webchat` for the browser page (buttons); the console chat uses `console` (numbered text choices). */
  channelId: string;
  clock: () => Date;
  log: Logger;
  /** Copy for the Direct Line's error messages to clients (locales/en/api.json). */
  t: TFunction;
  deliver: DeliverToBot;
  limits: DirectLineLimits;
  /** Live conversations kept in memory at most; at the cap, the one idle the longest makes room. */
  maxConversations?: number;
}

export interface LocalDirectLine {
  registry: ConversationRegistry;
  /** Registers the Direct Line routes on the server. */
  register(server: Server): void;
  /** Tells the bot the user and the bot joined, exactly once per conversation. */
  startOnce(conversation: LocalConversation): Promise<void>;
  /** Logs what the person sent, hands it to the bot and logs the bot's replies. Resolves with the logged activity. */
  post(conversation: LocalConversation, activity: Omit<Partial<Activity>, 'id' | 'timestamp'>): Promise<LoggedActivity>;
  /** Tells the person something from the service itself (not a turn of the bot): a message in the conversation. */
  notice(conversation: LocalConversation, text: string): void;
}

/**
 * A web chat with no cloud account: this server plays Azure Bot Service's part for local conversations.
 * Activities are handed to the bot's adapter in this process (no HTTP back into the same process, and no
 * reply route anyone else could post to); the bot's replies come back from the turn and are logged where
 * the Direct Line client reads them.
 */
export function createLocalDirectLine(options: LocalDirectLineOptions): LocalDirectLine {
  const registry = new ConversationRegistry({
    idleMs: options.idleMs,
    channelId: options.channelId,
    clock: options.clock,
    maxConversations: options.maxConversations,
    onEvicted: () => options.log.info('directline.idlestDropped', { live: registry.size }),
  });

  /** Logs a message from the bot where the client reads it. */
  const logFromBot = (conversation: LocalConversation, reply: Partial<Activity>, replyToId?: string) =>
    conversation.log.append(
      {
        ...reply,
        channelId: conversation.channelId,
        conversation: { id: conversation.id } as Activity['conversation'],
        from: { ...LOCAL_BOT_ACCOUNT, ...(reply.from ?? {}), role: 'bot' } as Activity['from'],
        recipient: { id: conversation.userId, role: 'user' } as Activity['recipient'],
        ...(replyToId ? { replyToId } : {}),
      },
      registry.now(),
    );

  const deliver = async (conversation: LocalConversation, activity: Partial<Activity>): Promise<void> => {
    let replies: Partial<Activity>[];
    try {
      replies = await options.deliver({
        ...activity,
        channelId: conversation.channelId,
        conversation: { id: conversation.id } as Activity['conversation'],
        recipient: LOCAL_BOT_ACCOUNT as Activity['recipient'],
      });
    } catch (error) {
      options.log.error('directline.deliveryFailed', { activityType: activity.type, ...describeErrorSafely(error) });
      return;
    }
    for (const reply of replies) {
      const { serviceUrl: _serviceUrl, id: _id, timestamp: _timestamp, ...rest } = reply;
      logFromBot(conversation, rest, activity.id);
    }
  };

  const line: LocalDirectLine = {
    registry,
    register(server: Server) {
      registerDirectLineRoutes(server, { registry, log: options.log, t: options.t, line, limits: options.limits });
    },
    notice(conversation, text) {
      logFromBot(conversation, { type: 'message', text });
    },
    async startOnce(conversation) {
      if (conversation.started) return;
      conversation.started = true;
      const user = { id: conversation.userId, role: 'user' };
      await deliver(conversation, {
        type: 'conversationUpdate',
        id: `${conversation.id}|start`,
        timestamp: registry.now(),
        membersAdded: [LOCAL_BOT_ACCOUNT, user] as Activity['membersAdded'],
        from: user as Activity['from'],
        ...(conversation.locale ? { locale: conversation.locale } : {}),
      });
    },
    async post(conversation, activity) {
      await line.startOnce(conversation);
      const logged = conversation.log.append(
        {
          ...activity,
          channelId: conversation.channelId,
          conversation: { id: conversation.id } as Activity['conversation'],
          from: { id: conversation.userId, role: 'user' } as Activity['from'],
          recipient: LOCAL_BOT_ACCOUNT as Activity['recipient'],
        },
        registry.now(),
      );
      await deliver(conversation, { ...logged, timestamp: new Date(logged.timestamp) } as Partial<Activity>);
      return logged;
    },
  };
  return line;
}
