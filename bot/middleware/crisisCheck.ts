import { ActivityTypes, type ConversationState, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { detectCrisis } from '../../domain/crisis/detectCrisis.js';
import { DISTRESS_CONTEXT_MS, escalateInContext } from '../../domain/crisis/followUpInContext.js';
import { recogniseChoice, type OfferedChoice } from '../../domain/choiceRecognition.js';
import { commandValue } from '../../domain/globalWords.js';
import { isAnsweringStoryQuestion } from '../../dialogs/activePrompt.js';
import { choiceMessage, incomingChoiceValue } from '../../dialogs/choiceMessage.js';
import type { SessionState } from '../../dialogs/dialogServices.js';
import { simpleChoice, wordList } from '../../dialogs/topicText.js';
import type { Logger } from '../logger.js';
import { turnInfo } from '../turnServices.js';

const SAFE_NOW = 'safety:safe';
const NOT_SAFE_NOW = 'safety:not-safe';
const KEEP_AS_ANSWER = 'crisis:keep-answer';
const DO_NOT_KEEP = 'crisis:do-not-keep';

/**
 * Reads every incoming message, in every state, before the conversation does.
 * - A message that signals risk to life or immediate danger gets calm crisis signposting first, then a
 *   choice to carry on, pause or leave. Nothing is shared and no one is contacted. If it was written as
 *   the answer to a story question, carrying on offers to keep it as that answer, so a disclosure the
 *   question asked for is never lost or asked again and again.
 * - A message that signals distress without clear danger gets one gentle question: are you safe right
 *   now? Only a clear yes carries on (and the message is then kept as the answer it was); anything
 *   else brings the signposting.
 * For an hour after distress or crisis was shown, short follow-ups ("I'm going to do it tonight") are read
 * as crisis, since the conversation knows what "it" means where a single message cannot.
 * The next message after any of these questions is read against that question's own choices first, so a
 * reply of "3" on SMS means what the list said, not an option of the question underneath.
 * The pattern-based detector misses wordings it has not seen (see README, Known limits).
 */
export class CrisisCheck implements Middleware {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly session: StatePropertyAccessor<SessionState>,
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    const session = await this.session.get(context, {});
    // What was asked last, with the message that led to it: kept (encrypted) only until this reply.
    const followUp = session.crisisFollowUp;
    delete session.crisisFollowUp;
    const said = incomingChoiceValue(context) ?? context.activity.text ?? '';

    if (followUp?.stage === 'safety-check') {
      if (this.isClearlySafe(context, said)) {
        await context.sendActivity(turnInfo(context).t('crisis.safeThanks'));
        return this.continueWith(context, next, followUp.text);
      }
      return this.signpost(context, session, followUp.text);
    }
    if (followUp?.stage === 'after-signposting') {
      const choice = recogniseChoice(said, this.afterSignpostingChoices(context));
      if (choice?.value === commandValue('continue') && followUp.wasAnswer) return this.offerToKeep(context, session, followUp.text);
      if (choice) return this.continueWithCommand(context, next, choice);
    }
    if (followUp?.stage === 'keep-answer') {
      const choice = recogniseChoice(said, this.keepChoices(context));
      if (choice?.value === KEEP_AS_ANSWER) return this.continueWith(context, next, followUp.text);
      if (choice?.value === DO_NOT_KEEP) return this.continueWithCommand(context, next, { value: commandValue('continue'), label: choice.label });
    }

    const text = context.activity.text;
    const distressSeenRecently = session.distressSeenAt !== undefined && Date.now() - Date.parse(session.distressSeenAt) < DISTRESS_CONTEXT_MS;
    const level = text ? escalateInContext(text, detectCrisis(text), distressSeenRecently).level : 'none';
    if (level === 'crisis') return this.signpost(context, session, text!);
    if (level === 'concern') return this.askIfSafe(context, session, text!);
    await next();
  }

  /** Goes on to the conversation with the person's earlier message, as the answer it was. */
  private continueWith(context: TurnContext, next: () => Promise<void>, text: string): Promise<void> {
    context.activity.text = text;
    context.activity.value = undefined;
    return next();
  }

  /** Goes on to the conversation as if the person had tapped one of the words that work anywhere. */
  private continueWithCommand(context: TurnContext, next: () => Promise<void>, choice: OfferedChoice): Promise<void> {
    context.activity.text = choice.label;
    context.activity.value = choice.value;
    return next();
  }

  private isClearlySafe(context: TurnContext, said: string): boolean {
    const choice = recogniseChoice(said, this.safetyChoices(context));
    if (choice) return choice.value === SAFE_NOW;
    // "yes I'm safe, just tired" is a yes; "yes but not really" is not.
    const words = said.toLowerCase();
    return /^\s*(yes|yeah|yep|yh|i'?m safe|i am safe)\b/.test(words) && !/\b(not|no|nah|n't|unsafe|scared|afraid)\b/.test(words.replace(/^\s*\S+/, ''));
  }

  private async askIfSafe(context: TurnContext, session: SessionState, text: string): Promise<void> {
    session.distressSeenAt = new Date().toISOString();
    session.crisisFollowUp = { stage: 'safety-check', text };
    await context.sendActivity(choiceMessage(context, turnInfo(context).t('crisis.areYouSafe'), this.safetyChoices(context)));
    await this.conversationState.saveChanges(context);
    this.log.info('crisis.safetyChecked', { channel: context.activity.channelId });
  }

  private async signpost(context: TurnContext, session: SessionState, text: string): Promise<void> {
    const { t } = turnInfo(context);
    // For a while after, short follow-ups ("I've already taken them") are read in this light.
    session.distressSeenAt = new Date().toISOString();
    for (const line of wordList(t, 'crisis.lines')) await context.sendActivity(line);
    if (session.supporter) {
      const who = [session.supporter.name, session.supporter.organisation && `(${session.supporter.organisation})`].filter(Boolean).join(' ');
      await context.sendActivity(who ? t('crisis.supporterPresent', { who }) : t('crisis.supporterPresentUnnamed'));
    }
    const wasAnswer = isAnsweringStoryQuestion(await this.dialogState.get(context));
    session.crisisFollowUp = { stage: 'after-signposting', text, wasAnswer };
    await context.sendActivity(choiceMessage(context, t('crisis.ask'), this.afterSignpostingChoices(context)));
    await this.conversationState.saveChanges(context);
    // What kind of signal is not logged either: the fact of signposting is enough to count it.
    this.log.info('crisis.signposted', { channel: context.activity.channelId });
  }

  private async offerToKeep(context: TurnContext, session: SessionState, text: string): Promise<void> {
    session.crisisFollowUp = { stage: 'keep-answer', text };
    await context.sendActivity(choiceMessage(context, turnInfo(context).t('crisis.keepAsAnswer'), this.keepChoices(context)));
    await this.conversationState.saveChanges(context);
  }

  private safetyChoices(context: TurnContext): OfferedChoice[] {
    const { t } = turnInfo(context);
    return [simpleChoice(t, SAFE_NOW, 'crisis.safe', 'crisis.safeWords'), simpleChoice(t, NOT_SAFE_NOW, 'crisis.notSafe', 'crisis.notSafeWords')];
  }

  private afterSignpostingChoices(context: TurnContext): OfferedChoice[] {
    const { t } = turnInfo(context);
    return [
      simpleChoice(t, commandValue('continue'), 'crisis.carryOn', 'crisis.carryOnWords'),
      simpleChoice(t, commandValue('pause'), 'crisis.pause', 'crisis.pauseWords'),
      simpleChoice(t, commandValue('exit'), 'crisis.leave', 'crisis.leaveWords'),
    ];
  }

  private keepChoices(context: TurnContext): OfferedChoice[] {
    const { t } = turnInfo(context);
    return [simpleChoice(t, KEEP_AS_ANSWER, 'crisis.keep', 'crisis.keepWords'), simpleChoice(t, DO_NOT_KEEP, 'crisis.dontKeep', 'crisis.dontKeepWords')];
  }
}
