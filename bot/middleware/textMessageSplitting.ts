import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { splitForTextMessages } from '../../domain/textMessageSplitting.js';
import { TEXT_MESSAGING_CHANNELS } from '../../dialogs/textMessagingSetupDialog.js';

/**
 * On text messaging channels (SMS), a long reply is split into text-sized parts between sentences. Other
 * text-only channels (the console) show a reply whole, so a numbered list is never cut in two.
 * (STOP on SMS is an interruption of the root dialog: dialogs/textMessagingStop.ts.)
 */
export class TextMessageSplitting implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (TEXT_MESSAGING_CHANNELS.has(context.activity.channelId)) {
      context.onSendActivities(async (_context, activities, send) => {
        // The SDK sends the array it handed us, so the parts replace the long message in place.
        activities.splice(0, activities.length, ...activities.flatMap(splitLongText));
        return send();
      });
    }
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
