import type { TFunction } from 'i18next';
import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
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
  /** Further routes (web chat, agency API) register themselves here. */
  routes?: Array<(server: Server) => void>;
  /**
   * Messages per conversation, when authentication is off (with it, only Azure Bot Service can post, and
   * it carries its own limits).
   */
  messagesPerConversation?: RateLimit;
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
    if (parts.messagesPerConversation) {
      const decision = await parts.messagesPerConversation.attempt(conversationKey(req.body as { channelId: string; conversation: { id: string } }));
      if (!decision.allowed) {
        if (decision.firstRefusal) parts.log.warn('messages.limited', { retryAfterMs: decision.retryAfterMs });
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
function conversationKey(activity: { channelId: string; conversation: { id: string } }): string {
  return `messages:${activity.channelId}:${activity.conversation.id}`;
}
