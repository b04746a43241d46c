import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { botFrameworkSettings, type OneStoryConfig } from './config.js';
import { describeErrorSafely, type Logger } from './logger.js';
import type { Translations } from './i18n.js';

/**
 * The Bot Framework adapter, configured by the standard MicrosoftApp* variables. With no app id,
 * authentication is off, for the Emulator and tests on this machine (start-up refuses that in production).
 */
export function createAdapter(config: OneStoryConfig, translations: Translations, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(botFrameworkSettings(config));
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    // Never the error's message (it can quote what the person typed); never wipe their state.
    log.error('turn.failed', { channel: context.activity.channelId, activityType: context.activity.type, ...describeErrorSafely(error) });
    try {
      await context.sendActivity(translations.forLocale(context.activity.locale)('error.somethingWentWrong'));
    } catch (sendError) {
      log.error('turn.apologyFailed', describeErrorSafely(sendError));
    }
  };
  return adapter;
}
