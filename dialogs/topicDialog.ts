import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findTopic, type Topic } from '../domain/questionBank.js';
import {
  getAnswer,
  hasAnswered,
  isQuestionAsked,
  questionsAskedIn,
  recordAnswer,
  setPosition,
  setTopicStatus,
  type Story,
} from '../domain/story.js';
import { commandValue } from '../domain/globalWords.js';
import { languageOfAnswer } from '../domain/language.js';
import type { OfferedChoice } from '../domain/choiceRecognition.js';
import { turnInfo } from './turnInfo.js';
import { KEEP_ANSWER_VALUE, promptOptions, type AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { stepValues } from './stepValues.js';
import type { UpdateOfferOptions } from './updateOfferDialog.js';
import { sessionFor, storyFor, type DialogServices, saveStory } from './dialogServices.js';
import { answerValue, choiceIdFromValue, questionChoices, simpleChoice, topicTitle } from './topicText.js';

/** How a topic ended, when the menu should do something other than show itself again. */
export interface TopicOutcome {
  /** Everything was already answered: open the review of this topic. */
  reviewTopicId?: string;
}

export interface TopicOptions {
  topicId: string;
  /** The question to ask; by default the first one not yet answered. */
  index?: number;
  /** The person has said now is an OK time (sensitive topics), or it was not needed. */
  timingOk?: boolean;
  /** Change one answer and return (from review), instead of running through the topic. */
  single?: boolean;
}

const NOW_OK = answerValue('now-ok');
const NOT_NOW = answerValue('not-now');
const KEEP = KEEP_ANSWER_VALUE;

/**
 * Runs any topic from the question bank: one question per message, with why we ask said first and
 * progress shown; a content note and "is now an OK time?" before sensitive topics. Answers are saved
 * as they come, so pausing or losing signal never loses anything. Adding a topic needs no code here.
 */
export class TopicDialog extends WaterfallDialog<TopicOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.topic);
    this.addStep(this.checkTimingStep.bind(this));
    this.addStep(this.afterTimingStep.bind(this));
    this.addStep(this.askStep.bind(this));
    this.addStep(this.captureStep.bind(this));
  }

  private topicFor(step: WaterfallStepContext<TopicOptions>): Topic | undefined {
    return findTopic(this.services.bank, step.options.topicId);
  }

  private async checkTimingStep(step: WaterfallStepContext<TopicOptions>): Promise<DialogTurnResult> {
    const topic = this.topicFor(step);
    if (!topic) return step.endDialog();
    if (step.options.timingOk || step.options.single) return step.next();
    const { t } = turnInfo(step.context);
    if (step.options.index === undefined && nextQuestionToAsk(await storyFor(step.context, this.services), topic, 0) >= topic.questions.length) {
      // Everything here is answered: nothing to ask again, so show it to change instead.
      await step.context.sendActivity(t('topic.allAnswered', { title: topicTitle(t, topic) }));
      return step.endDialog({ reviewTopicId: topic.id } satisfies TopicOutcome);
    }
    if (!topic.sensitive || !topic.contentNoteKey) {
      await step.context.sendActivity(t(topic.introKey));
      return step.next();
    }
    // Said once, in one message: what this part asks about, that any of it can be skipped, and where to find
    // support (before every sensitive topic, not only when a message is recognised as a crisis).
    await step.context.sendActivity(`${t(topic.contentNoteKey)}\n\n${t('topic.supportLine')}`);
    const choices = [
      simpleChoice(t, NOW_OK, 'topic.nowOk', 'topic.nowOkWords'),
      simpleChoice(t, NOT_NOW, 'topic.notNow', 'topic.notNowWords'),
      simpleChoice(t, commandValue('skip'), 'topic.skipTopic'),
    ];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('topic.isNowOk'), choices, false));
  }

  private async afterTimingStep(step: WaterfallStepContext<TopicOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult | undefined;
    if (answer === undefined || (answer.kind === 'choice' && answer.value === NOW_OK)) return step.next();
    const topic = this.topicFor(step)!;
    const { t } = turnInfo(step.context);
    if (answer.kind === 'skip') {
      let story = await storyFor(step.context, this.services);
      if (story.topicStatus[topic.id] !== 'done') {
        story = setTopicStatus(story, topic.id, 'skipped', this.services.clock());
        saveStory(step.context, story);
      }
      await step.context.sendActivity(t('topic.skipped', { title: topicTitle(t, topic) }));
    } else {
      await step.context.sendActivity(t('topic.later'));
    }
    return step.endDialog();
  }

  private async askStep(step: WaterfallStepContext<TopicOptions>): Promise<DialogTurnResult> {
    const topic = this.topicFor(step)!;
    const { t } = turnInfo(step.context);
    let story = await storyFor(step.context, this.services);
    const index = step.options.index ?? nextQuestionToAsk(story, topic, 0);
    if (index >= topic.questions.length) return this.finishTopic(step, topic, story);

    // Changing one answer from review is not where the person is in their story: keep their place.
    if (!step.options.single) {
      const now = this.services.clock();
      story = setPosition(story, { topicId: topic.id, questionIndex: index }, now);
      if (story.topicStatus[topic.id] !== 'done') story = setTopicStatus(story, topic.id, 'in-progress', now);
      saveStory(step.context, story);
    }

    stepValues(step).index = index;
    const question = topic.questions[index];
    // Counted over the questions this person is asked here: not a name given at the welcome, nor a question
    // that does not apply to them.
    const counted = questionsAskedIn(story, topic);
    const number = counted.indexOf(question) + 1;
    const why = t(question.whyKey);
    await step.context.sendActivity(number > 0 ? `${t('question.progress', { number, total: counted.length })} ${why}` : why);

    const existing = getAnswer(story, topic.id, question.id);
    const choices: OfferedChoice[] = questionChoices(t, question);
    let text = t(question.textKey);
    if (existing?.status === 'answered' && existing.text) {
      text = `${text}\n\n${t('question.youSaid', { answer: existing.text })}`;
      choices.push(simpleChoice(t, KEEP, 'question.keep'));
    }
    choices.push(simpleChoice(t, commandValue('skip'), 'question.skip'));
    return step.prompt(DialogIds.answerPrompt, promptOptions(text, choices, true));
  }

  private async captureStep(step: WaterfallStepContext<TopicOptions>): Promise<DialogTurnResult> {
    const topic = this.topicFor(step)!;
    const { t, locale } = turnInfo(step.context);
    const result = step.result as AnswerResult;
    // Typed words keep the language they were written in (told from the text); a chosen label is ours.
    const language = result.kind === 'text' ? languageOfAnswer(this.services.guessLanguage, result.text, locale) : locale;
    const index = stepValues(step).index as number;
    const question = topic.questions[index];
    let story = await storyFor(step.context, this.services);

    if (result.kind === 'back') {
      const previous = previousQuestionAsked(story, topic, index);
      if (step.options.single || previous === undefined) return step.endDialog();
      return step.replaceDialog(DialogIds.topic, { ...step.options, timingOk: true, index: previous });
    }

    const existing = getAnswer(story, topic.id, question.id);
    // Skipping a question already answered keeps the answer, as "Keep my answer" does; so does skipping, from
    // the review, one already skipped.
    const skippingAgain = result.kind === 'skip' && (existing?.status === 'answered' || (step.options.single === true && existing !== undefined));
    const keeping = (result.kind === 'choice' && result.value === KEEP) || skippingAgain;
    if (!keeping) {
      const session = sessionFor(step.context);
      const common = {
        topicId: topic.id,
        questionId: question.id,
        language,
        withSupport: Boolean(session.supporter),
        answeredAt: this.services.clock().toISOString(),
        // A name given at the welcome and changed here is still the welcome's question.
        ...(existing?.askedAtWelcome ? { askedAtWelcome: true } : {}),
      };
      if (result.kind === 'skip') {
        story = recordAnswer(story, { ...common, status: 'skipped' });
        await step.context.sendActivity(t('question.skipped'));
      } else if (result.kind === 'choice') {
        story = recordAnswer(story, { ...common, status: 'answered', text: result.label, choiceId: choiceIdFromValue(result.value) });
      } else {
        story = recordAnswer(story, { ...common, status: 'answered', text: result.text });
      }
      saveStory(step.context, story);
    }

    if (step.options.single) {
      if (keeping) {
        // Nothing changed: say so, and there is no update for any service to be offered.
        await step.context.sendActivity(t('review.kept'));
        return step.endDialog();
      }
      await step.context.sendActivity(t('review.saved'));
      // A changed answer in a part already shared: offer each service that has it the update.
      return step.replaceDialog(DialogIds.updateOffer, { topicIds: [topic.id] } satisfies UpdateOfferOptions);
    }
    return step.replaceDialog(DialogIds.topic, {
      topicId: topic.id,
      timingOk: true,
      index: nextQuestionToAsk(story, topic, index + 1),
    });
  }

  private async finishTopic(step: WaterfallStepContext<TopicOptions>, topic: Topic, story: Story): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const now = this.services.clock();
    const anyAnswered = topic.questions.some((question) => hasAnswered(story, topic.id, question.id));
    let updated = setTopicStatus(story, topic.id, anyAnswered ? 'done' : 'skipped', now);
    if (updated.position?.topicId === topic.id) updated = setPosition(updated, null, now);
    saveStory(step.context, updated);
    await step.context.sendActivity(t(anyAnswered ? 'topic.finished' : 'topic.finishedNothingSaid', { title: topicTitle(t, topic) }));
    return step.replaceDialog(DialogIds.updateOffer, { topicIds: [topic.id] } satisfies UpdateOfferOptions);
  }
}

/**
 * The first question at or after `from` that the person has not answered, and that applies to them (an
 * interpreter's language only after they asked for one): nothing is asked twice, nothing needlessly.
 */
export function nextQuestionToAsk(story: Story, topic: Topic, from: number): number {
  for (let index = from; index < topic.questions.length; index++) {
    const question = topic.questions[index];
    if (!hasAnswered(story, topic.id, question.id) && isQuestionAsked(story, topic.id, question)) return index;
  }
  return topic.questions.length;
}

/** The question before `index` that applies to this person, if there is one. */
function previousQuestionAsked(story: Story, topic: Topic, index: number): number | undefined {
  for (let previous = index - 1; previous >= 0; previous--) {
    if (isQuestionAsked(story, topic.id, topic.questions[previous])) return previous;
  }
  return undefined;
}
