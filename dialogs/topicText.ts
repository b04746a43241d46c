import type { TFunction } from 'i18next';
import type { OfferedChoice } from '../domain/choiceRecognition.js';
import type { Question, Topic } from '../domain/questionBank.js';
import { normaliseForMatching } from '../domain/textMatching.js';

/** Localised words for the question bank's data, and the stable values its choices send. */

export const ANSWER_VALUE_PREFIX = 'answer:';
export const TOPIC_VALUE_PREFIX = 'topic:';

export function topicTitle(t: TFunction, topic: Topic): string {
  return t(topic.titleKey);
}

export function answerValue(choiceId: string): string {
  return `${ANSWER_VALUE_PREFIX}${choiceId}`;
}

export function choiceIdFromValue(value: string): string | undefined {
  return value.startsWith(ANSWER_VALUE_PREFIX) ? value.slice(ANSWER_VALUE_PREFIX.length) : undefined;
}

export function questionChoices(t: TFunction, question: Question): OfferedChoice[] {
  return (question.choices ?? []).map((choice) => ({
    value: answerValue(choice.id),
    label: t(choice.labelKey),
    synonyms: choice.synonymsKey ? wordList(t, choice.synonymsKey) : [],
  }));
}

/** A list of words from the locale file (synonyms, command words). */
export function wordList(t: TFunction, key: string): string[] {
  const value = t(key, { returnObjects: true }) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
}

/** "No thanks", "rather not": a polite no to an optional question, never a name or an answer to keep. */
export function isPoliteNo(t: TFunction, text: string): boolean {
  const typed = normaliseForMatching(text);
  return wordList(t, 'words.declined').some((phrase) => normaliseForMatching(phrase) === typed);
}

/** Yes / no style choices used by the conversation itself (not the question bank). */
export function simpleChoice(t: TFunction, value: string, labelKey: string, synonymsKey?: string): OfferedChoice {
  return { value, label: t(labelKey), synonyms: synonymsKey ? wordList(t, synonymsKey) : [] };
}
