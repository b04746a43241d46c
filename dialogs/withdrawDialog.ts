import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { recogniseChoice, type OfferedChoice } from '../domain/choiceRecognition.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import type { DialogServices } from './dialogServices.js';
import { AGENCY_VALUE_PREFIX } from './sharingText.js';
import { stepValues } from './stepValues.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, simpleChoice } from './topicText.js';

export interface WithdrawOptions {
  /** What the person typed after "stop sharing with", to find the service they meant. */
  agencyHint?: string;
}

const YES_STOP = answerValue('yes-stop-sharing');
const KEEP_SHARING = answerValue('keep-sharing');

/**
 * "Stop sharing with X": from then on X can no longer fetch what was shared, anything still queued for
 * X is dropped, and X is told. Asked once more before it happens, because X will be told.
 */
export class WithdrawDialog extends WaterfallDialog<WithdrawOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.withdraw);
    this.addStep(this.pickStep.bind(this));
    this.addStep(this.confirmStep.bind(this));
    this.addStep(this.actStep.bind(this));
  }

  private async pickStep(step: WaterfallStepContext<WithdrawOptions>): Promise<DialogTurnResult> {
    const { t, personId } = turnInfo(step.context);
    const live = (await this.services.sharing.sharedWith(personId)).filter((entry) => entry.live);
    if (live.length === 0) {
      await step.context.sendActivity(t('withdraw.nothing'));
      return step.replaceDialog(DialogIds.menu, { again: true });
    }
    const choices: OfferedChoice[] = live.map((entry) => ({ value: AGENCY_VALUE_PREFIX + entry.agencyId, label: entry.agencyName }));
    const hinted = step.options.agencyHint ? recogniseChoice(step.options.agencyHint, choices) : undefined;
    if (hinted) return step.next({ kind: 'choice', value: hinted.value, label: hinted.label } satisfies AnswerResult);
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('withdraw.which'), choices, false));
  }

  private async confirmStep(step: WaterfallStepContext<WithdrawOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    const { t } = turnInfo(step.context);
    if (answer.kind !== 'choice') return step.replaceDialog(DialogIds.menu, { again: true });
    stepValues(step).agencyId = answer.value.slice(AGENCY_VALUE_PREFIX.length);
    stepValues(step).agencyName = answer.label;
    const choices = [simpleChoice(t, YES_STOP, 'withdraw.yes', 'withdraw.yesWords'), simpleChoice(t, KEEP_SHARING, 'withdraw.no', 'withdraw.noWords')];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('withdraw.confirm', { name: answer.label }), choices, false));
  }

  private async actStep(step: WaterfallStepContext<WithdrawOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    const { t, personId } = turnInfo(step.context);
    const name = stepValues(step).agencyName as string;
    if (answer.kind === 'choice' && answer.value === YES_STOP) {
      await this.services.sharing.withdraw(personId, stepValues(step).agencyId as string, step.context.activity.channelId);
      await step.context.sendActivity(t('withdraw.done', { name }));
    } else {
      await step.context.sendActivity(t('withdraw.kept', { name }));
    }
    return step.replaceDialog(DialogIds.menu, { again: true });
  }
}
