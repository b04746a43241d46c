import { ActivityTypes } from 'botbuilder';
import { DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { recogniseChoice, recogniseExactChoice, type OfferedChoice } from '../domain/choiceRecognition.js';
import type { CrisisReading } from '../domain/crisis/crisisDetector.js';
import { DISTRESS_CONTEXT_MS } from '../domain/crisis/followUpInContext.js';
import { commandValue, recogniseGlobalWord } from '../domain/globalWords.js';
import { activePromptSpec, recognitionRules } from './answerPrompt.js';
import { normaliseForMatching } from '../domain/textMatching.js';
import { looksLikeResumeCode } from '../domain/resumeCode.js';
import { turnInfo } from './turnInfo.js';
import { isAnsweringStoryQuestion } from './activePrompt.js';
import { choiceMessage, incomingChoiceValue } from './choiceMessage.js';
import { sessionFor, type CrisisFollowUp, type CrisisOrigin, type DialogServices, type SessionState } from './dialogServices.js';
import { sendingUrgently } from './heldReplies.js';
import { simpleChoice, wordList } from './topicText.js';

const SAFE_NOW = 'safety:safe';
const NOT_SAFE_NOW = 'safety:not-safe';
const KEEP_AS_ANSWER = 'crisis:keep-answer';
const DO_NOT_KEEP = 'crisis:do-not-keep';

/**
 * The crisis check, as an interruption of the root dialog (core-bot's cancel-and-help pattern): it reads
 * every message first, in every state, before any prompt sees it.
 * - The emergency numbers at once for "SOS", "urgent" and their words in each language we speak (SMS
 *   carriers may intercept HELP and STOP, so "help" alone is not relied on).
 * - A message that signals risk to life or immediate danger (crisis detector, in the language the message
 *   is written in) gets calm signposting first, in that language, then a choice to carry on, pause or
 *   leave. Nothing is shared and nobody is contacted. A disclosure written as the answer to a story
 *   question can then be kept as that answer, so it is never lost nor asked again.
 * - Distress short of that gets one gentle "are you safe right now?". A clear yes carries on (the message
 *   is kept as the answer it was); a no, a "not sure", or a reply that itself reads as distress brings the
 *   signposting. A reply that is something else (another ordinary answer) is asked once more, kindly; if
 *   the next is something else too, we carry on and the message is kept as the answer it was.
 * - Every follow-up of a message is asked in that message's language and understood in it and in the
 *   conversation's. Once the signposting was shown for a message, replies short of crisis carry on: it is
 *   not shown again and again for the same message. The quick exit word works at every step.
 * - For an hour after distress (by the injected clock), short follow-ups are read in that light.
 *
 * `undefined` means "go on with the conversation": either nothing was found, or the person's earlier
 * message (or their choice) is to be handled now as what it was.
 */
export class CrisisInterruption {
  constructor(private readonly services: DialogServices) {}

  async check(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (context.activity.type !== ActivityTypes.Message) return undefined;
    const session = sessionFor(context);
    // What was asked last, with the message that led to it: kept (encrypted) only until this reply.
    const followUp = session.crisisFollowUp;
    delete session.crisisFollowUp;
    const said = incomingChoiceValue(context) ?? context.activity.text ?? '';

    if (this.isHelpNowWord(innerDc, said)) return this.showHelpNow(innerDc, session, followUp);
    if (followUp) return this.followUp(innerDc, session, followUp, said);

    const text = context.activity.text;
    if (!text) return undefined;
    const reading = this.read(innerDc, session, text, said);
    const origin = (): CrisisOrigin => ({ text, language: reading.language, wasAnswer: isAnsweringStoryQuestion(innerDc.stack) });
    if (reading.level === 'crisis') return this.signpost(innerDc, session, origin());
    if (reading.level === 'concern') return this.askIfSafe(innerDc, session, origin());
    return undefined;
  }

  /** A reply to the crisis check's own question, about the message that led to it. */
  private async followUp(innerDc: DialogContext, session: SessionState, followUp: CrisisFollowUp, said: string): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const { stage, ...origin } = followUp;
    const typed = context.activity.text ?? '';
    const word = recogniseGlobalWord(said, turnInfo(context).words, { slipsFor: [] });
    // The quick exit keeps its promise at every step, and a pause is a pause: nothing more is asked.
    if (word === 'exit' || word === 'pause') return undefined;
    // Understood in the message's language and in the conversation's.
    const inTheirWords = this.inLanguage(innerDc, origin.language);
    const understoodIn = [inTheirWords, turnInfo(context).t];
    const reading = (): CrisisReading => this.read(innerDc, session, typed, said);

    if (stage === 'safety-check') {
      // A clear yes in either language, and a no in neither (a word can be one thing here and another there).
      const saysNo = understoodIn.some((t) => recogniseChoice(said, this.safetyChoices(t))?.value === NOT_SAFE_NOW);
      if (!saysNo && understoodIn.some((t) => this.isClearlySafe(typed, said, t))) {
        await context.sendActivity(inTheirWords('crisis.safeThanks'));
        return this.replay(innerDc, origin.text);
      }
      // A no, a "not sure", a yes with a but, "help", or a reply that reads as distress itself: recall first.
      if (understoodIn.some((t) => this.speaksToSafety(said, t)) || word === 'help' || reading().level !== 'none') {
        return this.signpost(innerDc, session, origin);
      }
      // Something else, such as the next ordinary answer: asked once more, kindly, then we carry on.
      if (!origin.askedAgain) return this.askIfSafe(innerDc, session, { ...origin, askedAgain: true });
      await context.sendActivity(inTheirWords(origin.wasAnswer ? 'crisis.carryOnKeptAnswer' : 'crisis.carryOnAnyway'));
      return this.replay(innerDc, origin.text);
    }

    if (stage === 'after-signposting') {
      const choice = this.firstChoice(said, understoodIn.map((t) => this.afterSignpostingChoices(t)));
      if (choice?.value === commandValue('continue') && origin.wasAnswer) return this.offerToKeep(innerDc, session, origin);
      if (choice) return this.replayChoice(innerDc, choice);
      if (reading().level === 'crisis') return this.signpost(innerDc, session, origin);
      // The signposting was given for this message: anything short of crisis carries on, keeping what they wrote.
      return origin.wasAnswer ? this.offerToKeep(innerDc, session, origin) : undefined;
    }

    const choice = this.firstChoice(said, understoodIn.map((t) => this.keepChoices(t)));
    if (choice?.value === KEEP_AS_ANSWER) return this.replay(innerDc, origin.text);
    if (choice?.value === DO_NOT_KEEP) return this.replayChoice(innerDc, { value: commandValue('continue'), label: choice.label });
    const level = reading().level;
    if (level === 'crisis') return this.signpost(innerDc, session, origin);
    // Neither yes nor no: nothing told is lost. It is kept, and they are told so (and that it can be changed);
    // a reply short of crisis that still reads as distress hears again where to turn.
    await context.sendActivity(inTheirWords(level === 'concern' ? 'crisis.carryOnKeptAnswer' : 'crisis.keptAnswer'));
    return this.replay(innerDc, origin.text);
  }

  /** The crisis detector's reading of a message, in the light of distress seen in the last hour. */
  private read(innerDc: DialogContext, session: SessionState, text: string, said: string): CrisisReading {
    const now = this.services.clock().getTime();
    const distressSeenRecently = session.distressSeenAt !== undefined && now - Date.parse(session.distressSeenAt) < DISTRESS_CONTEXT_MS;
    return this.services.crisis.assess(text, {
      distressSeenRecently,
      conversationLanguage: turnInfo(innerDc.context).locale,
      chosenFromOffer: this.isChosenFromOffer(innerDc, said),
    });
  }

  private firstChoice(said: string, lists: OfferedChoice[][]): OfferedChoice | undefined {
    for (const choices of lists) {
      const choice = recogniseChoice(said, choices);
      if (choice) return choice;
    }
    return undefined;
  }

  /** A tapped button or typed choice from the list on screen, or a word that works anywhere. */
  private isChosenFromOffer(innerDc: DialogContext, said: string): boolean {
    const { words, textOnly } = turnInfo(innerDc.context);
    const asking = activePromptSpec(innerDc.activeDialog);
    const rules = recognitionRules(asking, textOnly);
    if (recogniseExactChoice(said, asking?.choices ?? [], rules.choices)) return true;
    // A code from another device ("crown dove pillow hazel 597") is a command, not something told.
    if (looksLikeResumeCode(said)) return true;
    return recogniseGlobalWord(said, words, { slipsFor: [] }) !== undefined;
  }

  /** The person's earlier message, handled now as what it was (the answer to the question underneath). */
  private replay(innerDc: DialogContext, text: string): undefined {
    innerDc.context.activity.text = text;
    innerDc.context.activity.value = undefined;
    return undefined;
  }

  /** The person's choice, handled now as the word that works anywhere it stands for (carry on, pause, leave). */
  private replayChoice(innerDc: DialogContext, choice: OfferedChoice): undefined {
    innerDc.context.activity.text = choice.label;
    innerDc.context.activity.value = choice.value;
    return undefined;
  }

  /** "SOS", "urgent", "pilne", "urgent" ...: the whole message is one of these words, in any language we speak. */
  private isHelpNowWord(innerDc: DialogContext, said: string): boolean {
    const typed = normaliseForMatching(said);
    if (typed === '' || typed.length > 40) return false;
    const info = turnInfo(innerDc.context);
    return info.languages.some((language) => this.helpNowWordsIn(language, info.tIn).has(typed));
  }

  /** Each language's words for help right now, normalised once (the copy does not change while running). */
  private readonly helpNowWords = new Map<string, ReadonlySet<string>>();
  private helpNowWordsIn(language: string, tIn: (locale: string) => TFunction): ReadonlySet<string> {
    let words = this.helpNowWords.get(language);
    if (!words) {
      words = new Set(wordList(tIn(language), 'crisis.helpNow.words').map(normaliseForMatching));
      this.helpNowWords.set(language, words);
    }
    return words;
  }

  /** Copy in the given language when we speak it, else in the conversation's. */
  private inLanguage(innerDc: DialogContext, language: string | undefined): TFunction {
    const info = turnInfo(innerDc.context);
    return language && language !== info.locale && info.languages.includes(language) ? info.tIn(language) : info.t;
  }

  private async showHelpNow(innerDc: DialogContext, session: SessionState, followUp: CrisisFollowUp | undefined): Promise<DialogTurnResult> {
    const { t } = turnInfo(innerDc.context);
    // Urgent: sent even if the turn cannot be stored.
    await sendingUrgently(innerDc.context, async () => {
      for (const line of wordList(t, 'crisis.helpNow.lines')) await innerDc.context.sendActivity(line);
    });
    this.services.log?.info('crisis.helpNowShown', { channel: innerDc.context.activity.channelId });
    if (followUp) {
      // In the middle of the check's own questions: the message that led to them is not dropped.
      const { stage: _stage, ...origin } = followUp;
      await this.askAfterSignposting(innerDc, session, origin);
    } else if (innerDc.activeDialog) {
      await innerDc.repromptDialog();
    }
    return { status: DialogTurnStatus.waiting };
  }

  private isClearlySafe(typed: string, said: string, t: TFunction): boolean {
    const choice = recogniseChoice(said, this.safetyChoices(t));
    if (choice) return choice.value === SAFE_NOW;
    // "yes I'm safe, just tired" is a yes; "yes but not really" is not (English wording only; other
    // languages rely on their listed safe words).
    const words = typed.toLowerCase();
    return /^\s*(yes|yeah|yep|yh|i'?m safe|i am safe)\b/.test(words) && !/\b(not|no|nah|n't|unsafe|scared|afraid)\b/.test(words.replace(/^\s*\S+/, ''));
  }

  /**
   * A reply that answers "are you safe?" without being a clear yes: one of the choices, or a sentence led by
   * one of their words ("no", "not sure", "yes but...", "nie wiem, ..."). Anything else is something else.
   */
  private speaksToSafety(said: string, t: TFunction): boolean {
    const typed = normaliseForMatching(said);
    if (!typed) return false;
    const choices = this.safetyChoices(t);
    if (recogniseChoice(said, choices)) return true;
    // Single letters ("y", "n") count only on their own, not as the first word of a sentence.
    const leading = choices.flatMap((choice) => [choice.label, ...(choice.synonyms ?? [])]).map(normaliseForMatching).filter((phrase) => phrase.length > 1);
    return leading.some((phrase) => typed.startsWith(`${phrase} `));
  }

  private async askIfSafe(innerDc: DialogContext, session: SessionState, origin: CrisisOrigin): Promise<DialogTurnResult> {
    const { context } = innerDc;
    // Asked in the language the person wrote in, when we have that copy.
    const t = this.inLanguage(innerDc, origin.language);
    session.distressSeenAt = this.services.clock().toISOString();
    session.crisisFollowUp = { ...origin, stage: 'safety-check' };
    const question = t(origin.askedAgain ? 'crisis.areYouSafeAgain' : 'crisis.areYouSafe');
    await sendingUrgently(context, () => context.sendActivity(choiceMessage(context, question, this.safetyChoices(t))));
    this.services.log?.info(origin.askedAgain ? 'crisis.safetyAskedAgain' : 'crisis.safetyChecked', { channel: context.activity.channelId });
    return { status: DialogTurnStatus.waiting };
  }

  private async signpost(innerDc: DialogContext, session: SessionState, origin: CrisisOrigin): Promise<DialogTurnResult> {
    const { context } = innerDc;
    // Signposting in the language the person wrote in, when we speak it.
    const inTheirWords = this.inLanguage(innerDc, origin.language);
    // For a while after, short follow-ups ("I've already taken them") are read in this light.
    session.distressSeenAt = this.services.clock().toISOString();
    // Urgent: the signposting is sent even if the turn cannot be stored.
    await sendingUrgently(context, async () => {
      for (const line of wordList(inTheirWords, 'crisis.lines')) await context.sendActivity(line);
      if (session.supporter) {
        const who = [session.supporter.name, session.supporter.organisation && `(${session.supporter.organisation})`].filter(Boolean).join(' ');
        await context.sendActivity(who ? inTheirWords('crisis.supporterPresent', { who }) : inTheirWords('crisis.supporterPresentUnnamed'));
      }
    });
    await this.askAfterSignposting(innerDc, session, origin);
    // What kind of signal is not logged either: the fact of signposting is enough to count it.
    this.services.log?.info('crisis.signposted', { channel: context.activity.channelId });
    return { status: DialogTurnStatus.waiting };
  }

  /** Carry on, pause or leave, once the numbers are on screen. */
  private async askAfterSignposting(innerDc: DialogContext, session: SessionState, origin: CrisisOrigin): Promise<void> {
    const { context } = innerDc;
    const inTheirWords = this.inLanguage(innerDc, origin.language);
    session.crisisFollowUp = { ...origin, stage: 'after-signposting' };
    await context.sendActivity(choiceMessage(context, inTheirWords('crisis.ask'), this.afterSignpostingChoices(inTheirWords)));
  }

  private async offerToKeep(innerDc: DialogContext, session: SessionState, origin: CrisisOrigin): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const t = this.inLanguage(innerDc, origin.language);
    session.crisisFollowUp = { ...origin, stage: 'keep-answer' };
    await context.sendActivity(choiceMessage(context, t('crisis.keepAsAnswer'), this.keepChoices(t)));
    return { status: DialogTurnStatus.waiting };
  }

  private safetyChoices(t: TFunction): OfferedChoice[] {
    return [simpleChoice(t, SAFE_NOW, 'crisis.safe', 'crisis.safeWords'), simpleChoice(t, NOT_SAFE_NOW, 'crisis.notSafe', 'crisis.notSafeWords')];
  }

  private afterSignpostingChoices(t: TFunction): OfferedChoice[] {
    return [
      simpleChoice(t, commandValue('continue'), 'crisis.carryOn', 'crisis.carryOnWords'),
      simpleChoice(t, commandValue('pause'), 'crisis.pause', 'crisis.pauseWords'),
      simpleChoice(t, commandValue('exit'), 'crisis.leave', 'crisis.leaveWords'),
    ];
  }

  private keepChoices(t: TFunction): OfferedChoice[] {
    return [simpleChoice(t, KEEP_AS_ANSWER, 'crisis.keep', 'crisis.keepWords'), simpleChoice(t, DO_NOT_KEEP, 'crisis.dontKeep', 'crisis.dontKeepWords')];
  }
}
