import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandValue } from '../domain/globalWords.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { saveStory, storyFor, type DialogServices } from './dialogServices.js';
import { formatDate } from './shareWithAgencyDialog.js';
import { partTitles } from './sharingText.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, simpleChoice } from './topicText.js';

export interface SharedWithOptions {
  /** On text-only channels, agencies' messages are shown only when asked for. */
  details?: boolean;
}

const STOP_SHARING = answerValue('stop-sharing');
const SHOW_MESSAGES = answerValue('show-messages');

/**
 * "What have I shared?": each service, which parts, when, and what happened (sent, delivered, received,
 * accepted, declined, withdrawn), with the service's last message to the person if it sent one. An update
 * the service has not answered yet keeps what it said before. Once read, replies are no longer news.
 */
export class SharedWithDialog extends WaterfallDialog<SharedWithOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.sharedWith);
    this.addStep(this.listStep.bind(this));
    this.addStep(this.routeStep.bind(this));
  }

  private async listStep(step: WaterfallStepContext<SharedWithOptions>): Promise<DialogTurnResult> {
    const { t, personId, textOnly, locale } = turnInfo(step.context);
    const entries = await this.services.sharing.sharedWith(personId);
    if (entries.length === 0) {
      await step.context.sendActivity(t('shared.nothing'));
      return step.replaceDialog(DialogIds.menu, { again: true });
    }
    const showMessages = !textOnly || step.options.details === true;
    for (const entry of entries) {
      const lines = [
        t('shared.line', { name: entry.agencyName, parts: partTitles(t, this.services.bank, entry.parts), date: formatDate(new Date(entry.sharedAt), locale) }),
        t('shared.statusLine', { status: t(`shared.status.${entry.live || entry.status === 'withdrawn' ? entry.status : 'expired'}`), reference: entry.reference }),
      ];
      // They answered an earlier version and not yet the update: what they said still stands.
      if (entry.live && entry.lastReply && entry.lastReply.version < entry.version && (entry.status === 'sent' || entry.status === 'delivered')) {
        lines.push(t('shared.beforeUpdate', { status: t(`shared.status.${entry.lastReply.status}`) }));
      }
      if (entry.messageToPerson) lines.push(showMessages ? t('shared.message', { name: entry.agencyName, message: entry.messageToPerson }) : t('shared.hasMessage'));
      await step.context.sendActivity(lines.join('\n'));
    }
    const lastReplyAt = entries.map((entry) => entry.lastReply?.at ?? '').reduce((latest, at) => (at > latest ? at : latest), '');
    const story = await storyFor(step.context, this.services);
    // Once shown (on text-only channels, once the messages themselves are), replies are no longer news.
    if (lastReplyAt && (showMessages || !entries.some((entry) => entry.messageToPerson)) && lastReplyAt > (story.agencyNewsSeenAt ?? '')) {
      saveStory(step.context, { ...story, agencyNewsSeenAt: lastReplyAt });
    }
    const choices = [];
    if (!showMessages && entries.some((entry) => entry.messageToPerson)) choices.push(simpleChoice(t, SHOW_MESSAGES, 'shared.showMessages'));
    if (entries.some((entry) => entry.live)) choices.push(simpleChoice(t, STOP_SHARING, 'shared.stopSharing'));
    choices.push(simpleChoice(t, commandValue('menu'), 'review.backToMenu'));
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('shared.whatNext'), choices, false));
  }

  private async routeStep(step: WaterfallStepContext<SharedWithOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind === 'choice' && answer.value === SHOW_MESSAGES) return step.replaceDialog(DialogIds.sharedWith, { details: true } satisfies SharedWithOptions);
    if (answer.kind === 'choice' && answer.value === STOP_SHARING) return step.replaceDialog(DialogIds.withdraw, {});
    return step.replaceDialog(DialogIds.menu, { again: true });
  }
}
