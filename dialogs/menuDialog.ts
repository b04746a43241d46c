import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandValue } from '../domain/globalWords.js';
import type { OfferedChoice } from '../domain/choiceRecognition.js';
import type { Position, Story } from '../domain/story.js';
import type { Topic } from '../domain/questionBank.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { storyFor, type DialogServices } from './dialogServices.js';
import type { TopicOptions, TopicOutcome } from './topicDialog.js';
import { promptOptions } from './answerPrompt.js';
import type { ReviewOptions } from './reviewDialog.js';
import { TOPIC_VALUE_PREFIX, simpleChoice, topicTitle, wordList } from './topicText.js';
import type { TFunction } from 'i18next';

export interface MenuOptions {
  /** Go straight into this topic (carrying on where the person stopped) instead of showing the menu. */
  startTopic?: Position;
  /** The menu has been shown before in this sitting: ask "what next?" rather than "where to start?". */
  again?: boolean;
}

/**
 * The hub: the person chooses what to talk about next, in any order, and can stop after any topic.
 * Every other part of the conversation comes back here.
 */
export class MenuDialog extends WaterfallDialog<MenuOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.menu);
    this.addStep(this.chooseStep.bind(this));
    this.addStep(this.routeStep.bind(this));
    this.addStep(this.loopStep.bind(this));
  }

  private async chooseStep(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const start = step.options.startTopic;
    if (start) return step.next({ kind: 'choice', value: TOPIC_VALUE_PREFIX + start.topicId, label: '' } satisfies AnswerResult);
    const { t } = turnInfo(step.context);
    const story = await storyFor(step.context, this.services);
    const allDone = this.services.bank.topics.every((topic) => story.topicStatus[topic.id] === 'done');
    const choices: OfferedChoice[] = this.services.bank.topics.map((topic) => topicChoice(t, topic, story));
    choices.push(simpleChoice(t, commandValue('review'), 'menu.review'));
    choices.push(simpleChoice(t, commandValue('share'), 'menu.share'));
    choices.push(simpleChoice(t, commandValue('shared'), 'menu.shared'));
    choices.push(simpleChoice(t, commandValue('pause'), 'menu.stopForNow'));
    const question = allDone ? 'menu.allDone' : step.options.again ? 'menu.askNext' : 'menu.askFirst';
    const readFirst = this.services.bank.topics.find((topic) => topic.id === this.services.bank.readFirstTopicId)!;
    return step.prompt(DialogIds.answerPrompt, promptOptions(t(question, { readFirst: topicTitle(t, readFirst) }), choices, false));
  }

  private async routeStep(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind === 'choice' && answer.value.startsWith(TOPIC_VALUE_PREFIX)) {
      const topicId = answer.value.slice(TOPIC_VALUE_PREFIX.length);
      const start = step.options.startTopic;
      const options: TopicOptions = start?.topicId === topicId ? { topicId, index: start.questionIndex, timingOk: false } : { topicId };
      return step.beginDialog(DialogIds.topic, options);
    }
    // "skip" or "back" at the menu: nothing to skip, nowhere further back; say so gently and offer it again.
    const { t } = turnInfo(step.context);
    await step.context.sendActivity(t('menu.nothingToSkip'));
    return step.next();
  }

  private async loopStep(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const outcome = step.result as TopicOutcome | undefined;
    if (outcome?.reviewTopicId) return step.replaceDialog(DialogIds.review, { topicId: outcome.reviewTopicId } satisfies ReviewOptions);
    return step.replaceDialog(DialogIds.menu, { again: true } satisfies MenuOptions);
  }
}

function topicChoice(t: TFunction, topic: Topic, story: Story): OfferedChoice {
  const title = topicTitle(t, topic);
  const status = story.topicStatus[topic.id];
  const label = status ? t(`menu.status.${status}`, { title }) : title;
  return { value: TOPIC_VALUE_PREFIX + topic.id, label, synonyms: [title, ...(topic.synonymsKey ? wordList(t, topic.synonymsKey) : [])] };
}
