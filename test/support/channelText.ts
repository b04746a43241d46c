import { loadTranslations } from '../../bot/i18n.js';

/**
 * The English words the channel tests look for, read through the bot's own translator (so placeholders
 * like {{serviceName}} are filled in as a person sees them). The tests never hard-code the conversation.
 */
export async function englishConversationText() {
  const t = (await loadTranslations()).forLocale('en');
  const welcomeLines = t('welcome.lines', { returnObjects: true }) as unknown as string[];
  return {
    welcomeFirstLine: welcomeLines[0],
    supporterAsk: t('supporter.ask'),
    supporterNo: t('supporter.no'),
    askName: t('welcome.askName'),
    nameThanks: (name: string) => t('welcome.nameThanks', { name }),
    /** The topic menu's first question (its fifteen buttons follow it). */
    topicMenuAsk: t('menu.askFirst', { readFirst: t('topics.what-helps.title') }),
    /** The topic menu's last button. */
    stopForNow: t('menu.stopForNow'),
  };
}
