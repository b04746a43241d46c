import { CloudAdapter, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import { botFrameworkSettings, type OneStoryConfig } from './config.js';
import { describeErrorSafely, type Logger } from './logger.js';
import type { Translations } from './i18n.js';
import { ClientReusingAuthentication } from './reusedClients.js';

/** The service URL of activities handed over in this process: replies return from the turn, never over HTTP. */
export const IN_PROCESS_SERVICE_URL = 'http://in-process.invalid/';

/**
 * The Bot Framework adapter, configured by the standard MicrosoftApp* variables. With no app id,
 * authentication is off, for the Emulator, the local channels and tests on this machine (start-up refuses
 * that in production).
 */
export class OneStoryAdapter extends CloudAdapter {
  /**
   * Runs a turn for an activity from a channel in this process (the local Direct Line, the console) and
   * resolves with the bot's replies, as Bot Framework's `expectReplies` delivery returns them.
   */
  async deliverInProcess(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const response = await this.processActivity('', { ...activity, serviceUrl: IN_PROCESS_SERVICE_URL, deliveryMode: DeliveryModes.ExpectReplies } as Activity, logic);
    return (response?.body as { activities?: Partial<Activity>[] } | undefined)?.activities ?? [];
  }
}

export function createAdapter(config: OneStoryConfig, translations: Translations, log: Logger): OneStoryAdapter {
  // The SDK's authentication, with its outbound clients made once rather than per activity (reusedClients.ts).
  const auth = new ClientReusingAuthentication(botFrameworkSettings(config));
  const adapter = new OneStoryAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    // Never the error's message (it can quote what the person typed); never wipe their state. Nothing of
    // the turn was stored and its replies were not sent: the person can simply send again.
    log.error('turn.failed', { channel: context.activity.channelId, activityType: context.activity.type, ...describeErrorSafely(error) });
    try {
      await context.sendActivity(translations.forLocale(context.activity.locale)('error.somethingWentWrong'));
    } catch (sendError) {
      log.error('turn.apologyFailed', describeErrorSafely(sendError));
    }
  };
  return adapter;
}
