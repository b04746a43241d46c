import { ActivityTypes, type Activity, type ConversationState, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { splitForTextMessages } from '../../domain/textMessageSplitting.js';
import { normaliseForMatching } from '../../domain/textMatching.js';
import type { SessionState } from '../../dialogs/dialogServices.js';
import { TEXT_MESSAGING_CHANNELS } from '../../dialogs/textMessagingSetupDialog.js';
import { wordList } from '../../dialogs/topicText.js';
import type { Logger } from '../logger.js';
import { turnInfo } from '../../dialogs/turnInfo.js';

/**
 * What text-only channels need. Long replies are split into text-sized parts between sentences.
 * On SMS, STOP means stop: one confirmation, the conversation ends, and nothing more is sent unless
 * the person writes again (then they are welcomed back, with everything they said kept).
 */
export class TextMessagingChannel implements Middleware {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly session: StatePropertyAccessor<SessionState>,
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const info = turnInfo(context);
    if (info.textOnly) {
      context.onSendActivities(async (_context, activities, send) => {
        // The SDK sends the array it handed us, so the parts replace the long message in place.
        activities.splice(0, activities.length, ...activities.flatMap(splitLongText));
        return send();
      });
    }
    if (!TEXT_MESSAGING_CHANNELS.has(context.activity.channelId) || context.activity.type !== ActivityTypes.Message) return next();

    const session = await this.session.get(context, {});
    const typed = normaliseForMatching(context.activity.text ?? '');
    if (wordList(info.t, 'textMessaging.stopWords').some((word) => normaliseForMatching(word) === typed)) {
      session.textMessaging = { ...session.textMessaging, stopped: true };
      await this.dialogState.set(context, { dialogStack: [] });
      await context.sendActivity(info.t('textMessaging.stopped'));
      await this.conversationState.saveChanges(context);
      this.log.info('sms.stopped', { channel: context.activity.channelId });
      return;
    }
    if (session.textMessaging?.stopped) session.textMessaging = { ...session.textMessaging, stopped: false };
    await next();
  }
}

function splitLongText(activity: Partial<Activity>): Partial<Activity>[] {
  if (activity.type !== ActivityTypes.Message || !activity.text) return [activity];
  const parts = splitForTextMessages(activity.text);
  if (parts.length <= 1) return [activity];
  // Every part keeps the addressing (conversation, service URL); what the person answers stays on the last.
  const { suggestedActions: _suggested, attachments: _attachments, ...addressing } = activity;
  return parts.map((text, index) => (index === parts.length - 1 ? { ...activity, text } : { ...addressing, text }));
}
