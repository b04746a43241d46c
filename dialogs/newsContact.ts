import { TurnContext } from 'botbuilder';
import type { NewsContact } from '../useCases/ports.js';
import { TEXT_MESSAGING_CHANNELS } from './textMessagingSetupDialog.js';
import type { TurnUnit } from './turnUnit.js';

/**
 * Where the person can be sent a short "there is news" text, after this turn: on a text messaging channel,
 * this conversation once they said texting is safe here (refreshed at every turn, with the neutral name
 * and language they chose); nowhere once they said it is not safe or texted STOP. Other channels leave it as it was.
 */
export function newsContactAfterTurn(context: TurnContext, unit: TurnUnit, locale: string, now: Date): NewsContact | undefined {
  const { channelId } = context.activity;
  const current = unit.newsContact;
  if (!TEXT_MESSAGING_CHANNELS.has(channelId)) return current;
  const texting = unit.session.textMessaging;
  if (texting?.safeToText !== true || texting.stopped) return current?.conversationKey === unit.conversationKey ? undefined : current;
  return {
    channelId,
    conversationKey: unit.conversationKey,
    conversation: { ...TurnContext.getConversationReference(context.activity) } as Record<string, unknown>,
    ...(texting.serviceName ? { serviceName: texting.serviceName } : {}),
    locale,
    lastTurnAt: now.toISOString(),
  };
}
