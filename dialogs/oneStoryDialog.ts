import { ActivityTypes } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { commandValue, recogniseGlobalWord, type GlobalWord, type GlobalWordVocabulary } from '../domain/globalWords.js';
import { turnInfo } from './turnInfo.js';
import { AnswerPrompt, activePromptSpec, recognitionRules } from './answerPrompt.js';
import { recogniseExactChoice } from '../domain/choiceRecognition.js';
import { channelHasButtons, choiceMessage, incomingChoiceValue } from './choiceMessage.js';
import { DeleteStoryDialog } from './deleteStoryDialog.js';
import { DialogIds } from './dialogIds.js';
import { sessionFor, storyFor, type DialogServices } from './dialogServices.js';
import { EntryDialog, type EntryOptions } from './entryDialog.js';
import { MenuDialog } from './menuDialog.js';
import { ReviewDialog } from './reviewDialog.js';
import { SupporterDialog } from './supporterDialog.js';
import { TopicDialog } from './topicDialog.js';
import { WelcomeBackDialog } from './welcomeBackDialog.js';
import { WelcomeDialog } from './welcomeDialog.js';
import { TextMessagingSetupDialog } from './textMessagingSetupDialog.js';
import { ResumeCodeDialog } from './resumeCodeDialog.js';
import { ShareDialog } from './shareDialog.js';
import { ShareWithAgencyDialog } from './shareWithAgencyDialog.js';
import { SharedWithDialog } from './sharedWithDialog.js';
import { WithdrawDialog, type WithdrawOptions } from './withdrawDialog.js';
import { UpdateOfferDialog } from './updateOfferDialog.js';
import { looksLikeResumeCode } from '../domain/resumeCode.js';
import { simpleChoice, wordList } from './topicText.js';
import { CrisisInterruption } from './crisisInterruption.js';
import { LanguageChoice } from './languageChoice.js';
import { sendingUrgently } from './heldReplies.js';
import { stopTextMessages } from './textMessagingStop.js';

/** The event that tells a web page to leave at once (read by bot/channels/webPage/assets/page.js). */
export const QUICK_EXIT_EVENT = 'oneStory.quickExit';
/** Channels whose client is a page that can leave: the local web chat and Azure's Web Chat and Direct Line. */
const PAGE_CHANNELS: ReadonlySet<string> = new Set(['webchat', 'directline']);

/**
 * The whole conversation. The words that work anywhere (help, menu, pause, review, start again, exit,
 * delete my story, carry on) are handled here, once, before any prompt sees the message; `skip` and
 * `back` go on to the prompt, because what they mean depends on the question being asked.
 */
export class OneStoryDialog extends ComponentDialog {
  private readonly crisis: CrisisInterruption;
  private readonly language: LanguageChoice;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.root);
    this.crisis = new CrisisInterruption(services);
    this.language = new LanguageChoice(services);
    this.addDialog(new EntryDialog(services));
    this.addDialog(new WelcomeDialog(services));
    this.addDialog(new WelcomeBackDialog(services));
    this.addDialog(new SupporterDialog(services));
    this.addDialog(new MenuDialog(services));
    this.addDialog(new TopicDialog(services));
    this.addDialog(new ReviewDialog(services));
    this.addDialog(new DeleteStoryDialog(services));
    this.addDialog(new TextMessagingSetupDialog(services));
    this.addDialog(new ResumeCodeDialog(services));
    this.addDialog(new ShareDialog(services));
    this.addDialog(new ShareWithAgencyDialog(services));
    this.addDialog(new SharedWithDialog(services));
    this.addDialog(new WithdrawDialog(services));
    this.addDialog(new UpdateOfferDialog(services));
    this.addDialog(new AnswerPrompt(DialogIds.answerPrompt));
    this.initialDialogId = DialogIds.entry;
  }

  /** "I have a code" as the very first message goes straight to asking for the code. */
  protected async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    // STOP on SMS first; then the crisis check reads the very first message too (SMS sends no join event:
    // it may be the first thing we hear).
    const interrupted = (await stopTextMessages(innerDc, this.services)) ?? (await this.crisis.check(innerDc));
    if (interrupted) return interrupted;
    // A language's name or button as the very first message, or a first message clearly written in a
    // language we speak when the channel says none (SMS): the welcome comes in that language.
    const written = turnInfo(innerDc.context).languageFrom === 'default' ? this.language.writtenIn(innerDc) : undefined;
    const chosen = this.language.recognise(innerDc, false) ?? (written && 'other' in written ? written.other : undefined);
    if (chosen) return this.language.switchTo(innerDc, chosen);
    const { words } = turnInfo(innerDc.context);
    const word = recogniseGlobalWord(incomingChoiceValue(innerDc.context) ?? innerDc.context.activity.text ?? '', words);
    // After a pause ("Get a code", or the words): the code, and nothing more; they are still taking a break.
    if (word === 'another-device' && (await storyFor(innerDc.context, this.services)).welcomedAt) {
      await this.giveResumeCode(innerDc);
      return { status: DialogTurnStatus.complete };
    }
    return super.onBeginDialog(innerDc, options ?? (word === 'have-code' ? ({ askCode: true } satisfies EntryOptions) : undefined));
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    // STOP on SMS, then the crisis check, before everything else; the check may hand back the person's
    // earlier message to handle now.
    const interrupted = (await stopTextMessages(innerDc, this.services)) ?? (await this.crisis.check(innerDc));
    if (interrupted) return interrupted;
    const { context } = innerDc;
    // A language picked (its button or name, or its number right after the list): spoken at once.
    const session = sessionFor(context);
    const justOffered = session.languagesOffered === true;
    session.languagesOffered = undefined;
    const language = this.language.recognise(innerDc, justOffered);
    if (language) return this.language.switchTo(innerDc, language);
    // Signposting before anything had started: carrying on starts the conversation.
    if (!innerDc.activeDialog) return this.startAfterInterruption(innerDc);
    const { words, textOnly } = turnInfo(context);
    const said = incomingChoiceValue(context) ?? context.activity.text ?? '';
    if (looksLikeResumeCode(said)) {
      // A code from another device, typed at any point: use it straight away.
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(DialogIds.entry);
    }
    // "Carry on" offered as a choice is that choice, not the word that works anywhere.
    const stopSharingWith = stopSharingWithPattern(words).exec(said.trim());
    if (stopSharingWith) {
      // "stop sharing with Housing Options": straight to that service, if it is one they shared with.
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(DialogIds.withdraw, { agencyHint: stopSharingWith[1] } satisfies WithdrawOptions);
    }
    const asking = activePromptSpec(innerDc.activeDialog);
    const rules = recognitionRules(asking, textOnly);
    const chosen = recogniseExactChoice(said, asking?.choices ?? [], rules.choices);
    const word = recogniseGlobalWord(chosen?.value ?? said, words, rules.words);
    const handled = word ? await this.handleGlobalWord(word, innerDc) : undefined;
    if (handled) return handled;
    // Written in a language we do not speak yet: never a guess, never silence. The languages we speak, and
    // that a support worker can arrange an interpreter; the question stays where it was.
    const written = !word && !chosen ? this.language.writtenIn(innerDc) : undefined;
    if (written && 'unspoken' in written) return this.language.offer(innerDc, 'language.notSpoken');
    // Written in another language we speak: the answer is kept as written, and that language offers itself
    // (once a sitting), in itself.
    const other = written && 'other' in written ? written.other : undefined;
    if (other && !(session.languagesSuggested ?? []).includes(other)) {
      session.languagesSuggested = [...(session.languagesSuggested ?? []), other];
      session.languagesOffered = true;
      await context.sendActivity(turnInfo(context).tIn(other)('language.welcomeOffer'));
    }
    return super.onContinueDialog(innerDc);
  }

  private async startAfterInterruption(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { words } = turnInfo(innerDc.context);
    const said = incomingChoiceValue(innerDc.context) ?? innerDc.context.activity.text ?? '';
    const word = recogniseGlobalWord(said, words);
    if (word === 'pause' || word === 'exit') return (await this.handleGlobalWord(word, innerDc)) ?? innerDc.endDialog();
    return innerDc.beginDialog(DialogIds.entry);
  }

  /** "Continue on another device": a one-time code for this person's story, and how to use it. */
  private async giveResumeCode(innerDc: DialogContext): Promise<void> {
    const { context } = innerDc;
    const { t, personId } = turnInfo(context);
    const { code } = await this.services.resumeCodes.issue(personId, context.activity.channelId, this.services.clock());
    await context.sendActivity(t('resumeCode.issued', { code }));
    await context.sendActivity(t('resumeCode.howToUse', { count: this.services.resumeCodes.validDays }));
    await context.sendActivity(t('resumeCode.keepPrivate'));
  }

  private async handleGlobalWord(word: GlobalWord, innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const { t } = turnInfo(context);
    switch (word) {
      case 'help':
        for (const line of wordList(t, 'help.lines')) await context.sendActivity(line);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'continue':
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'menu':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.menu, { again: true });
      case 'review':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.review);
      case 'start-again':
        await innerDc.cancelAllDialogs();
        await context.sendActivity(t('startAgain.note'));
        return innerDc.beginDialog(DialogIds.entry, { restart: true } satisfies EntryOptions);
      case 'delete-story':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.deleteStory);
      case 'pause':
        // Everything is saved as it is said; pausing only ends the sitting and says how to come back, and
        // offers a code to carry on from another device (a button where buttons show).
        for (const line of wordList(t, 'pause.lines')) await context.sendActivity(line);
        await context.sendActivity(
          channelHasButtons(context)
            ? choiceMessage(context, t('pause.codeOffer'), [simpleChoice(t, commandValue('another-device'), 'pause.getCode')])
            : t('pause.codeOffer'),
        );
        return innerDc.cancelAllDialogs();
      case 'exit':
        // Quick exit: one neutral line, nothing personal repeated, nothing more asked. On the web the page is
        // told too, and leaves at once as its Exit this page button does (the typed word keeps the promise).
        await sendingUrgently(context, async () => {
          await context.sendActivity(t('exit.goodbye'));
          if (PAGE_CHANNELS.has(context.activity.channelId)) await context.sendActivity({ type: ActivityTypes.Event, name: QUICK_EXIT_EVENT });
        });
        return innerDc.cancelAllDialogs();
      case 'another-device':
        await this.giveResumeCode(innerDc);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'have-code':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.entry, { askCode: true } satisfies EntryOptions);
      case 'share':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.share);
      case 'shared':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.sharedWith);
      case 'stop-sharing':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DialogIds.withdraw, {} satisfies WithdrawOptions);
      case 'language':
        return this.language.offer(innerDc, 'language.ask');
      case 'skip':
      case 'back':
        return undefined;
    }
  }
}

/** "stop sharing with <service>", in the person's language: the words for stop-sharing, then a name. */
function stopSharingWithPattern(words: GlobalWordVocabulary): RegExp {
  const phrases = words['stop-sharing'].map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?:${phrases.join('|')})\\s+(?:with\\s+)?(.{3,80})$`, 'i');
}
