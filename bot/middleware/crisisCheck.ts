import { ActivityTypes, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { detectCrisis } from '../../domain/crisis/detectCrisis.js';
import { commandValue } from '../../domain/globalWords.js';
import { choiceMessage } from '../../dialogs/choiceMessage.js';
import type { SessionState } from '../../dialogs/dialogServices.js';
import { simpleChoice, wordList } from '../../dialogs/topicText.js';
import type { Logger } from '../logger.js';
import { turnInfo } from '../turnServices.js';

/**
 * Reads every incoming message, in every state, before the conversation does. A message that signals
 * risk to life or immediate danger gets calm crisis signposting first, then a choice to carry on, pause
 * or stop. The message is not treated as an answer, nothing is shared and no one is contacted.
 */
export class CrisisCheck implements Middleware {
  constructor(private readonly session: StatePropertyAccessor<SessionState>, private readonly log: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    if (!text || !detectCrisis(text).isCrisis) return next();

    const { t } = turnInfo(context);
    for (const line of wordList(t, 'crisis.lines')) await context.sendActivity(line);
    const session = await this.session.get(context, {});
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
    // What kind of signal is not logged either: the fact of signposting is enough to count it.
    this.log.info('crisis.signposted', { channel: context.activity.channelId });
  }
}
