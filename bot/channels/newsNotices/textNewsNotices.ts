import type { ConversationReference } from 'botbuilder';
import type { NewsContact, NewsNoticeSender } from '../../../useCases/ports.js';
import { IN_PROCESS_SERVICE_URL, type OneStoryAdapter } from '../../adapter.js';
import type { Translations } from '../../i18n.js';

/**
 * Sends the short "there is news" text as a proactive message, through the conversation reference kept
 * from the person's own turns there (Azure Bot Service's SMS channel delivers it as a text, from the same
 * number). Only the neutral name they chose and no detail: the phone may be seen by someone else.
 */
export function textNewsNotices(adapter: OneStoryAdapter, botAppId: string | undefined, translations: Translations): NewsNoticeSender {
  return {
    async send(contact: NewsContact): Promise<void> {
      const reference = contact.conversation as Partial<ConversationReference>;
      // A conversation handed over in this process (the console, tests) has no channel to send through later.
      if (!reference.serviceUrl || reference.serviceUrl === IN_PROCESS_SERVICE_URL) throw new NoChannelToSendThrough();
      const t = translations.forLocale(contact.locale);
      const text = t('news.textNotice', contact.serviceName ? { serviceName: contact.serviceName } : {});
      await adapter.continueConversationAsync(botAppId ?? '', reference, async (context) => {
        await context.sendActivity(text);
      });
    },
  };
}

export class NoChannelToSendThrough extends Error {
  constructor() {
    super('this conversation has no channel to send a text through');
    this.name = 'NoChannelToSendThrough';
  }
}
