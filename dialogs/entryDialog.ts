import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { DialogIds } from './dialogIds.js';
import { sessionFor, storyFor, type DialogServices } from './dialogServices.js';
import { TEXT_MESSAGING_CHANNELS } from './textMessagingSetupDialog.js';
import type { MenuOptions } from './menuDialog.js';

export interface EntryOptions {
  /** "Start again": the full welcome once more, keeping everything already said. */
  restart?: boolean;
}

/** How every sitting begins: on SMS a safety check first; a first welcome, or a short welcome back; then the menu. */
export class EntryDialog extends WaterfallDialog<EntryOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.entry);
    this.addStep(this.checkTextingStep.bind(this));
    this.addStep(this.greetStep.bind(this));
    this.addStep(this.toMenuStep.bind(this));
  }

  private async checkTextingStep(step: WaterfallStepContext<EntryOptions>): Promise<DialogTurnResult> {
    const session = await sessionFor(step.context, this.services);
    if (TEXT_MESSAGING_CHANNELS.has(step.context.activity.channelId) && session.textMessaging?.safeToText !== true) {
      return step.beginDialog(DialogIds.textMessagingSetup);
    }
    return step.next();
  }

  private async greetStep(step: WaterfallStepContext<EntryOptions>): Promise<DialogTurnResult> {
    const story = await storyFor(step.context, this.services);
    if (step.options.restart || !story.welcomedAt) return step.beginDialog(DialogIds.welcome);
    return step.beginDialog(DialogIds.welcomeBack);
  }

  private async toMenuStep(step: WaterfallStepContext<EntryOptions>): Promise<DialogTurnResult> {
    return step.replaceDialog(DialogIds.menu, (step.result as MenuOptions | undefined) ?? {});
  }
}
