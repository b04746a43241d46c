import type { TFunction } from 'i18next';
import restify, { type Request, type Response, type Server } from 'restify';
import { TurnContext, type Activity, type CloudAdapter } from 'botbuilder';
import { checkIncomingActivity } from './activityValidation.js';
import type { Logger } from './logger.js';
import { describeErrorSafely } from './logger.js';
import type { RateLimit } from '../useCases/ports.js';
import { refuseTooMany } from './http/rateLimiting.js';
import { frameworkLogger } from './http/frameworkLogger.js';
import { MAX_BODY_BYTES } from './http/inputLimits.js';
import { guardRequests } from './http/requestGuards.js';
// The local Direct Line's routes answer errors in Direct Line's own envelope.
import { DIRECT_LINE_PATH } from './channels/directLine/directLineRoutes.js';

export interface ServerParts {
  adapter: CloudAdapter;
  /** Runs one turn (dialogs/conversationTurns.ts). */
  turn: (context: TurnContext) => Promise<void>;
  log: Logger;
  /** Copy for HTTP clients' error messages (locales/en/api.json). */
  t: TFunction;
  /**
   * With authentication off: whether replies may go to an activity's `serviceUrl` (bot/channelCalls.ts).
   * An activity naming another is refused before its turn runs. Unset when authentication is on.
   */
  serviceUrlAllowed?: (serviceUrl: string) => boolean;
  /** Further routes (web chat, agency API) register themselves here. */
  routes?: Array<(server: Server) => void>;
  /**
   * Messages per conversation, when authentication is off (with it, only Azure Bot Service can post, and
   * it carries its own limits), and the kind words the conversation is told once when they come too fast.
   */
  messageLimit?: { perConversation: RateLimit; slowDown: (locale: string | undefined) => string };
}

/** The HTTP server: the Bot Framework endpoint and a health check. */
export function createHttpServer(parts: ServerParts): Server {
  // restify's default logger (pino) would write whole requests, tokens and bodies included: ours never does.
  const server = restify.createServer({ name: 'one-story', handleUncaughtExceptions: false, log: frameworkLogger(parts.log) as never });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // JSON only (no forms, no multipart files written to a temporary folder), read up to MAX_BODY_BYTES,
  // then held to the input limits before any route sees it.
  guardRequests(server, restify.plugins.jsonBodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES } as restify.plugins.JsonBodyParserOptions), { t: parts.t, log: parts.log, directLinePath: DIRECT_LINE_PATH });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = checkIncomingActivity(req.body, parts.t);
    if (problem) {
      res.send(400, problem);
      return;
    }
    if (parts.serviceUrlAllowed && !parts.serviceUrlAllowed((req.body as { serviceUrl: string }).serviceUrl)) {
      res.send(400, { code: 'service_url_not_allowed', message: parts.t('api.messages.serviceUrlNotAllowed') });
      return;
    }
    if (parts.messageLimit) {
      const activity = req.body as Activity;
      const decision = await parts.messageLimit.perConversation.attempt(conversationKey(activity));
      if (!decision.allowed) {
        if (decision.firstRefusal) {
          parts.log.warn('messages.limited', { retryAfterMs: decision.retryAfterMs });
          await tellOnce(parts, activity, parts.messageLimit.slowDown(activity.locale));
        }
        refuseTooMany(res, decision, { code: 'too_many_requests', message: parts.t('api.messages.tooManyRequests') });
        return;
      }
    }
    try {
      await parts.adapter.process(req, res, parts.turn);
    } catch (error) {
      parts.log.error('messages.failed', describeErrorSafely(error));
      if (!res.headersSent) res.send(500, { code: 'internal_error', message: parts.t('api.messages.internal') });
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  for (const register of parts.routes ?? []) register(server);
  return server;
}

/** Which conversation a (validated) activity belongs to, as a key to count its messages by. */
function conversationKey(activity: Activity): string {
  return `messages:${activity.channelId}:${activity.conversation.id}`;
}

/** Tells the conversation something outside a turn (authentication is off: no app id). A failure is only logged. */
async function tellOnce(parts: ServerParts, activity: Activity, text: string): Promise<void> {
  try {
    await parts.adapter.continueConversationAsync('', TurnContext.getConversationReference(activity), async (context) => {
      await context.sendActivity(text);
    });
  } catch (error) {
    parts.log.warn('messages.slowDownNotSent', describeErrorSafely(error));
  }
}
