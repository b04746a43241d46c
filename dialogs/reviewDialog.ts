import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import { commandValue } from '../domain/globalWords.js';
import { findTopic, type QuestionBank, type Topic } from '../domain/questionBank.js';
import { getAnswer, removeAnswer, removeTopic, type Story } from '../domain/story.js';
import type { OfferedChoice } from '../domain/choiceRecognition.js';
import { turnInfo } from './turnInfo.js';
import { answerListing, rendersMarkdown } from './messageFormat.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { stepValues } from './stepValues.js';
import type { UpdateOfferOptions } from './updateOfferDialog.js';
import { storyFor, type DialogServices, saveStory } from './dialogServices.js';
import type { TopicOptions } from './topicDialog.js';
import { promptOptions } from './answerPrompt.js';
import { TOPIC_VALUE_PREFIX, answerValue, simpleChoice, topicTitle } from './topicText.js';

export interface ReviewOptions {
  /** After a change: skip the full listing and just ask whether there is anything else. */
  quiet?: boolean;
  /** On text-only channels the details are shown only when the person asks for them. */
  details?: boolean;
  /** Look at one topic only (chosen again from the menu when everything in it is answered). */
  topicId?: string;
}

const SHOW_DETAILS = answerValue('show-details');
const CHANGE = answerValue('change-answer');
const REMOVE = answerValue('remove-answer');
const REMOVE_TOPIC = answerValue('remove-topic');
const CONFIRM_REMOVE = answerValue('confirm-remove');
const QUESTION_VALUE_PREFIX = 'question:';

type ReviewAction = typeof CHANGE | typeof REMOVE | typeof REMOVE_TOPIC;

/**
 * "My story so far": everything said, by topic, in the person's own words; then change an answer,
 * remove one, or remove a whole topic. Nothing is removed without a clear choice.
 */
export class ReviewDialog extends WaterfallDialog<ReviewOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.review);
    this.addStep(this.showStep.bind(this));
    this.addStep(this.pickTopicStep.bind(this));
    this.addStep(this.pickQuestionStep.bind(this));
    this.addStep(this.applyStep.bind(this));
    this.addStep(this.againStep.bind(this));
  }

  private async showStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const { t, textOnly } = turnInfo(step.context);
    const markdown = rendersMarkdown(step.context);
    const story = await storyFor(step.context, this.services);
    const topics = topicsWithRecords(story, this.services.bank).filter((topic) => !step.options.topicId || topic.id === step.options.topicId);
    if (topics.length === 0) {
      await step.context.sendActivity(t('review.empty'));
      return step.replaceDialog(DialogIds.menu, { again: true });
    }
    // A text can be read by someone else: on text-only channels, topic names first, details on request.
    const showDetails = !textOnly || step.options.details === true;
    if (!step.options.quiet) {
      if (showDetails) {
        await step.context.sendActivity(t('review.intro'));
        for (const topic of topics) await step.context.sendActivity(describeTopic(t, topic, story, markdown));
      } else {
        await step.context.sendActivity(t('review.topicsOnly', { topics: topics.map((topic) => topicTitle(t, topic)).join(', ') }));
      }
    }
    const choices = [
      ...(showDetails ? [] : [simpleChoice(t, SHOW_DETAILS, 'review.showDetails')]),
      simpleChoice(t, CHANGE, 'review.change', 'review.changeWords'),
      simpleChoice(t, REMOVE, 'review.remove'),
      simpleChoice(t, REMOVE_TOPIC, 'review.removeTopic'),
      simpleChoice(t, commandValue('menu'), 'review.backToMenu', 'review.backToMenuWords'),
    ];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t(step.options.quiet ? 'review.anythingElse' : 'review.whatNext'), choices, false));
  }

  private async pickTopicStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind !== 'choice') return step.replaceDialog(DialogIds.menu, { again: true });
    if (answer.value === SHOW_DETAILS) return step.replaceDialog(DialogIds.review, { ...step.options, details: true } satisfies ReviewOptions);
    stepValues(step).action = answer.value as ReviewAction;
    if (step.options.topicId) return step.next({ kind: 'choice', value: TOPIC_VALUE_PREFIX + step.options.topicId, label: '' } satisfies AnswerResult);
    const { t } = turnInfo(step.context);
    const story = await storyFor(step.context, this.services);
    const choices: OfferedChoice[] = topicsWithRecords(story, this.services.bank).map((topic) => ({
      value: TOPIC_VALUE_PREFIX + topic.id,
      label: topicTitle(t, topic),
    }));
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('review.whichTopic'), choices, false));
  }

  private async pickQuestionStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind !== 'choice') return step.replaceDialog(DialogIds.review, { quiet: true });
    const topic = findTopic(this.services.bank, answer.value.slice(TOPIC_VALUE_PREFIX.length))!;
    stepValues(step).topicId = topic.id;
    const { t } = turnInfo(step.context);
    if (stepValues(step).action === REMOVE_TOPIC) {
      const choices = [
        simpleChoice(t, CONFIRM_REMOVE, 'review.confirmRemoveTopic', 'review.confirmRemoveTopicWords'),
        simpleChoice(t, commandValue('back'), 'review.keepIt', 'review.keepItWords'),
      ];
      return step.prompt(DialogIds.answerPrompt, promptOptions(t('review.removeTopicQuestion', { title: topicTitle(t, topic) }), choices, false));
    }
    const story = await storyFor(step.context, this.services);
    const choices: OfferedChoice[] = topic.questions
      .filter((question) => getAnswer(story, topic.id, question.id))
      .map((question) => ({ value: QUESTION_VALUE_PREFIX + question.id, label: t(question.textKey) }));
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('review.whichQuestion'), choices, false));
  }

  private async applyStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind !== 'choice') return step.replaceDialog(DialogIds.review, { quiet: true });
    const { t } = turnInfo(step.context);
    const topic = findTopic(this.services.bank, stepValues(step).topicId as string)!;
    const story = await storyFor(step.context, this.services);
    const now = this.services.clock();
    if (stepValues(step).action === REMOVE_TOPIC) {
      saveStory(step.context, removeTopic(story, topic.id, now));
      await step.context.sendActivity(t('review.topicRemoved', { title: topicTitle(t, topic) }));
      return step.beginDialog(DialogIds.updateOffer, { topicIds: [topic.id], force: true } satisfies UpdateOfferOptions);
    }
    const questionId = answer.value.slice(QUESTION_VALUE_PREFIX.length);
    if (stepValues(step).action === REMOVE) {
      saveStory(step.context, removeAnswer(story, topic.id, questionId, now));
      await step.context.sendActivity(t('review.answerRemoved'));
      return step.beginDialog(DialogIds.updateOffer, { topicIds: [topic.id], force: true } satisfies UpdateOfferOptions);
    }
    const index = topic.questions.findIndex((question) => question.id === questionId);
    return step.beginDialog(DialogIds.topic, { topicId: topic.id, index, single: true, timingOk: true } satisfies TopicOptions);
  }

  private async againStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    return step.replaceDialog(DialogIds.review, { quiet: true } satisfies ReviewOptions);
  }
}

function topicsWithRecords(story: Story, bank: QuestionBank): Topic[] {
  return bank.topics.filter((topic) => Object.keys(story.answers[topic.id] ?? {}).length > 0);
}

/**
 * One message per topic: its title, then each question with the person's words below it, or that they
 * chose to skip it (formatted where Markdown is rendered, plain on SMS and in the terminal).
 */
export function describeTopic(t: TFunction, topic: Topic, story: Story, markdown: boolean): Partial<Activity> {
  const items = topic.questions.flatMap((question) => {
    const answer = getAnswer(story, topic.id, question.id);
    if (!answer) return [];
    return [{ question: t(question.textKey), answer: answer.status === 'answered' ? answer.text : undefined }];
  });
  return answerListing(t, topicTitle(t, topic), items, markdown);
}
