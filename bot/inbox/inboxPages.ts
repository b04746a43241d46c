import type { TFunction } from 'i18next';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { mayDo } from '../../domain/staff/staffRoles.js';
import { AGENCY_STATUSES, type AgencyStatus } from '../../domain/sharing/handoffStatus.js';
import { INBOX_FILTERS } from '../../domain/sharing/inboxListing.js';
import type { SignedInStaff } from '../../useCases/staff/staffAccounts.js';
import { findTopic } from '../../domain/questionBank.js';
import { MAX_MESSAGE_TO_PERSON, MessageToPersonSchema } from '../agencyApi/agencyRoutes.js';
import { HANDOFF_PAGE_STYLE_HASH, consentQuestionAsSeen, renderHandoffPage } from '../agencyApi/handoffPage.js';
import { describeErrorSafely } from '../logger.js';
import type { InboxDeps } from './inboxDeps.js';
import { handoffContext, listContext, partsWithContent, tombstoneContext, type ViewText } from './inboxViews.js';

/** Handoffs per page of the inbox. */
export const INBOX_PAGE_SIZE = 25;

const ListQuerySchema = z.object({
  status: z.enum(INBOX_FILTERS).optional().catch(undefined),
  reference: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});

const ReplyStatusSchema = z.enum(AGENCY_STATUSES);

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The inbox: the agency's handoffs (GET /inbox), one handoff (GET /inbox/handoffs/:id), its print view
 * (…/print, the same printable page the agency API gives a browser), and acknowledging, accepting or
 * declining with a message to the person (GET and POST …/reply/:status, post/redirect/get). Every route
 * asks the guard first; another agency's handoff and an unknown id answer the same 404 page.
 */
export function registerInboxPages(server: Server, deps: InboxDeps): void {
  const { pages, guard, agencySharing, log } = deps;

  const textFor = (staff: SignedInStaff): ViewText & { locale: string } => {
    const language = deps.agencyLanguage(staff.agencyId);
    return { t: deps.translations.forLocale(language), language, locale: language };
  };
  const agencyName = (agencyId: string) => deps.directory.agencies.find((agency) => agency.id === agencyId)?.name ?? agencyId;

  /** The staff pages' one 404: an unknown handoff and another agency's look the same. */
  const notFound = (req: Request, res: Response, staff: SignedInStaff) => guard.notFound(req, res, staff);

  /** A failure answers a plain error page and is logged without anything the page held. */
  const safely = (route: string, handler: Handler): Handler => async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      log.error('inbox.failed', { route, ...describeErrorSafely(error) });
      if (!res.headersSent) {
        const t = deps.translations.forLocale('en');
        pages.send(res, 500, 'inbox/error.njk', { title: t('inbox.error.title') }, { locale: 'en' });
      }
    }
  };

  server.get(
    '/inbox',
    safely('list', async (req, res) => {
      const staff = await guard.page(req, res, 'inbox.read');
      if (!staff) return;
      if (!staff.agencyId) return notFound(req, res, staff);
      const query = ListQuerySchema.parse(req.query ?? {});
      const reference = query.reference?.trim() || undefined;
      const listing = await agencySharing.inboxForAgency(
        staff.agencyId,
        { filter: query.status, reference, page: query.page, pageSize: INBOX_PAGE_SIZE },
        { staffId: staff.staffId },
      );
      const text = textFor(staff);
      pages.send(res, 200, 'inbox/list.njk', listContext(text, listing, { filter: query.status, reference }, agencyName(staff.agencyId)), {
        locale: text.locale,
        staff,
        current: 'inbox',
      });
    }),
  );

  server.get(
    '/inbox/handoffs/:id',
    safely('handoff', async (req, res) => {
      const staff = await guard.page(req, res, 'inbox.read');
      if (!staff) return;
      const view = staff.agencyId ? await agencySharing.readForStaff(staff.agencyId, String(req.params.id ?? ''), { staffId: staff.staffId }) : undefined;
      if (!view) return notFound(req, res, staff);
      const text = textFor(staff);
      const frame = { locale: text.locale, staff, current: 'inbox' };
      if (view.kind === 'tombstone') {
        pages.send(res, 200, 'inbox/tombstone.njk', tombstoneContext(text, view.tombstone), frame);
        return;
      }
      const done = ReplyStatusSchema.safeParse(req.query?.done);
      pages.send(
        res,
        200,
        'inbox/handoff.njk',
        handoffContext(text, view.summary, view.response, deps.bank, { mayRespond: mayDo(staff.role, 'inbox.respond'), done: done.success ? done.data : undefined }),
        frame,
      );
    }),
  );

  server.get(
    '/inbox/handoffs/:id/print',
    safely('print', async (req, res) => {
      const staff = await guard.page(req, res, 'inbox.read');
      if (!staff) return;
      const handoffId = String(req.params.id ?? '');
      const view = staff.agencyId ? await agencySharing.readForStaff(staff.agencyId, handoffId, { staffId: staff.staffId }) : undefined;
      if (!view) return notFound(req, res, staff);
      if (view.kind === 'tombstone') return seeOther(res, `/inbox/handoffs/${handoffId}`);
      const { t, language } = textFor(staff);
      // As on the handoff page, the consent names only parts with something in them.
      const shown = { ...view.summary, consent: { ...view.summary.consent, parts: partsWithContent(view.summary, deps.bank) } };
      const html = renderHandoffPage(shown, {
        t,
        language,
        dir: deps.translations.meta(language).dir,
        topicTitle: (topicId) => {
          const topic = findTopic(deps.bank, topicId);
          return topic ? t(topic.titleKey) : topicId;
        },
        // The question as the person saw it names every consented part: quoted only when all have content.
        consentQuestion: shown.consent.parts.length === view.summary.consent.parts.length ? consentQuestionAsSeen(view.summary, deps.translations, deps.bank) : undefined,
      });
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(html),
        'Content-Security-Policy': `default-src 'none'; style-src '${HANDOFF_PAGE_STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
      });
      res.end(html);
    }),
  );

  /** The reply form: templates to start from, the message (kept as typed when refused), and why it was refused. */
  const sendReplyForm = async (
    req: Request,
    res: Response,
    staff: SignedInStaff,
    form: { message?: string; error?: 'tooLong' | 'control'; status: number },
  ): Promise<void> => {
    const handoffId = String(req.params.id ?? '');
    const replyStatus = ReplyStatusSchema.safeParse(req.params.status);
    const view = staff.agencyId && replyStatus.success ? await agencySharing.readForStaff(staff.agencyId, handoffId, { staffId: staff.staffId }) : undefined;
    if (!view || !replyStatus.success) return notFound(req, res, staff);
    if (view.kind === 'tombstone') return seeOther(res, `/inbox/handoffs/${handoffId}`);
    const text = textFor(staff);
    const { t } = text;
    const status = replyStatus.data;
    const templates = replyTemplates(t, status);
    const chosen = templates.find((template) => template.id === req.query?.template) ?? templates[0];
    const message = form.message ?? chosen?.text ?? '';
    const errorText = form.error ? t(`inbox.reply.errors.${form.error}`, { length: message.length, max: MAX_MESSAGE_TO_PERSON }) : '';
    pages.send(
      res,
      form.status,
      'inbox/reply.njk',
      {
        title: t(`inbox.reply.title.${status}`, { reference: view.summary.reference }),
        backHref: `/inbox/handoffs/${handoffId}`,
        action: `/inbox/handoffs/${handoffId}/reply/${status}`,
        csrf: staff.csrfToken,
        templates: templates.map((template) => ({ ...template, href: `/inbox/handoffs/${handoffId}/reply/${status}?template=${template.id}#message` })),
        message,
        hint: t('inbox.reply.messageHint', { max: MAX_MESSAGE_TO_PERSON }),
        submit: t(`inbox.reply.submit.${status}`),
        errorText,
        errorSummary: errorText ? [{ text: errorText, href: '#message' }] : undefined,
      },
      { locale: text.locale, staff, current: 'inbox' },
    );
  };

  server.get(
    '/inbox/handoffs/:id/reply/:status',
    safely('reply-form', async (req, res) => {
      const staff = await guard.page(req, res, 'inbox.respond');
      if (!staff) return;
      await sendReplyForm(req, res, staff, { status: 200 });
    }),
  );

  server.post(
    '/inbox/handoffs/:id/reply/:status',
    safely('reply', async (req, res) => {
      const staff = await guard.form(req, res, 'inbox.respond');
      if (!staff) return;
      const handoffId = String(req.params.id ?? '');
      const status = ReplyStatusSchema.safeParse(req.params.status);
      if (!staff.agencyId || !status.success) return notFound(req, res, staff);
      const body = (req.body ?? {}) as Record<string, unknown>;
      // A textarea sends CRLF new lines; the person reads plain new lines.
      const typed = typeof body.message === 'string' ? body.message.replace(/\r\n?/g, '\n') : '';
      let message: string | undefined;
      if (typed.trim() !== '') {
        const checked = MessageToPersonSchema.safeParse(typed);
        if (!checked.success) {
          const error = checked.error.issues.some((issue) => issue.code === 'too_big') ? 'tooLong' : 'control';
          await sendReplyForm(req, res, staff, { message: typed, error, status: 400 });
          return;
        }
        message = checked.data;
      }
      const changed = await agencySharing.setStatusByAgency(staff.agencyId, handoffId, status.data, message, { staffId: staff.staffId });
      if (changed) return seeOther(res, `/inbox/handoffs/${handoffId}?done=${status.data}`);
      // Closed meanwhile (withdrawn, say): its tombstone says so. Another agency's or unknown: the same 404.
      if (await agencySharing.isAgencysHandoff(staff.agencyId, handoffId)) return seeOther(res, `/inbox/handoffs/${handoffId}`);
      notFound(req, res, staff);
    }),
  );
}

/** The message templates for a reply, in the agency's language (locales/<lang>/inbox.json `inbox.templates`). */
export function replyTemplates(t: TFunction, status: AgencyStatus): Array<{ id: string; text: string }> {
  const found = t(`inbox.templates.${status}`, { returnObjects: true }) as unknown;
  if (!found || typeof found !== 'object') return [];
  return Object.entries(found as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([id, text]) => ({ id, text }));
}

function seeOther(res: Response, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}
