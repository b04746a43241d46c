import { ActivityTypes, type ConversationState, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { detectCrisis } from '../../domain/crisis/detectCrisis.js';
import { recogniseChoice } from '../../domain/choiceRecognition.js';
import { commandValue } from '../../domain/globalWords.js';
import { choiceMessage, incomingChoiceValue } from '../../dialogs/choiceMessage.js';
import type { SessionState } from '../../dialogs/dialogServices.js';
import { simpleChoice, wordList } from '../../dialogs/topicText.js';
import type { Logger } from '../logger.js';
import { turnInfo } from '../turnServices.js';

const SAFE_NOW = 'safety:safe';
const NOT_SAFE_NOW = 'safety:not-safe';

/**
 * Reads every incoming message, in every state, before the conversation does.
 * - A message that signals risk to life or immediate danger gets calm crisis signposting first, then a
 *   choice to carry on, pause or stop. It is not treated as an answer; nothing is shared, no one contacted.
 * - A message that signals distress without clear danger gets one gentle question: are you safe right
 *   now? "No" (or "not sure") brings the signposting; "yes" carries on, and the message is then taken
 *   as the answer it was, so nothing has to be said twice.
 * The pattern-based detector misses wordings it has not seen (see the note in README): help is also
 * offered in the help text and the welcome, so no one depends on it alone.
 */
export class CrisisCheck implements Middleware {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly session: StatePropertyAccessor<SessionState>,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    const session = await this.session.get(context, {});
    const { t } = turnInfo(context);

    const pending = session.safetyCheck;
    if (pending) {
      delete session.safetyCheck;
      const said = incomingChoiceValue(context) ?? context.activity.text ?? '';
      const answer = recogniseChoice(said, this.safetyChoices(context));
      if (answer?.value === NOT_SAFE_NOW) return this.signpost(context, session);
      if (answer?.value === SAFE_NOW) {
        await context.sendActivity(t('crisis.safeThanks'));
        // Take the earlier message as the answer it was meant to be.
        context.activity.text = pending.text;
        context.activity.value = undefined;
        return next();
      }
      // Anything else: they have moved on; read this message as any other.
    }

    const text = context.activity.text;
    const assessment = text ? detectCrisis(text) : undefined;
    if (assessment?.level === 'crisis') return this.signpost(context, session);
    if (assessment?.level === 'concern' && text) {
      session.safetyCheck = { text };
      await context.sendActivity(choiceMessage(context, t('crisis.areYouSafe'), this.safetyChoices(context)));
      await this.conversationState.saveChanges(context);
      this.log.info('crisis.safetyChecked', { channel: context.activity.channelId });
      return;
    }
    await next();
  }

  private safetyChoices(context: TurnContext) {
    const { t } = turnInfo(context);
    return [simpleChoice(t, SAFE_NOW, 'crisis.safe', 'crisis.safeWords'), simpleChoice(t, NOT_SAFE_NOW, 'crisis.notSafe', 'crisis.notSafeWords')];
  }

  private async signpost(context: TurnContext, session: SessionState): Promise<void> {
    const { t } = turnInfo(context);
    for (const line of wordList(t, 'crisis.lines')) await context.sendActivity(line);
    if (session.supporter) {
      const who = [session.supporter.name, session.supporter.organisation && `(${session.supporter.organisation})`].filter(Boolean).join(' ');
      await context.sendActivity(who ? t('crisis.supporterPresent', { who }) : t('crisis.supporterPresentUnnamed'));
    }
    await context.sendActivity(
      choiceMessage(context, t('crisis.ask'), [
        simpleChoice(t, commandValue('continue'), 'crisis.carryOn'),
        simpleChoice(t, commandValue('pause'), 'crisis.pause'),
        simpleChoice(t, commandValue('exit'), 'crisis.stop'),
      ]),
    );
    await this.conversationState.saveChanges(context);
    // What kind of signal is not logged either: the fact of signposting is enough to count it.
    this.log.info('crisis.signposted', { channel: context.activity.channelId });
  }
}
