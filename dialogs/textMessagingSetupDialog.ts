import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandValue } from '../domain/globalWords.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { sessionFor, type DialogServices } from './dialogServices.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, isPoliteNo, simpleChoice } from './topicText.js';

const SAFE = answerValue('safe-to-text');
const NOT_SAFE = answerValue('not-safe-to-text');
const USE_SUGGESTED = answerValue('use-suggested-name');

/** Text messaging channels: SMS today; the first exchange there checks it is safe to text at all. */
export const TEXT_MESSAGING_CHANNELS = new Set(['sms']);

/**
 * Before anything else on SMS: is it safe to text this number, and what should the service be called
 * in texts, so that a message seen by someone else gives nothing away. Not safe (or not sure) means
 * we stop at once and send nothing more until the person writes again.
 */
export class TextMessagingSetupDialog extends WaterfallDialog {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.textMessagingSetup);
    this.addStep(this.askSafeStep.bind(this));
    this.addStep(this.askNameStep.bind(this));
    this.addStep(this.recordNameStep.bind(this));
  }

  private async askSafeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const choices = [simpleChoice(t, SAFE, 'textMessaging.safe', 'textMessaging.safeWords'), simpleChoice(t, NOT_SAFE, 'textMessaging.notSafe', 'textMessaging.notSafeWords')];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('textMessaging.askSafe'), choices, false));
  }

  private async askNameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    const { t } = turnInfo(step.context);
    const session = sessionFor(step.context);
    if (!(answer.kind === 'choice' && answer.value === SAFE)) {
      session.textMessaging = { ...session.textMessaging, safeToText: false };
      await step.context.sendActivity(t('textMessaging.stoppingNotSafe'));
      return step.cancelAllDialogs();
    }
    session.textMessaging = { ...session.textMessaging, safeToText: true };
    const choices = [simpleChoice(t, USE_SUGGESTED, 'textMessaging.useSuggestedName'), simpleChoice(t, commandValue('skip'), 'textMessaging.keepDefaultName')];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('textMessaging.askName'), choices, true));
  }

  private async recordNameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    const { t } = turnInfo(step.context);
    const session = sessionFor(step.context);
    let serviceName: string | undefined;
    if (answer.kind === 'choice' && answer.value === USE_SUGGESTED) serviceName = t('textMessaging.suggestedName');
    else if (answer.kind === 'text' && !isPoliteNo(t, answer.text)) serviceName = answer.text.slice(0, 40);
    session.textMessaging = { ...session.textMessaging, serviceName };
    await step.context.sendActivity(t('textMessaging.nameNoted', { serviceName: serviceName ?? t('service.name') }));
    return step.endDialog();
  }
}
