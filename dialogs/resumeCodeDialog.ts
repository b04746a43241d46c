import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandValue } from '../domain/globalWords.js';
import { getAnswer, isEmptyStory, recordAnswer, removeAnswer } from '../domain/story.js';
import { turnInfo } from './turnInfo.js';
import { turnUnit } from './turnUnit.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { storyFor, type DialogServices, saveStory } from './dialogServices.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, simpleChoice } from './topicText.js';

export interface ResumeCodeOptions {
  /** The code, when the person typed it straight away. */
  code?: string;
  /** A code did not work: offer the ways on (try again, carry on without one, how to get a new one). */
  waysOn?: boolean;
}

const TRY_AGAIN = answerValue('try-code-again');
const WITHOUT_CODE = answerValue('without-code');
const HOW_TO_GET_CODE = answerValue('how-to-get-code');

/**
 * "I have a code": links this channel user (a phone, a browser) to the story the code was made for.
 * The person is greeted by their chosen name only after linking. Tries are limited and audited, and a
 * code that is refused for any reason gets the same answer.
 * A code that does not work is never a dead end: try again, carry on here without one, or hear how to get
 * a new one.
 */
export class ResumeCodeDialog extends WaterfallDialog<ResumeCodeOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.resumeCode);
    this.addStep(this.askStep.bind(this));
    this.addStep(this.redeemStep.bind(this));
    this.addStep(this.wayOnStep.bind(this));
  }

  private async askStep(step: WaterfallStepContext<ResumeCodeOptions>): Promise<DialogTurnResult> {
    if (step.options.code) return step.next({ kind: 'text', text: step.options.code } satisfies AnswerResult);
    if (step.options.waysOn) return step.next();
    const { t } = turnInfo(step.context);
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('resumeCode.ask'), [simpleChoice(t, commandValue('skip'), 'question.skip')], true));
  }

  private async redeemStep(step: WaterfallStepContext<ResumeCodeOptions>): Promise<DialogTurnResult> {
    if (step.options.waysOn) return this.offerWaysOn(step);
    const answer = step.result as AnswerResult;
    if (answer.kind !== 'text') return step.endDialog();
    const { t } = turnInfo(step.context);
    const current = await storyFor(step.context, this.services);
    const { topicId, questionId } = this.services.bank.preferredName;
    // The welcome asks for a name first, so a name alone does not count as a story of its own here.
    const nameGivenHere = getAnswer(current, topicId, questionId);
    if (!isEmptyStory(removeAnswer(current, topicId, questionId, this.services.clock()))) {
      await step.context.sendActivity(t('resumeCode.alreadyHasStory'));
      return step.endDialog();
    }
    const { channelId, from } = step.context.activity;
    const result = await this.services.resumeCodes.redeem(answer.text, channelId, from.id, this.services.clock());
    switch (result.outcome) {
      case 'linked': {
        // This device now speaks for that story; the empty record made for it on first contact goes at the commit.
        const linked = await turnUnit(step.context).switchTo(result.personId);
        if (linked && nameGivenHere?.status === 'answered' && !getAnswer(linked, topicId, questionId)) {
          saveStory(step.context, recordAnswer(linked, nameGivenHere));
        }
        // Whose story it is, and the language they chose, from now on in this turn.
        turnInfo(step.context).speak();
        await step.context.sendActivity(turnInfo(step.context).t('resumeCode.linked'));
        return step.endDialog({ linked: true });
      }
      case 'refused':
        // One answer whatever the reason (wrong, used, expired, too many tries): it confirms nothing.
        await step.context.sendActivity(t('resumeCode.didNotWork'));
        return this.offerWaysOn(step);
    }
  }

  private async offerWaysOn(step: WaterfallStepContext<ResumeCodeOptions>): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const choices = [
      simpleChoice(t, TRY_AGAIN, 'resumeCode.tryAgain', 'resumeCode.tryAgainWords'),
      simpleChoice(t, WITHOUT_CODE, 'resumeCode.withoutCode', 'resumeCode.withoutCodeWords'),
      simpleChoice(t, HOW_TO_GET_CODE, 'resumeCode.howToGet', 'resumeCode.howToGetWords'),
    ];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('resumeCode.whatNow'), choices, false));
  }

  /** After a code that did not work: the way the person chose. Skipping is carrying on without a code. */
  private async wayOnStep(step: WaterfallStepContext<ResumeCodeOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind === 'choice' && answer.value === TRY_AGAIN) return step.replaceDialog(DialogIds.resumeCode, {});
    if (answer.kind === 'choice' && answer.value === HOW_TO_GET_CODE) {
      const { t } = turnInfo(step.context);
      await step.context.sendActivity(t('resumeCode.howToGetAnswer', { days: this.services.resumeCodes.validDays }));
      return step.replaceDialog(DialogIds.resumeCode, { waysOn: true } satisfies ResumeCodeOptions);
    }
    // Carry on here: the entry dialog goes on to the welcome (or the welcome back).
    return step.endDialog();
  }
}
