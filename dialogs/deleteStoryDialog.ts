import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogServices } from './dialogServices.js';
import { turnUnit } from './turnUnit.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, simpleChoice } from './topicText.js';

const DELETE = answerValue('delete-everything');
const KEEP = answerValue('keep-my-story');

/**
 * "Delete my story": explains what will go, asks to confirm, then erases everything stored about the
 * person and says so. Saying anything but a clear yes keeps the story.
 */
export class DeleteStoryDialog extends WaterfallDialog {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.deleteStory);
    this.addStep(this.confirmStep.bind(this));
    this.addStep(this.actStep.bind(this));
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    await step.context.sendActivity(t('delete.explain'));
    const shared = (await this.services.sharing.sharedWith(turnInfo(step.context).personId)).filter((entry) => entry.status !== 'withdrawn');
    if (shared.length > 0) await step.context.sendActivity(t('delete.alsoServices', { count: shared.length }));
    const choices = [simpleChoice(t, DELETE, 'delete.yes', 'delete.yesWords'), simpleChoice(t, KEEP, 'delete.no', 'delete.noWords')];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('delete.confirm'), choices, false));
  }

  private async actStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const answer = step.result as AnswerResult;
    if (answer.kind === 'choice' && answer.value === DELETE) {
      const servicesAsked = await this.services.eraseStory(turnInfo(step.context).personId, step.context.activity.channelId);
      // Nothing of the person is written back: the next message from any of their devices starts afresh.
      turnUnit(step.context).markErased();
      await step.context.sendActivity(t('delete.done'));
      if (servicesAsked > 0) await step.context.sendActivity(t('delete.servicesAsked', { count: servicesAsked }));
      // Nothing is left to come back to: end the whole conversation, so the next message starts afresh.
      return step.cancelAllDialogs();
    }
    await step.context.sendActivity(t('delete.kept'));
    return step.replaceDialog(DialogIds.menu, { again: true });
  }
}
