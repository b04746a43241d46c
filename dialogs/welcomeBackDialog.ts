import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findTopic } from '../domain/questionBank.js';
import { commandValue } from '../domain/globalWords.js';
import type { OfferedChoice } from '../domain/choiceRecognition.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { saveStory, sessionFor, storyFor, type DialogServices } from './dialogServices.js';
import type { SharedWithOptions } from './sharedWithDialog.js';
import { newsLines } from './sharingText.js';
import { stepValues } from './stepValues.js';
import type { MenuOptions } from './menuDialog.js';
import { preferredNameOf } from './preferredName.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, simpleChoice, topicTitle } from './topicText.js';

const CARRY_ON = answerValue('carry-on');
const CHOOSE_TOPIC = answerValue('choose-topic');
const READ_MESSAGES = answerValue('read-messages');

/**
 * A short welcome back for someone who has been here before: first, what any service said since they were
 * last told (on text-only channels, that a message is waiting, and a way to read it); then greeted by name if they gave one, asked
 * who is with them this time, and offered to carry on where they stopped, look over their story, or
 * choose a new topic. Ends with the menu options the entry dialog should open.
 */
export class WelcomeBackDialog extends WaterfallDialog {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.welcomeBack);
    this.addStep(this.greetStep.bind(this));
    this.addStep(this.offerStep.bind(this));
    this.addStep(this.routeStep.bind(this));
  }

  private async greetStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, personId, textOnly } = turnInfo(step.context);
    const story = await storyFor(step.context, this.services);
    const news = await this.services.sharing.newsSince(personId, story.agencyNewsSeenAt);
    if (news.length > 0) {
      for (const line of newsLines(t, news, textOnly)) await step.context.sendActivity(line);
      saveStory(step.context, { ...story, agencyNewsSeenAt: news[0].at });
      stepValues(step).messagesWaiting = textOnly && news.some((item) => item.message);
    }
    const name = preferredNameOf(story, this.services.bank);
    await step.context.sendActivity(name ? t('welcomeBack.greetingNamed', { name }) : t('welcomeBack.greeting'));
    const session = sessionFor(step.context);
    if (session.supporter === undefined) return step.beginDialog(DialogIds.supporter);
    return step.next();
  }

  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const story = await storyFor(step.context, this.services);
    const stoppedIn = story.position ? findTopic(this.services.bank, story.position.topicId) : undefined;
    const choices: OfferedChoice[] = [];
    if (stepValues(step).messagesWaiting === true) choices.push(simpleChoice(t, READ_MESSAGES, 'welcomeBack.readMessages'));
    if (stoppedIn) choices.push(simpleChoice(t, CARRY_ON, 'welcomeBack.carryOn', 'welcomeBack.carryOnWords'));
    choices.push(simpleChoice(t, commandValue('review'), 'welcomeBack.review'));
    choices.push(simpleChoice(t, CHOOSE_TOPIC, 'welcomeBack.chooseTopic'));
    const question = stoppedIn ? t('welcomeBack.askWithPlace', { title: topicTitle(t, stoppedIn) }) : t('welcomeBack.ask');
    return step.prompt(DialogIds.answerPrompt, promptOptions(question, choices, false));
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind === 'choice' && answer.value === READ_MESSAGES) return step.replaceDialog(DialogIds.sharedWith, { details: true } satisfies SharedWithOptions);
    const story = await storyFor(step.context, this.services);
    if (answer.kind === 'choice' && answer.value === CARRY_ON && story.position) {
      return step.endDialog({ startTopic: story.position } satisfies MenuOptions);
    }
    return step.endDialog({} satisfies MenuOptions);
  }
}
