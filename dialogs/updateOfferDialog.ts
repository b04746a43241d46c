import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isLiveConsent } from '../domain/sharing/consent.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { sessionFor, storyFor, type DialogServices } from './dialogServices.js';
import type { ShareWithAgencyOptions } from './shareWithAgencyDialog.js';
import { describeSummary, partTitles, wordingVersion } from './sharingText.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, simpleChoice } from './topicText.js';

export interface UpdateOfferOptions {
  /** Topics the person has just changed. */
  topicIds: string[];
  /** Offer even if no answer is newer than what was sent (an answer was removed). */
  force?: boolean;
  /** Services still to ask, once worked out. */
  pending?: Array<{ agencyId: string; agencyName: string; parts: string[] }>;
}

const SEND_UPDATE = answerValue('send-update');
const CHANGE_WHAT_THEY_SEE = answerValue('change-what-they-see');
const NOT_THIS_TIME = answerValue('not-this-time');
/** The update's consent sentence: its key is recorded with the consent, and the agency's page describes it. */
export const UPDATE_KEY = 'update.offer';

/**
 * "Update once": after the person changes or adds answers in a part already shared, each service that
 * has that part is offered the update, one at a time, each still the person's choice. They see exactly
 * what the service would get (new answers included), and can change what it sees before saying yes.
 * An update is a new version of the handoff, linked to the first.
 */
export class UpdateOfferDialog extends WaterfallDialog<UpdateOfferOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.updateOffer);
    this.addStep(this.offerStep.bind(this));
    this.addStep(this.actStep.bind(this));
    this.addStep(this.nextServiceStep.bind(this));
  }

  private async offerStep(step: WaterfallStepContext<UpdateOfferOptions>): Promise<DialogTurnResult> {
    const { t, personId } = turnInfo(step.context);
    const pending = step.options.pending ?? (await this.whoHasOlderCopies(step, personId));
    if (pending.length === 0) return step.endDialog();
    if (step.options.pending === undefined) step.options.pending = pending;
    const [next] = pending;
    const consent = await this.liveConsent(personId, next.agencyId);
    if (!consent) return step.replaceDialog(DialogIds.updateOffer, { ...step.options, pending: pending.slice(1) });
    const story = await storyFor(step.context, this.services);
    const summary = this.services.sharing.preview({ story, agencyId: next.agencyId, parts: consent.parts, heldBack: consent.heldBack });
    await step.context.sendActivity(t('update.previewIntro', { name: next.agencyName }));
    for (const message of describeSummary(t, summary)) await step.context.sendActivity(message);
    const choices = [
      simpleChoice(t, SEND_UPDATE, 'update.yes', 'update.yesWords'),
      simpleChoice(t, CHANGE_WHAT_THEY_SEE, 'update.change'),
      simpleChoice(t, NOT_THIS_TIME, 'update.no', 'update.noWords'),
    ];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t(UPDATE_KEY, { name: next.agencyName, parts: partTitles(t, this.services.bank, next.parts) }), choices, false));
  }

  private async actStep(step: WaterfallStepContext<UpdateOfferOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    const { t, locale, personId } = turnInfo(step.context);
    const [current] = step.options.pending!;
    if (answer.kind === 'choice' && answer.value === CHANGE_WHAT_THEY_SEE) {
      // Choosing again supersedes the consent and sends the next version of the same handoff.
      const consent = await this.liveConsent(personId, current.agencyId);
      return step.beginDialog(DialogIds.shareWithAgency, { agencyId: current.agencyId, parts: consent?.parts ?? [], heldBack: consent?.heldBack ?? [] } satisfies ShareWithAgencyOptions);
    }
    if (answer.kind === 'choice' && answer.value === SEND_UPDATE) {
      const story = await storyFor(step.context, this.services);
      const session = sessionFor(step.context);
      const sentence = t(UPDATE_KEY, { name: current.agencyName, parts: partTitles(t, this.services.bank, current.parts) });
      const sent = await this.services.sharing.sendUpdate({
        story,
        agencyId: current.agencyId,
        wording: { key: UPDATE_KEY, locale, version: wordingVersion(sentence) },
        channel: step.context.activity.channelId,
        supportedBy: session.supporter ?? null,
      });
      await step.context.sendActivity(t('update.sent', { name: current.agencyName, reference: sent.reference }));
    } else {
      await step.context.sendActivity(t('update.notSent', { name: current.agencyName }));
    }
    return step.next();
  }

  private async nextServiceStep(step: WaterfallStepContext<UpdateOfferOptions>): Promise<DialogTurnResult> {
    return step.replaceDialog(DialogIds.updateOffer, { ...step.options, pending: step.options.pending!.slice(1) });
  }

  private async liveConsent(personId: string, agencyId: string) {
    const now = this.services.clock();
    return (await this.services.sharing.consentHistory(personId)).find((consent) => consent.agencyId === agencyId && isLiveConsent(consent, now));
  }

  /** Services holding one of these parts whose copy is older than the person's latest answer there. */
  private async whoHasOlderCopies(step: WaterfallStepContext<UpdateOfferOptions>, personId: string): Promise<NonNullable<UpdateOfferOptions['pending']>> {
    const { topicIds, force } = step.options;
    const holding = await this.services.sharing.agenciesHoldingParts(personId, topicIds);
    if (holding.length === 0) return [];
    const story = await storyFor(step.context, this.services);
    const sentAt = new Map((await this.services.sharing.sharedWith(personId)).map((entry) => [entry.agencyId, entry.sharedAt]));
    return holding.filter((holder) => {
      if (force) return true;
      const since = sentAt.get(holder.agencyId) ?? '';
      return holder.parts.some((part) => Object.values(story.answers[part] ?? {}).some((answer) => answer.answeredAt > since));
    });
  }
}
