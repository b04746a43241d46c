import { CloudAdapter, DeliveryModes, type Activity, type ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { botFrameworkSettings, type OneStoryConfig } from './config.js';
import { ChannelDeadlineError, ServiceUrlNotAllowedError, clientForTurn, serviceUrlAllowed } from './channelCalls.js';
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
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly channelCalls: ChannelCallSettings,
  ) {
    super(auth);
  }

  /**
   * Runs a turn for an activity from a channel in this process (the local Direct Line, the console) and
   * resolves with the bot's replies, as Bot Framework's `expectReplies` delivery returns them.
   */
  async deliverInProcess(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const response = await this.processActivity('', { ...activity, serviceUrl: IN_PROCESS_SERVICE_URL, deliveryMode: DeliveryModes.ExpectReplies } as Activity, logic);
    return (response?.body as { activities?: Partial<Activity>[] } | undefined)?.activities ?? [];
  }

  /**
   * Every turn (a channel's activity, a proactive text) starts here, with the connector client it will
   * reply through: its calls to the channel are put under a deadline first (bot/channelCalls.ts), and,
   * with authentication off, refused unless the turn's `serviceUrl` is this machine or an allowed host.
   */
  protected override async runMiddleware(context: TurnContext, next: (context: TurnContext) => Promise<void>): Promise<void> {
    const { deadlineMs, allowedHosts } = this.channelCalls;
    const serviceUrl = context.activity.serviceUrl ?? '';
    // The client is shared by every turn to this channel (reusedClients.ts): the turn calls through its own view of it.
    const shared: unknown = context.turnState.get(this.ConnectorClientKey);
    if (shared) context.turnState.set(this.ConnectorClientKey, clientForTurn(shared, { deadlineMs, mayCall: () => allowedHosts === 'any' || serviceUrlAllowed(serviceUrl, allowedHosts) }));
    return super.runMiddleware(context, next);
  }
}

export interface ChannelCallSettings {
  /** How long one turn's calls to its channel may take in all (CHANNEL_TIMEOUT_MS). */
  deadlineMs: number;
  /** Hosts replies may go to besides this machine; `any` when authentication is on (the token vouches for the channel). */
  allowedHosts: readonly string[] | 'any';
}

export function createAdapter(config: OneStoryConfig, translations: Translations, log: Logger): OneStoryAdapter {
  // The SDK's authentication, with its outbound clients made once rather than per activity (reusedClients.ts).
  const auth = new ClientReusingAuthentication(botFrameworkSettings(config));
  const adapter = new OneStoryAdapter(auth, {
    deadlineMs: config.CHANNEL_TIMEOUT_MS,
    allowedHosts: config.MicrosoftAppId ? 'any' : config.ALLOWED_SERVICE_URL_HOSTS,
  });
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    if (error instanceof ChannelDeadlineError || error instanceof ServiceUrlNotAllowedError) {
      // The channel did not take the replies in time (or may not be called): the turn was most likely
      // stored already (replies go out after the commit), and an apology would go the same way.
      log.warn('turn.repliesNotDelivered', { channel: context.activity.channelId, activityType: context.activity.type, errorName: error.name });
      return;
    }
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
