import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { GlobalWordVocabulary } from '../domain/globalWords.js';
import { turnSlot } from './turnSlot.js';

/**
 * What every part of a turn needs to know about who is speaking and in which language.
 * Set once per turn by ConversationTurns, read by the crisis check and the dialogs.
 */
export interface TurnInfo {
  personId: string;
  locale: string;
  t: TFunction;
  /** The same copy in another language we speak (crisis signposting follows the language of the message). */
  tIn: (locale: string) => TFunction;
  /** Every language we have some copy in (crisis signposting at least). */
  languages: readonly string[];
  /** The languages the whole conversation speaks, English first. */
  spoken: readonly string[];
  /**
   * Why this turn speaks `locale`: the person chose it, the channel asked for it, or neither (English, and
   * the welcome offers the others).
   */
  languageFrom: 'person' | 'channel' | 'default';
  /**
   * From now on in this turn, speak `locale` (the person chose it), or with none, whatever this turn's person
   * prefers (their story was just loaded with a code from another device).
   */
  speak(locale?: string): void;
  words: GlobalWordVocabulary;
  /** True on channels that cannot show buttons (SMS): choices become numbered text. */
  textOnly: boolean;
}

const slot = turnSlot<TurnInfo>('one-story turn info', 'turn info is missing: turns run through ConversationTurns');

export const setTurnInfo: (context: TurnContext, info: TurnInfo) => void = slot.set;
export const turnInfo: (context: TurnContext) => TurnInfo = slot.get;
