import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { OfferedChoice } from '../domain/choiceRecognition.js';
import { findTopic } from '../domain/questionBank.js';
import type { Agency } from '../domain/sharing/agency.js';
import type { HeldBackAnswer } from '../domain/sharing/consent.js';
import { getAnswer, type Story } from '../domain/story.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { sessionFor, storyFor, type DialogServices } from './dialogServices.js';
import { PART_VALUE_PREFIX, describeSummary, partTitles, shareableParts, wordingVersion } from './sharingText.js';
import { promptOptions } from './answerPrompt.js';
import { answerValue, simpleChoice, topicTitle } from './topicText.js';
import type { MenuOptions } from './menuDialog.js';
import { nextQuestionToAsk } from './topicDialog.js';

export interface ShareWithAgencyOptions {
  agencyId: string;
  /** Parts chosen so far: none until the person picks them. */
  parts?: string[];
  /** Single answers kept out of this agency's copy. */
  heldBack?: HeldBackAnswer[];
  /** Each pick of a part, newest last, with what was chosen before it: `back` undoes the last one. */
  picks?: Array<{ part: string; parts: string[]; heldBack: HeldBackAnswer[] }>;
  /** They know the service will not be able to contact them without "About me", and chose to send anyway. */
  withoutContact?: boolean;
  /** Straight to the preview with the parts as they are ("About me" just added). */
  toPreview?: boolean;
}

const DONE = answerValue('parts-done');
const HOLD_BACK = answerValue('hold-back-answer');
const CANCEL = answerValue('cancel-sharing');
const SEND = answerValue('send-it');
const DONT_SEND = answerValue('do-not-send');
const ADD_ABOUT_ME = answerValue('add-about-me');
const TELL_ABOUT_ME_FIRST = answerValue('tell-about-me-first');
const SEND_WITHOUT_CONTACT = answerValue('send-without-contact');
const HOLD_VALUE_PREFIX = 'hold:';

/**
 * The consent sentence the person says yes to; its key and a fingerprint of its words are recorded, and
 * the agency's page describes it (bot/agencyApi/handoffPage.ts).
 */
export const CONFIRM_KEY = 'share.confirm';

/**
 * Sharing with one service: the person picks, part by part, what it may see (nothing is picked for them;
 * `back` undoes the last pick), may hold back single answers (each confirmed at once), is told plainly if
 * the service could not contact them (no "About me") and offered to add it, previews exactly what the
 * service will get in their own words, and says yes or no. A supporter present is recorded with the
 * consent but never confirms for the person.
 */
export class ShareWithAgencyDialog extends WaterfallDialog<ShareWithAgencyOptions> {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.shareWithAgency);
    this.addStep(this.choosePartsStep.bind(this));
    this.addStep(this.routeStep.bind(this));
    this.addStep(this.holdBackStep.bind(this));
    this.addStep(this.contactCheckStep.bind(this));
    this.addStep(this.confirmStep.bind(this));
    this.addStep(this.sendStep.bind(this));
  }

  private async choosePartsStep(step: WaterfallStepContext<ShareWithAgencyOptions>): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const agency = this.services.sharing.agency(step.options.agencyId);
    if (!agency) return step.endDialog();
    if (step.options.toPreview) return step.next({ kind: 'choice', value: DONE, label: '' } satisfies AnswerResult);
    const story = await storyFor(step.context, this.services);
    const chosen = step.options.parts ?? [];
    if (step.options.parts === undefined) {
      // What the service does, in the person's language (locales/<language>/agencies.json).
      const description = t(`agencyDirectory.${agency.id}.description`, { defaultValue: agency.description ?? '' });
      await step.context.sendActivity(t('share.aboutAgency', { name: agency.name, description }));
    }
    const choices: OfferedChoice[] = shareableParts(story, this.services.bank).map((part) => {
      const title = topicTitle(t, findTopic(this.services.bank, part)!);
      return { value: PART_VALUE_PREFIX + part, label: t(chosen.includes(part) ? 'share.partChosen' : 'share.partNotChosen', { title }), synonyms: [title] };
    });
    if (chosen.length > 0) {
      choices.push(simpleChoice(t, DONE, 'share.partsDone', 'share.partsDoneWords'));
      choices.push(simpleChoice(t, HOLD_BACK, 'share.holdBack'));
    }
    choices.push(simpleChoice(t, CANCEL, 'share.cancel'));
    const question = chosen.length === 0 ? t('share.whichParts', { name: agency.name }) : t('share.whichPartsSoFar', { name: agency.name, parts: partTitles(t, this.services.bank, chosen) });
    return step.prompt(DialogIds.answerPrompt, promptOptions(question, choices, false));
  }

  private async routeStep(step: WaterfallStepContext<ShareWithAgencyOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    const { t } = turnInfo(step.context);
    const chosen = step.options.parts ?? [];
    if (answer.kind === 'choice' && answer.value.startsWith(PART_VALUE_PREFIX)) {
      const part = answer.value.slice(PART_VALUE_PREFIX.length);
      const parts = chosen.includes(part) ? chosen.filter((existing) => existing !== part) : [...chosen, part];
      // A part no longer chosen takes its held-back answers with it.
      const heldBack = (step.options.heldBack ?? []).filter((held) => parts.includes(held.topicId));
      const picks = [...(step.options.picks ?? []), { part, parts: chosen, heldBack: step.options.heldBack ?? [] }];
      return step.replaceDialog(DialogIds.shareWithAgency, { ...step.options, parts, heldBack, picks });
    }
    const lastPick = step.options.picks?.at(-1);
    if (answer.kind === 'back' && lastPick) {
      // `back` undoes the last pick only: everything chosen before it stays chosen.
      const topic = findTopic(this.services.bank, lastPick.part);
      const title = topic ? topicTitle(t, topic) : lastPick.part;
      await step.context.sendActivity(t(lastPick.parts.includes(lastPick.part) ? 'share.undoPutBack' : 'share.undoTookOut', { title }));
      return step.replaceDialog(DialogIds.shareWithAgency, { ...step.options, parts: lastPick.parts, heldBack: lastPick.heldBack, picks: step.options.picks!.slice(0, -1) });
    }
    if (answer.kind === 'choice' && answer.value === HOLD_BACK) {
      const story = await storyFor(step.context, this.services);
      const heldBack = step.options.heldBack ?? [];
      const choices: OfferedChoice[] = chosen.flatMap((part) => {
        const topic = findTopic(this.services.bank, part)!;
        return topic.questions
          .filter((question) => getAnswer(story, part, question.id)?.status === 'answered')
          .map((question) => {
            const held = heldBack.some((answer) => answer.topicId === part && answer.questionId === question.id);
            return { value: `${HOLD_VALUE_PREFIX}${part}/${question.id}`, label: t(held ? 'share.answerHeldBack' : 'share.answerIncluded', { question: t(question.textKey) }) };
          });
      });
      return step.prompt(DialogIds.answerPrompt, promptOptions(t('share.whichAnswerToHoldBack'), choices, false));
    }
    if (answer.kind === 'choice' && answer.value === DONE && chosen.length > 0) return step.next({ kind: 'choice', value: DONE, label: '' } satisfies AnswerResult);
    await step.context.sendActivity(t('share.cancelled'));
    return step.endDialog();
  }

  private async holdBackStep(step: WaterfallStepContext<ShareWithAgencyOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    if (answer.kind === 'choice' && answer.value.startsWith(HOLD_VALUE_PREFIX)) {
      const [topicId, questionId] = answer.value.slice(HOLD_VALUE_PREFIX.length).split('/');
      const heldBack = step.options.heldBack ?? [];
      const already = heldBack.some((held) => held.topicId === topicId && held.questionId === questionId);
      const next = already ? heldBack.filter((held) => !(held.topicId === topicId && held.questionId === questionId)) : [...heldBack, { topicId, questionId }];
      // Said at once, so the person knows it is done before they choose anything else.
      const { t } = turnInfo(step.context);
      const question = findTopic(this.services.bank, topicId)?.questions.find((candidate) => candidate.id === questionId);
      const name = this.services.sharing.agency(step.options.agencyId)?.name ?? step.options.agencyId;
      if (question) await step.context.sendActivity(t(already ? 'share.putBackNow' : 'share.heldBackNow', { name, question: t(question.textKey) }));
      return step.replaceDialog(DialogIds.shareWithAgency, { ...step.options, heldBack: next });
    }
    if (answer.kind === 'choice' && answer.value === DONE) return step.next();
    return step.replaceDialog(DialogIds.shareWithAgency, step.options);
  }

  /**
   * Without "About me" the service gets no name and no way to reach them: said plainly, with the choice to
   * add it (or to tell it first, if they have not), or to send without it knowing that.
   */
  private async contactCheckStep(step: WaterfallStepContext<ShareWithAgencyOptions>): Promise<DialogTurnResult> {
    const { bank, sharing } = this.services;
    const aboutMe = bank.preferredName.topicId;
    if (step.options.withoutContact || (step.options.parts ?? []).includes(aboutMe)) return step.next();
    const { t } = turnInfo(step.context);
    const story = await storyFor(step.context, this.services);
    const name = sharing.agency(step.options.agencyId)!.name;
    const title = topicTitle(t, findTopic(bank, aboutMe)!);
    const told = shareableParts(story, bank).includes(aboutMe);
    const choices: OfferedChoice[] = [
      told ? { value: ADD_ABOUT_ME, label: t('share.addAboutMe', { title }) } : { value: TELL_ABOUT_ME_FIRST, label: t('share.tellAboutMeFirst', { title }) },
      simpleChoice(t, SEND_WITHOUT_CONTACT, 'share.sendWithoutContact'),
    ];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t(told ? 'share.cannotContact' : 'share.cannotContactNotTold', { name, title }), choices, false));
  }

  private async confirmStep(step: WaterfallStepContext<ShareWithAgencyOptions>): Promise<DialogTurnResult> {
    const { t, locale } = turnInfo(step.context);
    const { sharing, bank } = this.services;
    const agency = sharing.agency(step.options.agencyId)!;
    const story = await storyFor(step.context, this.services);
    const aboutMe = bank.preferredName.topicId;
    const contactAnswer = step.result as AnswerResult | undefined;
    if (contactAnswer?.kind === 'choice' && contactAnswer.value === ADD_ABOUT_ME) {
      const parts = [...(step.options.parts ?? []), aboutMe];
      return step.replaceDialog(DialogIds.shareWithAgency, { ...step.options, parts, toPreview: true });
    }
    if (contactAnswer?.kind === 'choice' && contactAnswer.value === TELL_ABOUT_ME_FIRST) {
      await step.context.sendActivity(t('share.aboutMeFirst', { name: agency.name }));
      const topic = findTopic(bank, aboutMe)!;
      return step.replaceDialog(DialogIds.menu, { startTopic: { topicId: aboutMe, questionIndex: nextQuestionToAsk(story, topic, 0) } } satisfies MenuOptions);
    }
    if (contactAnswer?.kind === 'choice' && contactAnswer.value === SEND_WITHOUT_CONTACT) step.options.withoutContact = true;
    else if (contactAnswer !== undefined) return step.replaceDialog(DialogIds.shareWithAgency, step.options);
    const parts = partsWithSomethingToSend(story, step.options);
    if (parts.length === 0) {
      await step.context.sendActivity(t('share.nothingLeft'));
      return step.replaceDialog(DialogIds.shareWithAgency, { ...step.options, heldBack: [], toPreview: undefined });
    }
    const summary = sharing.preview({ story, agencyId: agency.id, parts, heldBack: heldBackIn(parts, step.options) }, locale);
    await step.context.sendActivity(t('share.previewIntro', { name: agency.name }));
    for (const message of describeSummary(t, summary)) await step.context.sendActivity(message);
    if ((step.options.heldBack ?? []).length > 0) await step.context.sendActivity(t('share.previewHeldBack', { count: step.options.heldBack!.length }));
    if (parts.includes(aboutMe)) await step.context.sendActivity(t('share.whatTheyDo', { name: agency.name, count: agency.expectedResponse.workingDays }));
    else await step.context.sendActivity(t('share.whatTheyDoNoContact', { name: agency.name, contact: howToReach(agency) }));
    const session = sessionFor(step.context);
    if (session.supporter) await step.context.sendActivity(t('share.onlyYou'));
    const choices = [simpleChoice(t, SEND, 'share.send', 'share.sendWords'), simpleChoice(t, DONT_SEND, 'share.dontSend', 'share.dontSendWords')];
    return step.prompt(DialogIds.answerPrompt, promptOptions(t(CONFIRM_KEY, { parts: partTitles(t, bank, parts), name: agency.name }), choices, false));
  }

  private async sendStep(step: WaterfallStepContext<ShareWithAgencyOptions>): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    const { t, locale } = turnInfo(step.context);
    const { sharing, bank } = this.services;
    const agency = sharing.agency(step.options.agencyId)!;
    // "back" at "Send …?" goes back to choosing parts, with everything chosen so far.
    if (answer.kind === 'back') return step.replaceDialog(DialogIds.shareWithAgency, { ...step.options, toPreview: undefined });
    if (!(answer.kind === 'choice' && answer.value === SEND)) {
      await step.context.sendActivity(t('share.notSent', { name: agency.name }));
      return step.endDialog();
    }
    const story = await storyFor(step.context, this.services);
    const parts = partsWithSomethingToSend(story, step.options);
    const session = sessionFor(step.context);
    const sentence = t(CONFIRM_KEY, { parts: partTitles(t, bank, parts), name: agency.name });
    const receipt = await sharing.share({
      story,
      agencyId: agency.id,
      parts,
      heldBack: heldBackIn(parts, step.options),
      wording: { key: CONFIRM_KEY, locale, version: wordingVersion(sentence) },
      channel: step.context.activity.channelId,
      supportedBy: session.supporter ?? null,
    });
    await step.context.sendActivity(t('share.sent', { name: agency.name, reference: receipt.reference }));
    await step.context.sendActivity(
      t('share.receipt', {
        parts: partTitles(t, bank, parts),
        name: agency.name,
        date: formatDate(this.services.clock(), locale),
        expires: formatDate(new Date(receipt.expiresAt), locale),
      }),
    );
    await step.context.sendActivity(t('share.howToWithdraw', { name: agency.name }));
    return step.endDialog({ shared: true });
  }
}

/**
 * The chosen parts that still have an answer to send once held-back answers are taken out. A part whose
 * every answer is held back is left out altogether, so the service cannot tell anything was held back.
 */
function partsWithSomethingToSend(story: Story, options: ShareWithAgencyOptions): string[] {
  const heldBack = options.heldBack ?? [];
  return (options.parts ?? []).filter((part) =>
    Object.values(story.answers[part] ?? {}).some(
      (answer) => answer.status === 'answered' && !heldBack.some((held) => held.topicId === part && held.questionId === answer.questionId),
    ),
  );
}

/** How the person can reach the service themselves: its phone and email, or else its web page. */
function howToReach(agency: Agency): string {
  const direct = [agency.contact.phone, agency.contact.email].filter((way): way is string => Boolean(way));
  return (direct.length > 0 ? direct : [agency.contact.url ?? agency.organisation.url ?? agency.name]).join(', ');
}

function heldBackIn(parts: readonly string[], options: ShareWithAgencyOptions): HeldBackAnswer[] {
  return (options.heldBack ?? []).filter((held) => parts.includes(held.topicId));
}

export function formatDate(date: Date, locale: string): string {
  return date.toLocaleDateString(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}
