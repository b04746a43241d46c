import { createHash } from 'node:crypto';
import type { TFunction } from 'i18next';
import type { HandoffSummary } from '../domain/sharing/handoffSummary.js';
import type { AgencyNews } from '../useCases/sharing/personSharing.js';
import type { QuestionBank } from '../domain/questionBank.js';
import type { Story } from '../domain/story.js';
import { topicsWithAnswers } from '../domain/story.js';
import { findTopic } from '../domain/questionBank.js';
import { topicTitle } from './topicText.js';

/** Words and small rules shared by the sharing dialogs. */

export const AGENCY_VALUE_PREFIX = 'agency:';
export const PART_VALUE_PREFIX = 'part:';

/** Topic titles joined the way a person would say them: "Housing, Money and What helps me". */
export function partTitles(t: TFunction, bank: QuestionBank, parts: readonly string[]): string {
  const titles = parts.map((part) => {
    const topic = findTopic(bank, part);
    return topic ? topicTitle(t, topic) : part;
  });
  if (titles.length <= 1) return titles.join('');
  return t('share.joinList', { items: titles.slice(0, -1).join(', '), last: titles.at(-1) });
}

/** Parts the person could share: topics they said something in, "what helps me" first. */
export function shareableParts(story: Story, bank: QuestionBank): string[] {
  const told = topicsWithAnswers(story, bank.topics.map((topic) => topic.id));
  return [...told.filter((id) => id === bank.readFirstTopicId), ...told.filter((id) => id !== bank.readFirstTopicId)];
}

/** A fingerprint of the exact sentence the person agreed to, kept with the consent as its wording version. */
export function wordingVersion(sentence: string): string {
  return createHash('sha256').update(sentence, 'utf8').digest('hex').slice(0, 16);
}

/**
 * The preview, one message per part, in the person's own words: exactly what the agency will get, in the
 * order it reads it ("what helps me" first, then how to contact them, then the other parts).
 */
export function describeSummary(t: TFunction, summary: HandoffSummary): string[] {
  const part = (shared: HandoffSummary['parts'][number]): string =>
    [t('review.topicHeading', { title: shared.title }), ...shared.answers.map((answer) => t('review.line', { question: answer.question, answer: answer.answer }))].join('\n');
  const messages: string[] = summary.parts.filter((shared) => shared.readFirst && shared.answers.length > 0).map(part);
  if (summary.person) {
    const lines = [
      ...(summary.person.chosenName ? [t('share.previewName', { name: summary.person.chosenName })] : []),
      ...[...summary.person.contactPreferences, ...(summary.languageAndCommunication?.answers ?? [])].map((answer) =>
        t('review.line', { question: answer.question, answer: answer.answer }),
      ),
    ];
    if (lines.length > 0) messages.push([t('share.previewContact'), ...lines].join('\n'));
  }
  messages.push(...summary.parts.filter((shared) => !shared.readFirst && shared.answers.length > 0).map(part));
  return messages;
}

/**
 * What agencies said since the person last heard, one line each: their message (on text-only channels, only
 * that there is one, until the person asks to read it), or else what they decided.
 */
export function newsLines(t: TFunction, news: readonly AgencyNews[], textOnly: boolean): string[] {
  return news.map((item) => {
    if (item.message) return textOnly ? t('news.messageWaiting', { name: item.agencyName }) : t('news.message', { name: item.agencyName, message: item.message });
    return t('news.status', { name: item.agencyName, status: t(`shared.status.${item.status}`) });
  });
}
