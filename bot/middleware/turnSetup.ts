import type { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import { GLOBAL_WORDS, type GlobalWordVocabulary } from '../../domain/globalWords.js';
import type { StoryStore } from '../../data/storyStore.js';
import { channelHasButtons } from '../../dialogs/choiceMessage.js';
import type { SessionState } from '../../dialogs/dialogServices.js';
import { wordList } from '../../dialogs/topicText.js';
import type { Translations } from '../i18n.js';
import { setTurnInfo } from '../../dialogs/turnInfo.js';

/**
 * Works out, once per turn, who is speaking (the person this channel user speaks for) and in which
 * language, so that the crisis check and the dialogs all answer in that language, and under the name
 * the person chose for the service on text messages.
 */
export class TurnSetup implements Middleware {
  private readonly vocabularies = new Map<string, GlobalWordVocabulary>();

  constructor(
    private readonly translations: Translations,
    private readonly stories: StoryStore,
    private readonly session: StatePropertyAccessor<SessionState>,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const userId = context.activity.from?.id;
    if (!userId) return next();
    const locale = this.translations.resolveLocale(context.activity.locale);
    const base = this.translations.forLocale(locale);
    const session = await this.session.get(context, {});
    // Read at each call: a name chosen during this turn is used from the next sentence on.
    const withServiceName = (fixed: TFunction): TFunction =>
      ((key: string | string[], options?: Record<string, unknown>) =>
        fixed(key, { serviceName: session.textMessaging?.serviceName ?? base('service.name'), ...options })) as unknown as TFunction;
    const t = withServiceName(base);
    const tIn = (other: string): TFunction => (other === locale ? t : withServiceName(this.translations.forLocale(other)));
    const personId = await this.stories.personFor(context.activity.channelId, userId);
    setTurnInfo(context, { personId, locale, t, tIn, languages: this.translations.someCopyIn, words: this.vocabularyFor(locale), textOnly: !channelHasButtons(context) });
    await next();
  }

  private vocabularyFor(locale: string): GlobalWordVocabulary {
    let vocabulary = this.vocabularies.get(locale);
    if (!vocabulary) {
      const t = this.translations.forLocale(locale);
      vocabulary = Object.fromEntries(GLOBAL_WORDS.map((word) => [word, wordList(t, `words.${word}`)])) as unknown as GlobalWordVocabulary;
      this.vocabularies.set(locale, vocabulary);
    }
    return vocabulary;
  }
}
