import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { DialogIds } from './dialogIds.js';
import { storyFor, type DialogServices } from './dialogServices.js';
import type { MenuOptions } from './menuDialog.js';

export interface EntryOptions {
  /** "Start again": the full welcome once more, keeping everything already said. */
  restart?: boolean;
}

/** How every sitting begins: a first welcome, or a short welcome back; then the menu. */
export class EntryDialog extends WaterfallDialog<EntryOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.entry);
    this.addStep(this.greetStep.bind(this));
    this.addStep(this.toMenuStep.bind(this));
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
