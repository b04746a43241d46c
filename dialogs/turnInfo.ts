import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { GlobalWordVocabulary } from '../domain/globalWords.js';

/**
 * What every part of a turn needs to know about who is speaking and in which language.
 * Set once per turn by the turn-setup middleware, read by the crisis check and the dialogs.
 */
export interface TurnInfo {
  personId: string;
  locale: string;
  t: TFunction;
  /** The same copy in another language we speak (crisis signposting follows the language of the message). */
  tIn: (locale: string) => TFunction;
  /** Every language we have some copy in (crisis signposting at least). */
  languages: readonly string[];
  words: GlobalWordVocabulary;
  /** True on channels that cannot show buttons (SMS): choices become numbered text. */
  textOnly: boolean;
}

const TURN_INFO = Symbol('one-story turn info');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (!info) throw new Error('turn info is missing: the turn-setup middleware must run first');
  return info;
}
