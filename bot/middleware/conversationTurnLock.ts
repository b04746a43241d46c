import type { Middleware, TurnContext } from 'botbuilder';
import { KeyedSerialQueue } from '../../domain/keyedSerialQueue.js';

/**
 * Two messages in one conversation at once (a double tap, a slow network) are handled one after the
 * other, so each turn reads the state the previous one saved and the dialog state stays valid.
 */
export class ConversationTurnLock implements Middleware {
  private readonly queue = new KeyedSerialQueue();

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation?.id ?? '';
    const key = `${context.activity.channelId ?? ''}/${conversationId}`;
    await this.queue.run(key, next);
  }
}
