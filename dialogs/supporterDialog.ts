import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandValue } from '../domain/globalWords.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { stepValues } from './stepValues.js';
import { sessionFor, type DialogServices } from './dialogServices.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, isPoliteNo, simpleChoice } from './topicText.js';

const SOMEONE_HELPING = answerValue('someone-helping');
const JUST_ME = answerValue('just-me');

/**
 * "Is someone helping you today?" A support worker beside the person is recorded honestly as present,
 * with their name and organisation if given. They can help type; they can never agree to sharing.
 */
export class SupporterDialog extends WaterfallDialog {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.supporter);
    this.addStep(this.askStep.bind(this));
    this.addStep(this.nameStep.bind(this));
    this.addStep(this.organisationStep.bind(this));
    this.addStep(this.recordStep.bind(this));
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const choices = [
      simpleChoice(t, SOMEONE_HELPING, 'supporter.yes', 'supporter.yesWords'),
      simpleChoice(t, JUST_ME, 'supporter.no', 'supporter.noWords'),
      simpleChoice(t, commandValue('skip'), 'question.skip'),
    ];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('supporter.ask'), choices, false));
  }

  private async nameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (!(answer.kind === 'choice' && answer.value === SOMEONE_HELPING)) {
      const session = sessionFor(step.context);
      session.supporter = null;
      return step.endDialog();
    }
    stepValues(step).present = true;
    const { t } = turnInfo(step.context);
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('supporter.askName'), [simpleChoice(t, commandValue('skip'), 'question.skip')], true));
  }

  private async organisationStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    stepValues(step).name = textOf(step, step.result as AnswerResult);
    const { t } = turnInfo(step.context);
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('supporter.askOrganisation'), [simpleChoice(t, commandValue('skip'), 'question.skip')], true));
  }

  private async recordStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const organisation = textOf(step, step.result as AnswerResult);
    const name = stepValues(step).name as string | undefined;
    const session = sessionFor(step.context);
    session.supporter = { ...(name ? { name } : {}), ...(organisation ? { organisation } : {}) };
    const { t } = turnInfo(step.context);
    await step.context.sendActivity(t('supporter.noted'));
    return step.endDialog();
  }
}

function textOf(step: WaterfallStepContext, answer: AnswerResult): string | undefined {
  if (answer.kind !== 'text' || isPoliteNo(turnInfo(step.context).t, answer.text)) return undefined;
  return answer.text.slice(0, 200);
}
