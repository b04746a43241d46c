import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandValue } from '../domain/globalWords.js';
import type { OfferedChoice } from '../domain/choiceRecognition.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { storyFor, type DialogServices } from './dialogServices.js';
import type { ShareWithAgencyOptions } from './shareWithAgencyDialog.js';
import { AGENCY_VALUE_PREFIX, partTitles, shareableParts } from './sharingText.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, simpleChoice } from './topicText.js';
import { formatDate } from './shareWithAgencyDialog.js';
import type { Agency } from '../domain/sharing/agency.js';

export interface ShareOptions {
  /** List every service, not only those suggested from what the person told us. */
  showAll?: boolean;
  /** The introduction has been said in this run already. */
  again?: boolean;
}

const SHOW_ALL = answerValue('show-all-services');
const ANOTHER = answerValue('share-another');
const NO_MORE = answerValue('no-more-sharing');

/**
 * "Share with services": suggests services from the topics the person told (saying why), or lists all
 * of them; nothing is preselected, and a service they already share with says so (choosing it again
 * replaces what it has). Each chosen service then gets its own choice of parts, preview and explicit
 * yes. Nothing is sent before that yes.
 */
export class ShareDialog extends WaterfallDialog<ShareOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.share);
    this.addStep(this.chooseAgencyStep.bind(this));
    this.addStep(this.routeStep.bind(this));
    this.addStep(this.askAnotherStep.bind(this));
    this.addStep(this.loopStep.bind(this));
  }

  private async chooseAgencyStep(step: WaterfallStepContext<ShareOptions>): Promise<DialogTurnResult> {
    const { t, personId, locale } = turnInfo(step.context);
    const { bank, sharing } = this.services;
    const story = await storyFor(step.context, this.services);
    if (shareableParts(story, bank).length === 0) {
      await step.context.sendActivity(t('share.nothingYet'));
      return step.replaceDialog(DialogIds.menu, { again: true });
    }
    if (!step.options.again) await step.context.sendActivity(t('share.intro'));
    const suggestions = step.options.showAll ? [] : sharing.suggestAgencies(story);
    // Services they share with now: marked, so nobody shares twice without knowing.
    const sharedOn = new Map((await sharing.sharedWith(personId)).filter((entry) => entry.live).map((entry) => [entry.agencyId, formatDate(new Date(entry.sharedAt), locale)]));
    const agencyChoice = (agency: Agency): OfferedChoice => ({
      value: AGENCY_VALUE_PREFIX + agency.id,
      label: sharedOn.has(agency.id) ? t('share.agencySharedAlready', { name: agency.name }) : agency.name,
      synonyms: [agency.name],
    });
    const choices: OfferedChoice[] = [];
    if (suggestions.length > 0) {
      const reasons = suggestions.map(({ agency, becauseTopicIds }) => {
        const because = partTitles(t, bank, becauseTopicIds);
        const date = sharedOn.get(agency.id);
        return date ? t('share.suggestionLineShared', { name: agency.name, because, date }) : t('share.suggestionLine', { name: agency.name, because });
      });
      await step.context.sendActivity([t('share.suggestionsIntro'), ...reasons].join('\n'));
      for (const { agency } of suggestions) choices.push(agencyChoice(agency));
      choices.push(simpleChoice(t, SHOW_ALL, 'share.showAll'));
    } else {
      for (const agency of sharing.allAgencies()) choices.push(agencyChoice(agency));
    }
    choices.push(simpleChoice(t, commandValue('menu'), 'share.notNow'));
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('share.whichService'), choices, false));
  }

  private async routeStep(step: WaterfallStepContext<ShareOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind === 'choice' && answer.value === SHOW_ALL) return step.replaceDialog(DialogIds.share, { showAll: true, again: true } satisfies ShareOptions);
    if (answer.kind === 'choice' && answer.value.startsWith(AGENCY_VALUE_PREFIX)) {
      const agencyId = answer.value.slice(AGENCY_VALUE_PREFIX.length);
      return step.beginDialog(DialogIds.shareWithAgency, { agencyId } satisfies ShareWithAgencyOptions);
    }
    return step.replaceDialog(DialogIds.menu, { again: true });
  }

  private async askAnotherStep(step: WaterfallStepContext<ShareOptions>): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const choices = [simpleChoice(t, ANOTHER, 'share.anotherYes', 'share.anotherYesWords'), simpleChoice(t, NO_MORE, 'share.anotherNo', 'share.anotherNoWords')];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('share.another'), choices, false));
  }

  private async loopStep(step: WaterfallStepContext<ShareOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind === 'choice' && answer.value === ANOTHER) return step.replaceDialog(DialogIds.share, { again: true } satisfies ShareOptions);
    return step.replaceDialog(DialogIds.menu, { again: true });
  }
}
