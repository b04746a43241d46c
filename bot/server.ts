import type { TFunction } from 'i18next';
import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { checkIncomingActivity } from './activityValidation.js';
import type { Logger } from './logger.js';
import { describeErrorSafely } from './logger.js';

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
