import { ActivityTypes } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { normaliseForMatching } from '../domain/textMatching.js';
import { sessionFor, type DialogServices } from './dialogServices.js';
import { TEXT_MESSAGING_CHANNELS } from './textMessagingSetupDialog.js';
import { wordList } from './topicText.js';
import { turnInfo } from './turnInfo.js';

/**
 * On SMS, STOP means stop, before anything else reads the message: one confirmation, the conversation
 * ends, and nothing more is sent unless the person writes again (then they are welcomed back, with
 * everything they said kept). An interruption of the root dialog, like the crisis check.
 */
export async function stopTextMessages(innerDc: DialogContext, services: DialogServices): Promise<DialogTurnResult | undefined> {
  const { context } = innerDc;
  if (!TEXT_MESSAGING_CHANNELS.has(context.activity.channelId) || context.activity.type !== ActivityTypes.Message) return undefined;
  const session = sessionFor(context);
  const { t } = turnInfo(context);
  const typed = normaliseForMatching(context.activity.text ?? '');
  if (wordList(t, 'textMessaging.stopWords').some((word) => normaliseForMatching(word) === typed)) {
    session.textMessaging = { ...session.textMessaging, stopped: true };
    await context.sendActivity(t('textMessaging.stopped'));
    services.log?.info('sms.stopped', { channel: context.activity.channelId });
    return innerDc.cancelAllDialogs();
  }
  if (session.textMessaging?.stopped) session.textMessaging = { ...session.textMessaging, stopped: false };
  return undefined;
}
