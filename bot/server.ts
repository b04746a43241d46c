import type { TFunction } from 'i18next';
import restify, { type Request, type Response, type Server } from 'restify';
import { TurnContext, type Activity, type CloudAdapter } from 'botbuilder';
import { checkIncomingActivity } from './activityValidation.js';
import type { Logger } from './logger.js';
import { describeErrorSafely } from './logger.js';
import type { RateLimit } from '../useCases/ports.js';
import { refuseTooMany } from './http/rateLimiting.js';

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

/** Largest request body accepted: a long message is welcome, a megabyte of anything is not. */
const MAX_BODY_BYTES = 512 * 1024;

/** The HTTP server: the Bot Framework endpoint and a health check. */
export function createHttpServer(parts: ServerParts): Server {
  const server = restify.createServer({ name: 'one-story', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES, rejectUnknown: false }));

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
