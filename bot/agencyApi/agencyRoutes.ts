import type { TFunction } from 'i18next';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { handoffJsonSchema } from '../../domain/sharing/handoffSummary.js';
import type { AgencyKeyStore } from '../../data/sharing/agencyKeyStore.js';
import { AGENCY_STATUSES, LISTED_STATUSES } from '../../domain/sharing/handoffStatus.js';
import type { AgencySharing } from '../../useCases/sharing/agencySharing.js';
import type { Translations } from '../i18n.js';
import { describeErrorSafely, type Logger } from '../logger.js';
import type { QuestionBank } from '../../domain/questionBank.js';
import { findTopic } from '../../domain/questionBank.js';
import { HANDOFF_PAGE_STYLE_HASH, consentQuestionAsSeen, renderHandoffPage } from './handoffPage.js';
import { bearerToken } from '../http/bearerToken.js';
import { refuseTooMany } from '../http/rateLimiting.js';
import type { RateLimit } from '../../useCases/ports.js';

/**
 * The agency pull API. Every answer an agency can get is one of a few fixed JSON bodies with a stable
 * `code`. An unknown handoff, another agency's and a withdrawn one answer exactly the same 404, so the
 * API never tells anyone that a handoff exists. What restify answers before a handler runs (bad JSON, a
 * body too large, a wrong method, an unknown path) has the same kind of fixed bodies (bot/http/requestGuards.ts).
 */

export const MAX_MESSAGE_TO_PERSON = 500;
export const MAX_PAGE_SIZE = 100;

/** The fixed answers, each with a stable machine `code`; the human `message` is copy (locales/en/api.json). */
export function agencyErrors(t: TFunction) {
  return {
    unauthorized: { code: 'unauthorized', message: t('api.agency.unauthorized') },
    notFound: { code: 'not_found', message: t('api.agency.notFound') },
    invalidQuery: { code: 'invalid_query', message: t('api.agency.invalidQuery', { maxPageSize: MAX_PAGE_SIZE }) },
    invalidBody: {
      code: 'invalid_body',
      message: t('api.agency.invalidBody', { statuses: AGENCY_STATUSES.map((status) => `"${status}"`).join('|'), maxMessageLength: MAX_MESSAGE_TO_PERSON }),
    },
    internal: { code: 'internal_error', message: t('api.agency.internal') },
    tooManyRequests: { code: 'too_many_requests', message: t('api.agency.tooManyRequests') },
  } as const;
}

const ListQuerySchema = z
  .object({
    status: z.enum(LISTED_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  })
  .strict();

/**
 * An agency's message to the person (the API's and the inbox's): control characters other than new lines
 * would only ever hide something from the person reading it.
 */
export const MessageToPersonSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_MESSAGE_TO_PERSON)
  .refine((text) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text), 'no control characters');

const StatusBodySchema = z
  .object({
    status: z.enum(AGENCY_STATUSES),
    message: MessageToPersonSchema.optional(),
  })
  .strict();

export interface AgencyApiDeps {
  sharing: AgencySharing;
  keys: AgencyKeyStore;
  translations: Translations;
  log: Logger;
  /** The language each agency reads (the directory's `language`): its handoff page is in it. */
  agencyLanguage: (agencyId: string) => string;
  /** The topics' titles, for the parts a consent names by id. */
  bank: QuestionBank;
  /** Requests per key (README: Rate limits). */
  perKey: RateLimit;
}

type AuthedHandler = (req: Request, res: Response, agencyId: string) => Promise<void>;

export function agencyApiRoutes(deps: AgencyApiDeps): (server: Server) => void {
  const { sharing, keys, translations, log } = deps;
  // The agency API speaks English: its codes are the contract, its messages help whoever is integrating.
  const errors = agencyErrors(translations.forLocale('en'));

  const authed = (name: string, handler: AuthedHandler) => async (req: Request, res: Response) => {
    try {
      noStore(res);
      const key = bearerToken(req.headers.authorization);
      const caller = key ? await keys.authenticate(key) : undefined;
      if (!caller) {
        res.header('WWW-Authenticate', 'Bearer realm="one-story-agency-api"');
        res.send(401, errors.unauthorized);
        return;
      }
      // Counted per key once it is known to be one: nobody else's requests can use up an agency's.
      const decision = await deps.perKey.attempt(caller.keyId);
      if (!decision.allowed) {
        if (decision.firstRefusal) log.warn('agencyApi.limited', { keyId: caller.keyId, retryAfterMs: decision.retryAfterMs });
        refuseTooMany(res, decision, errors.tooManyRequests);
        return;
      }
      await handler(req, res, caller.agencyId);
    } catch (error) {
      log.error('agencyApi.failed', { route: name, ...describeErrorSafely(error) });
      if (!res.headersSent) res.send(500, errors.internal);
    }
  };

  return (server: Server) => {
    server.get('/api/schema/handoff.json', async (_req: Request, res: Response) => {
      res.header('Cache-Control', 'public, max-age=300');
      res.send(200, handoffJsonSchema());
    });

    server.get(
      '/api/agency/handoffs',
      authed('list', async (req, res, agencyId) => {
        const query = ListQuerySchema.safeParse(req.query ?? {});
        if (!query.success) {
          res.send(400, errors.invalidQuery);
          return;
        }
        res.send(200, await sharing.listForAgency(agencyId, query.data));
      }),
    );

    server.get(
      '/api/agency/handoffs/:id',
      authed('read', async (req, res, agencyId) => {
        const summary = await sharing.readForAgency(agencyId, String(req.params.id ?? ''));
        if (!summary) {
          res.send(404, errors.notFound);
          return;
        }
        if (prefersHtml(req.headers.accept)) {
          const language = deps.agencyLanguage(agencyId);
          const t = translations.forLocale(language);
          const html = renderHandoffPage(summary, {
            t,
            language,
            dir: translations.meta(language).dir,
            topicTitle: (topicId) => {
              const topic = findTopic(deps.bank, topicId);
              return topic ? t(topic.titleKey) : topicId;
            },
            consentQuestion: consentQuestionAsSeen(summary, translations, deps.bank),
          });
          res.sendRaw(200, html, {
            'Content-Type': 'text/html; charset=utf-8',
            'Content-Security-Policy': `default-src 'none'; style-src '${HANDOFF_PAGE_STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
            'X-Content-Type-Options': 'nosniff',
            'Referrer-Policy': 'no-referrer',
            'Cache-Control': 'no-store',
          });
          return;
        }
        res.send(200, summary);
      }),
    );

    server.post(
      '/api/agency/handoffs/:id/status',
      authed('status', async (req, res, agencyId) => {
        const body = StatusBodySchema.safeParse(req.body);
        if (!body.success) {
          res.send(400, errors.invalidBody);
          return;
        }
        const updated = await sharing.setStatusByAgency(agencyId, String(req.params.id ?? ''), body.data.status, body.data.message);
        if (!updated) {
          res.send(404, errors.notFound);
          return;
        }
        res.send(200, updated);
      }),
    );
  };
}

/** A browser asks for HTML first; API clients ask for JSON or anything. */
function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  const html = types.indexOf('text/html');
  const json = types.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}

function noStore(res: Response): void {
  res.header('Cache-Control', 'no-store');
  res.header('X-Content-Type-Options', 'nosniff');
}
