import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { LocalConversation, LocalConversationAccess, LocalConversationStore, RateDecision, RateLimit } from '../../../useCases/ports.js';
import type { LocalDirectLine } from './localDirectLine.js';
import { bearerToken } from '../../http/bearerToken.js';
import { clientAddress, refuseTooMany } from '../../http/rateLimiting.js';

/** Where a Direct Line 3.0 client (Web Chat, botframework-directlinejs) points its `domain`. */
export const DIRECT_LINE_PATH = '/v3/directline';

/** The identity the bot has on local conversations (with no MicrosoftAppId there is no registered one). */
export const LOCAL_BOT_ACCOUNT = { id: 'one-story', name: 'One Story', role: 'bot' } as const;

/** As long as the bot itself accepts (see activityValidation.ts). */
const MAX_TEXT_LENGTH = 100_000;

/**
 * What a client may post. Everything else it sends is dropped: who it is, the conversation and the
 * service URL are set by this server, so a client cannot speak as someone else. Files are refused: there
 * is nowhere safe to keep them.
 */
const ClientActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(MAX_TEXT_LENGTH).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  value: z.unknown().optional(),
  name: z.string().max(256).optional(),
  locale: z.string().max(64).optional(),
  channelData: z.object({ clientActivityID: z.string().max(256).optional() }).optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not accepted').optional(),
});

export interface DirectLineRouteOptions {
  conversations: LocalConversationStore;
  log: Logger;
  /** Copy for the client's error messages (locales/en/api.json). */
  t: TFunction;
  /** Hands activities to the bot in this process. */
  line: Pick<LocalDirectLine, 'startOnce' | 'post' | 'notice'>;
  limits: DirectLineLimits;
}

export interface DirectLineLimits {
  /** Conversations (and tokens) started, per client address. */
  starts: RateLimit;
  /** Messages posted, per conversation. */
  messages: RateLimit;
  /** Proxies in front whose X-Forwarded-For is trusted (0: none). */
  trustedProxies: number;
  /** The kind words a conversation is told, once, when its messages come too fast (in its language). */
  slowDown: (locale: string | undefined) => string;
}

interface DirectLineError {
  status: number;
  code: string;
  message: string;
}

function refusals(t: TFunction): Record<Exclude<LocalConversationAccess, { ok: true }>['reason'], DirectLineError> {
  return {
    token_missing: { status: 401, code: 'TokenMissing', message: t('api.directLine.tokenMissing') },
    token_invalid: { status: 403, code: 'TokenInvalid', message: t('api.directLine.tokenInvalid') },
    conversation_not_found: { status: 404, code: 'ConversationNotFound', message: t('api.directLine.conversationNotFound') },
  };
}

/**
 * The Direct Line 3.0 subset that Web Chat and botframework-directlinejs use when polling
 * (`webSocket: false`): start a conversation, reconnect, post, read since a watermark, refresh a token.
 * Tokens travel only in the Authorization header, never in a URL that could be logged.
 */
export function registerDirectLineRoutes(server: Server, options: DirectLineRouteOptions): void {
  const { conversations, log, t, limits } = options;
  const refusal = refusals(t);
  const tooMany = (res: Response, decision: Extract<RateDecision, { allowed: false }>, message: string) =>
    refuseTooMany(res, decision, { error: { code: 'TooManyRequests', message } });

  /** A new conversation, unless this client address has started too many lately. */
  const createOrRefuse = async (req: Request, res: Response): Promise<{ conversation: LocalConversation; token: string } | undefined> => {
    const decision = await limits.starts.attempt(clientAddress(req, limits.trustedProxies));
    if (!decision.allowed) {
      if (decision.firstRefusal) log.warn('directline.startsLimited', { retryAfterMs: decision.retryAfterMs });
      tooMany(res, decision, t('api.directLine.tooManyStarts'));
      return undefined;
    }
    return conversations.create();
  };

  const describeConversation = (conversation: LocalConversation, token: string) => ({
    conversationId: conversation.id,
    token,
    expires_in: Math.round(conversations.idleMs / 1000),
  });

  // The page asks for a token bound to a new conversation; the client then starts it with that token.
  server.post(`${DIRECT_LINE_PATH}/tokens/generate`, async (req: Request, res: Response) => {
    const created = await createOrRefuse(req, res);
    if (!created) return;
    res.send(200, describeConversation(created.conversation, created.token));
  });

  // With a token from /tokens/generate: start that conversation. With no token: a new one.
  server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
    const given = bearerToken(req.headers.authorization);
    let conversation: LocalConversation;
    let token: string;
    if (given === undefined) {
      const created = await createOrRefuse(req, res);
      if (!created) return;
      ({ conversation, token } = created);
    } else {
      const access = await conversations.authenticate(given);
      if (!access.ok) return refuse(res, refusal[access.reason]);
      [conversation, token] = [access.conversation, given];
    }
    const isNew = !conversation.started;
    await options.line.startOnce(conversation.id, isNew ? startLocale(req.body) : undefined);
    res.send(isNew ? 201 : 200, describeConversation(conversation, token));
  });

  // Reconnect (botframework-directlinejs does this when given a conversationId).
  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const token = bearerToken(req.headers.authorization);
    const access = await conversations.authenticate(token, String(req.params.conversationId));
    if (!access.ok) return refuse(res, refusal[access.reason]);
    // A page reloaded between getting its token and starting the conversation still gets its welcome.
    await options.line.startOnce(access.conversation.id);
    res.send(200, describeConversation(access.conversation, token!));
  });

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    const access = await conversations.authenticate(bearerToken(req.headers.authorization));
    if (!access.ok) return refuse(res, refusal[access.reason]);
    res.send(200, describeConversation(access.conversation, await conversations.refresh(access.conversation.id)));
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const access = await conversations.authenticate(bearerToken(req.headers.authorization), String(req.params.conversationId));
    if (!access.ok) return refuse(res, refusal[access.reason]);
    const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
    res.send(200, await conversations.since(access.conversation.id, watermark));
  });

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const access = await conversations.authenticate(bearerToken(req.headers.authorization), String(req.params.conversationId));
    if (!access.ok) return refuse(res, refusal[access.reason]);
    const parsed = ClientActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
      return refuse(res, { status: 400, code: 'BadArgument', message: t('api.directLine.invalidActivity', { fields }) });
    }
    const decision = await limits.messages.attempt(`directline:${access.conversation.id}`);
    if (!decision.allowed) {
      // Said once in the conversation, where the person reads it; the client is told 429 every time.
      if (decision.firstRefusal) await options.line.notice(access.conversation, limits.slowDown(access.conversation.locale));
      return tooMany(res, decision, t('api.directLine.tooManyMessages'));
    }
    const { channelData, ...rest } = parsed.data;
    // Echoed back to the client with its clientActivityID, so Web Chat marks the message sent.
    const logged = await options.line.post(access.conversation, {
      ...(rest as Partial<Activity>),
      ...(channelData?.clientActivityID ? { channelData: { clientActivityID: channelData.clientActivityID } } : {}),
    });
    res.send(200, { id: logged.id });
  });
}

/** The `locale` a client may send when starting (botframework-directlinejs conversationStartProperties), if it is a BCP 47 tag. */
function startLocale(body: unknown): string | undefined {
  const locale = typeof body === 'object' && body !== null ? (body as { locale?: unknown }).locale : undefined;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/.test(locale) ? locale : undefined;
}

function refuse(res: Response, error: DirectLineError): void {
  res.send(error.status, { error: { code: error.code, message: error.message } });
}
