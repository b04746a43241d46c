import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Server } from 'restify';
import type { Logger } from '../../logger.js';
import { describeErrorSafely } from '../../logger.js';
import type { LoggedActivity } from './activityLog.js';
import { LocalConversationGone, type LocalConversation, type LocalConversationStore } from '../../../useCases/ports.js';
import { LOCAL_BOT_ACCOUNT, registerDirectLineRoutes, type DirectLineLimits } from './directLineRoutes.js';

/** Hands an activity to the bot in this process, as a channel would, and resolves with its replies. */
export type DeliverToBot = (activity: Partial<Activity>) => Promise<Partial<Activity>[]>;

export interface LocalDirectLineOptions {
  /** Where the conversations live: this process's memory, or PostgreSQL shared by every instance. */
  conversations: LocalConversationStore;
  clock: () => Date;
  log: Logger;
  /** Copy for the Direct Line's error messages to clients (locales/en/api.json). */
  t: TFunction;
  deliver: DeliverToBot;
  limits: DirectLineLimits;
}

export interface LocalDirectLine {
  conversations: LocalConversationStore;
  /** Registers the Direct Line routes on the server. */
  register(server: Server): void;
  /** Tells the bot the user and the bot joined, exactly once per conversation (on every instance). */
  startOnce(conversationId: string, locale?: string): Promise<void>;
  /** Logs what the person sent, hands it to the bot and logs the bot's replies. Resolves with the logged activity. */
  post(conversation: LocalConversation, activity: Omit<Partial<Activity>, 'id' | 'timestamp'>): Promise<LoggedActivity>;
  /** Tells the person something from the service itself (not a turn of the bot): a message in the conversation. */
  notice(conversation: LocalConversation, text: string): Promise<void>;
}

/**
 * A web chat with no cloud account: this server plays Azure Bot Service's part for local conversations.
 * Activities are handed to the bot's adapter in this process (no HTTP back into the same process, and no
 * reply route anyone else could post to); the bot's replies come back from the turn and are kept where
 * the Direct Line client reads them, on whichever instance it asks next.
 */
export function createLocalDirectLine(options: LocalDirectLineOptions): LocalDirectLine {
  const { conversations } = options;

  /** Keeps a message from the bot where the client reads it. */
  const fromBot = (conversation: LocalConversation, reply: Partial<Activity>, replyToId?: string) =>
    conversations.append(conversation.id, {
      ...reply,
      channelId: conversation.channelId,
      conversation: { id: conversation.id },
      from: { ...LOCAL_BOT_ACCOUNT, ...(reply.from ?? {}), role: 'bot' },
      recipient: { id: conversation.userId, role: 'user' },
      ...(replyToId ? { replyToId } : {}),
    });

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
      try {
        await fromBot(conversation, rest, activity.id);
      } catch (error) {
        // Expired or evicted during the turn: nobody is left to read the reply (the story is kept).
        if (!(error instanceof LocalConversationGone)) throw error;
        options.log.info('directline.replyToGoneConversation', { activityType: reply.type });
        return;
      }
    }
  };

  const line: LocalDirectLine = {
    conversations,
    register(server: Server) {
      registerDirectLineRoutes(server, { conversations, log: options.log, t: options.t, line, limits: options.limits });
    },
    async notice(conversation, text) {
      try {
        await fromBot(conversation, { type: 'message', text });
      } catch (error) {
        if (!(error instanceof LocalConversationGone)) throw error;
      }
    },
    async startOnce(conversationId, locale) {
      const conversation = await conversations.claimStart(conversationId, locale);
      if (!conversation) return;
      const user = { id: conversation.userId, role: 'user' };
      await deliver(conversation, {
        type: 'conversationUpdate',
        id: `${conversation.id}|start`,
        timestamp: options.clock(),
        membersAdded: [LOCAL_BOT_ACCOUNT, user] as Activity['membersAdded'],
        from: user as Activity['from'],
        ...(conversation.locale ? { locale: conversation.locale } : {}),
      });
    },
    async post(conversation, activity) {
      await line.startOnce(conversation.id);
      const logged = (await conversations.append(conversation.id, {
        ...activity,
        channelId: conversation.channelId,
        conversation: { id: conversation.id },
        from: { id: conversation.userId, role: 'user' },
        recipient: LOCAL_BOT_ACCOUNT,
      })) as LoggedActivity;
      await deliver(conversation, { ...logged, timestamp: new Date(logged.timestamp) } as Partial<Activity>);
      return logged;
    },
  };
  return line;
}
