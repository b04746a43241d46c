import type { OutcomeRecorder } from '../useCases/outcomes/outcomeRecorder.js';
import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { GLOBAL_WORDS, type GlobalWordVocabulary } from '../domain/globalWords.js';
import { KeyedSerialQueue } from '../domain/keyedSerialQueue.js';
import type { Coordination, PersonRepository } from '../useCases/ports.js';
import { channelHasButtons } from './choiceMessage.js';
import { DialogIds } from './dialogIds.js';
import { holdReplies } from './heldReplies.js';
import { newsContactAfterTurn } from './newsContact.js';
import { sendPlainUnlessMarkdown } from './messageFormat.js';
import { wordList } from './topicText.js';
import { setTurnInfo, turnInfo, type TurnInfo } from './turnInfo.js';
import { TurnUnit, setTurnUnit, turnUnit } from './turnUnit.js';

/** The copy a turn speaks in (bot/i18n.ts provides it). */
export interface TurnCopy {
  /** The language we answer in, from what the channel says the person uses. */
  resolveLocale(requested: string | undefined): string;
  /** The languages the whole conversation speaks. */
  readonly languages: readonly string[];
  forLocale(locale: string): TFunction;
  /** Every language we have some copy in (crisis signposting at least). */
  readonly someCopyIn: readonly string[];
}

export interface ConversationTurnsOptions {
  people: PersonRepository;
  /** Across instances (PostgreSQL): one turn at a time per channel user, and the commit in one transaction. */
  coordination?: Coordination;
  copy: TurnCopy;
  /** The root dialog (OneStoryDialog). */
  dialog: Dialog;
  clock: () => Date;
  /** After this long without a message, the conversation is a new sitting: welcome back. */
  sessionGapMs: number;
  /**
   * Whether a "there is news" text went to this conversation after `since` (useCases/sharing/newsNotices.ts):
   * then the person's next message there is a new sitting, and the welcome back tells the news first.
   */
  newsNoticeSentTo?: (personId: string, conversationKey: string, since: string) => Promise<boolean>;
  /** The partnership's outcome facts: a person who first tells part of their story is counted, in the commit's unit of work. */
  outcomes?: OutcomeRecorder;
}

const ENGLISH = 'en';

/** The dialog stack lives in the turn unit, not in Bot Framework's BotState. */
const dialogStateInUnit: StatePropertyAccessor<DialogState> = {
  get: async (context) => turnUnit(context).dialogState,
  set: async (context, value) => {
    turnUnit(context).dialogState = value;
  },
  delete: async (context) => {
    turnUnit(context).dialogState = { dialogStack: [] };
  },
};

/**
 * A turn, start to end: load once, decide, commit once, then reply.
 * - Two messages in one conversation at once (a double tap) are handled one after the other.
 * - The person's record is read once (their story and this conversation's state) into a TurnUnit.
 * - The dialogs decide, changing the unit in memory; their replies are held.
 * - The unit is committed with one atomic write; only then are the replies sent. If anything fails
 *   before, the person sees no reply (urgent ones, like crisis signposting, excepted) and can send again.
 * A person is welcomed when they join (web chat) or on their first message (SMS sends no join event);
 * someone returning after a long gap is welcomed back rather than dropped into an old question.
 */
export class ConversationTurns {
  private readonly conversations = new KeyedSerialQueue();
  private readonly dialogs: DialogSet;
  private readonly vocabularies = new Map<string, GlobalWordVocabulary>();
  /** Per language: its copy, and sentences already put together, by key and what was filled in (the locale files are read once, at start-up). */
  private readonly languages = new Map<string, { fixed: TFunction; lookedUp: Map<string, unknown>; ours: Set<string> }>();

  /** The languages spoken, English first, then the others in the order of locales/ (they never change while running). */
  private readonly spoken: readonly string[];

  constructor(private readonly options: ConversationTurnsOptions) {
    const { languages } = options.copy;
    this.spoken = [...languages.filter((code) => code === ENGLISH), ...languages.filter((code) => code !== ENGLISH)];
    this.dialogs = new DialogSet(dialogStateInUnit);
    this.dialogs.add(options.dialog);
  }

  async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const userId = activity.from?.id;
    if (!userId || !startsATurn(activity)) return;
    const conversationKey = `${activity.channelId}/${activity.conversation?.id ?? ''}`;
    const channelUser = `${activity.channelId}:${userId}`;
    const { coordination } = this.options;
    await this.conversations.run(conversationKey, () =>
      coordination ? coordination.withLock(`turn:${channelUser}`, () => this.turn(context, conversationKey, channelUser)) : this.turn(context, conversationKey, channelUser),
    );
  }

  private async turn(context: TurnContext, conversationKey: string, channelUser: string): Promise<void> {
    sendPlainUnlessMarkdown(context);
    const replies = holdReplies(context);
    try {
      const unit = await TurnUnit.load(this.options.people, channelUser, conversationKey, randomUUID, this.options.outcomes);
      setTurnUnit(context, unit);
      setTurnInfo(context, this.turnInfoFor(context, unit));
      await this.decide(context, unit);
      const now = this.options.clock();
      unit.newsContact = newsContactAfterTurn(context, unit, turnInfo(context).locale, now);
      const committing = () => unit.commit(now);
      await (this.options.coordination ? this.options.coordination.atomically(committing) : committing());
    } catch (error) {
      await replies.releaseUrgentOnly();
      throw error;
    }
    await replies.release();
  }

  private async decide(context: TurnContext, unit: TurnUnit): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const now = this.options.clock();
    const lastSeen = unit.session.lastSeenAt ? Date.parse(unit.session.lastSeenAt) : undefined;
    if (lastSeen !== undefined && now.getTime() - lastSeen > this.options.sessionGapMs) {
      await dc.cancelAllDialogs();
      unit.session.supporter = undefined;
    } else if (unit.session.lastSeenAt && unit.newsContact?.conversationKey === unit.conversationKey && (await this.options.newsNoticeSentTo?.(unit.personId, unit.conversationKey, unit.session.lastSeenAt))) {
      // We texted them that there is news: their reply comes back to it, not to the question left open.
      await dc.cancelAllDialogs();
    }
    unit.session.lastSeenAt = now.toISOString();
    const result = await dc.continueDialog();
    // A join event while a conversation is under way is ignored by the waiting prompt, so the welcome
    // starts only when nothing is under way.
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(DialogIds.root);
  }

  /**
   * Who is speaking and in which language, worked out once per turn: the language the person chose (kept
   * with their story, so it follows them to every device they link), else the channel's when we speak it,
   * else English.
   */
  private turnInfoFor(context: TurnContext, unit: TurnUnit, chosen?: string): TurnInfo {
    const { copy } = this.options;
    const preferred = chosen ?? unit.storedStory?.preferredLanguage;
    const requested = (context.activity.locale ?? '').toLowerCase().split(/[-_]/)[0];
    const languageFrom = preferred && copy.languages.includes(preferred) ? 'person' : copy.languages.includes(requested) ? 'channel' : 'default';
    const locale = languageFrom === 'person' ? preferred! : copy.resolveLocale(context.activity.locale);
    const t = this.copyFor(locale, unit);
    const tIn = (other: string): TFunction => (other === locale ? t : this.copyFor(other, unit));
    return {
      personId: unit.personId,
      locale,
      t,
      tIn,
      languages: copy.someCopyIn,
      spoken: this.spoken,
      languageFrom,
      speak: (other) => setTurnInfo(context, this.turnInfoFor(context, unit, other)),
      words: this.vocabularyFor(locale),
      textOnly: !channelHasButtons(context),
    };
  }


  /**
   * The copy of one language for this turn. The service's name is read at each call: a neutral name chosen
   * on SMS during this turn is used from the next sentence on. The copy never changes while the bot runs,
   * so a sentence is put together once per language and values filled in (most need none; the word lists
   * neither), as long as those values are numbers or our own sentences; never what someone wrote.
   */
  private copyFor(locale: string, unit: TurnUnit): TFunction {
    let language = this.languages.get(locale);
    if (!language) this.languages.set(locale, (language = { fixed: this.options.copy.forLocale(locale), lookedUp: new Map(), ours: new Set() }));
    const { fixed, lookedUp: cache, ours } = language;
    return ((key: string | string[], options?: Record<string, unknown>) => {
      const serviceName = unit.session.textMessaging?.serviceName;
      if (serviceName) return fixed(key, { serviceName, ...options });
      const filledIn = options === undefined ? '' : isOnlyReturnObjects(options) ? 'objects:' : withOurValues(options, ours);
      if (filledIn === undefined || typeof key !== 'string') return fixed(key, options);
      const cacheKey = filledIn + key;
      let value = cache.get(cacheKey);
      if (value === undefined) {
        // Sentences with a number or a topic's title filled in are bounded too, but only just: start again when full.
        if (cache.size >= SENTENCES_KEPT) {
          cache.clear();
          ours.clear();
        }
        cache.set(cacheKey, (value = fixed(key, options) as unknown));
        if (typeof value === 'string') ours.add(value);
      }
      return value;
    }) as unknown as TFunction;
  }

  /** The words that work anywhere, in this language and in English (people mix English into every language). */
  private vocabularyFor(locale: string): GlobalWordVocabulary {
    let vocabulary = this.vocabularies.get(locale);
    if (!vocabulary) {
      const t = this.options.copy.forLocale(locale);
      const english = this.options.copy.forLocale(ENGLISH);
      // "language" works in every language we speak: someone who cannot read this one can still leave it.
      const others = (word: string) => (word === 'language' ? this.options.copy.languages : [ENGLISH]).filter((code) => code !== locale);
      const words = (word: string): string[] => {
        const fromOthers = others(word).flatMap((code) => wordList(code === ENGLISH ? english : this.options.copy.forLocale(code), `words.${word}`));
        return [...new Set([...wordList(t, `words.${word}`), ...fromOthers])];
      };
      vocabulary = Object.fromEntries(GLOBAL_WORDS.map((word) => [word, words(word)])) as unknown as GlobalWordVocabulary;
      this.vocabularies.set(locale, vocabulary);
    }
    return vocabulary;
  }
}

/** How many put-together sentences a language keeps. */
const SENTENCES_KEPT = 5_000;

/**
 * `options` as part of a cache key, when every value filled in is a number or a sentence of our own copy
 * (a topic's title, a period): i18next then gives the same sentence every time. Anything a person or an
 * agency wrote (an answer, a name, a message, a resume code) is never kept, so undefined; so is anything
 * that is not a plain value (returnObjects, an object).
 */
export function withOurValues(options: Record<string, unknown>, ours: ReadonlySet<string>): string | undefined {
  let key = 'with';
  for (const name in options) {
    const value = options[name];
    if (typeof value === 'number') key += `,${JSON.stringify(name)}:n${String(value)}`;
    else if (typeof value === 'string' && ours.has(value)) key += `,${JSON.stringify(name)}:${JSON.stringify(value)}`;
    else return undefined;
  }
  return `${key}:`;
}

function isOnlyReturnObjects(options: Record<string, unknown>): boolean {
  const keys = Object.keys(options);
  return keys.length === 1 && keys[0] === 'returnObjects' && options.returnObjects === true;
}

/** A message, or someone other than the bot joining (web chat's join event): anything else starts no turn. */
function startsATurn(activity: Activity): boolean {
  if (activity.type === ActivityTypes.Message) return true;
  if (activity.type !== ActivityTypes.ConversationUpdate) return false;
  return (activity.membersAdded ?? []).some((member) => member.id !== activity.recipient?.id);
}
