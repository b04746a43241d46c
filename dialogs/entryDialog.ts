import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { looksLikeResumeCode } from '../domain/resumeCode.js';
import { DialogIds } from './dialogIds.js';
import { sessionFor, storyFor, type DialogServices } from './dialogServices.js';
import type { MenuOptions } from './menuDialog.js';
import type { ResumeCodeOptions } from './resumeCodeDialog.js';
import { stepValues } from './stepValues.js';
import { TEXT_MESSAGING_CHANNELS } from './textMessagingSetupDialog.js';

export interface EntryOptions {
  /** "Start again": the full welcome once more, keeping everything already said. */
  restart?: boolean;
  /** "I have a code": ask for a code from another device before greeting. */
  askCode?: boolean;
}

/**
 * How every sitting begins: on SMS a safety check first; a code from another device if the person
 * brought one (typed as their first message, or after "I have a code"); then a first welcome or a short
 * welcome back; then the menu.
 */
export class EntryDialog extends WaterfallDialog<EntryOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.entry);
    this.addStep(this.checkTextingStep.bind(this));
    this.addStep(this.codeStep.bind(this));
    this.addStep(this.greetStep.bind(this));
    this.addStep(this.toMenuStep.bind(this));
  }

  private async checkTextingStep(step: WaterfallStepContext<EntryOptions>): Promise<DialogTurnResult> {
    // Remember a code sent as the very first message, even if the safety check comes first.
    const text = step.context.activity.text ?? '';
    if (looksLikeResumeCode(text)) stepValues(step).code = text;
    const session = sessionFor(step.context);
    if (TEXT_MESSAGING_CHANNELS.has(step.context.activity.channelId) && session.textMessaging?.safeToText !== true) {
      return step.beginDialog(DialogIds.textMessagingSetup);
    }
    return step.next();
  }

  private async codeStep(step: WaterfallStepContext<EntryOptions>): Promise<DialogTurnResult> {
    const code = stepValues(step).code as string | undefined;
    if (!code && !step.options.askCode) return step.next();
    return step.beginDialog(DialogIds.resumeCode, { code } satisfies ResumeCodeOptions);
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
