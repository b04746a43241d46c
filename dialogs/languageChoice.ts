import { DialogTurnStatus, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { recogniseExactChoice, type OfferedChoice } from '../domain/choiceRecognition.js';
import { otherLanguageOfSentence } from '../domain/language.js';
import { activePromptSpec } from './answerPrompt.js';
import { choiceMessage, incomingChoiceValue } from './choiceMessage.js';
import { DialogIds } from './dialogIds.js';
import { saveStory, sessionFor, storyFor, type DialogServices } from './dialogServices.js';
import type { TopicOptions } from './topicDialog.js';
import { wordList } from './topicText.js';
import { turnInfo, type TurnInfo } from './turnInfo.js';

/** The value of each language's button: `lang:pl`, `lang:ar`, `lang:en` … */
export const LANGUAGE_VALUE_PREFIX = 'lang:';

export function languageValue(code: string): string {
  return `${LANGUAGE_VALUE_PREFIX}${code}`;
}

/**
 * Choosing the language we speak. "language" (in any language) offers every language we speak as buttons,
 * each named in its own language; a language's name ("polski", "Polish", "română") or its button switches at
 * once: the person's choice is kept with their story, so it follows them to every device they link, and
 * the question they were at is asked again in the new language. Nothing they told is touched.
 * A message in a language we do not speak yet gets the same list and a line about interpreters.
 */
export class LanguageChoice {
  /** Each language's button (its name in its own language, and the words that pick it), built once. */
  private offered: OfferedChoice[] | undefined;

  constructor(private readonly services: DialogServices) {}

  /** Every language we speak, English first, each named in itself. */
  choices(info: TurnInfo): OfferedChoice[] {
    this.offered ??= info.spoken.map((code) => {
      const t = info.tIn(code);
      return { value: languageValue(code), label: t('web.languageName'), synonyms: wordList(t, 'language.nameWords') };
    });
    return this.offered;
  }

  /**
   * The language a message picks, if it picks one: a button's value anywhere; a language's name where the
   * person is not answering in their own words ("Polish" may be the interpreter they want), or anywhere
   * right after the list was offered, when its number works too.
   */
  recognise(innerDc: DialogContext, justOffered: boolean): string | undefined {
    const { context } = innerDc;
    const info = turnInfo(context);
    const said = (incomingChoiceValue(context) ?? context.activity.text ?? '').trim();
    if (said.startsWith(LANGUAGE_VALUE_PREFIX)) {
      const code = said.slice(LANGUAGE_VALUE_PREFIX.length);
      return info.spoken.includes(code) ? code : undefined;
    }
    const ownWords = activePromptSpec(innerDc.activeDialog)?.allowFreeText === true;
    if (ownWords && !justOffered) return undefined;
    const chosen = recogniseExactChoice(said, this.choices(info), { numbers: justOffered && info.textOnly });
    return chosen?.value.slice(LANGUAGE_VALUE_PREFIX.length);
  }

  /** Offers every language; `leadKey` says why (asked for, or a language we do not speak). */
  async offer(innerDc: DialogContext, leadKey: 'language.ask' | 'language.notSpoken'): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const info = turnInfo(context);
    await context.sendActivity(choiceMessage(context, info.t(leadKey), this.choices(info)));
    sessionFor(context).languagesOffered = true;
    return { status: DialogTurnStatus.waiting };
  }

  /**
   * Which language the message is clearly written in, when not the conversation's: one we do not speak yet
   * (`unspoken`), or another one we speak. Never asked of a name, whose words say nothing of it.
   */
  writtenIn(innerDc: DialogContext): { unspoken: true } | { other: string } | undefined {
    const text = innerDc.context.activity.text;
    const info = turnInfo(innerDc.context);
    if (text === undefined || this.isAskingForAName(innerDc)) return undefined;
    const language = otherLanguageOfSentence(this.services.guessLanguage, text, info.locale);
    if (language === undefined) return undefined;
    return info.spoken.includes(language) ? { other: language } : { unspoken: true };
  }

  /**
   * The person is telling us a name (theirs, their supporter's or an organisation's) or a language: its
   * words say nothing about the language they read.
   */
  private isAskingForAName(innerDc: DialogContext): boolean {
    const asker = innerDc.stack.at(-2);
    if (!asker) return false;
    if (asker.id === DialogIds.welcome || asker.id === DialogIds.supporter) return true;
    if (asker.id !== DialogIds.topic) return false;
    const state = asker.state as { options?: TopicOptions; values?: Record<string, unknown> };
    const topic = this.services.bank.topics.find((candidate) => candidate.id === state.options?.topicId);
    const question = topic?.questions[Number(state.values?.index)];
    const { preferredName, communication } = this.services.bank;
    return question !== undefined && ((topic!.id === preferredName.topicId && question.id === preferredName.questionId) || (topic!.id === communication?.topicId && communication.questionIds.includes(question.id)));
  }

  /** Speaks `code` from now on, says so in it, and asks again, in it, whatever was being asked. */
  async switchTo(innerDc: DialogContext, code: string): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const story = await storyFor(context, this.services);
    saveStory(context, { ...story, preferredLanguage: code, updatedAt: this.services.clock().toISOString() });
    turnInfo(context).speak(code);
    await context.sendActivity(turnInfo(context).t('language.changed'));
    return askAgain(innerDc);
  }
}

/**
 * The innermost dialog that was asking something starts again with what it was doing, so its question
 * comes in the language now spoken; a topic asks the same question again (its answers are in the story).
 * With nothing under way, the conversation starts.
 */
async function askAgain(innerDc: DialogContext): Promise<DialogTurnResult> {
  // The SDK keeps the innermost dialog last.
  const stack: DialogInstance[] = innerDc.stack;
  let at = stack.length - 1;
  while (at >= 0 && stack[at].id === DialogIds.answerPrompt) at--;
  if (at < 0) {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(DialogIds.entry);
  }
  // The prompts above it were only waiting for this reply: they go without resuming anything.
  stack.splice(at + 1);
  const asking = stack[at];
  const state = asking.state as { options?: object; values?: Record<string, unknown> };
  let options = state.options;
  if (asking.id === DialogIds.topic) {
    const index = state.values?.index;
    if (typeof index === 'number') options = { ...(options as TopicOptions), index, timingOk: true } satisfies TopicOptions;
  }
  return innerDc.replaceDialog(asking.id, options);
}
