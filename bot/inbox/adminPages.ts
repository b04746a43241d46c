import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { AGENCY_ROLES, type StaffRole } from '../../domain/staff/staffRoles.js';
import type { SetupInvitation, SignedInStaff, StaffActor, StaffChangeRefusal, StaffSummary } from '../../useCases/staff/staffAccounts.js';
import type { InboxDeps } from './inboxDeps.js';
import type { AdminNotice } from './adminNotice.js';

type Context = Record<string, object | string | number | boolean | null | undefined>;
interface FieldError {
  field: string;
  text: string;
}

const PERMISSION = 'agency.manage';
const STAFF = '/inbox/admin/staff';
const KEYS = '/inbox/admin/keys';
const WEBHOOK = '/inbox/admin/webhook';
const EMAIL_MAX = 254;
const Email = z.email().max(EMAIL_MAX);
/** Dates as the copy's own variety writes them (British English, European Portuguese); UK time. */
const DATE_LOCALES: Record<string, string> = { en: 'en-GB', pt: 'pt-PT' };

/**
 * Agency admin (issue 13), for the `agency.manage` permission, within the admin's own agency only: staff
 * (invite with a one-time setup link, change role, remove), API keys (create, shown once; revoke) and the
 * webhook signing secret (rotate, the old one honoured for WEBHOOK_SECRET_GRACE_HOURS). Server-rendered,
 * no JavaScript needed; every form goes through the guard's CSRF check, then post/redirect/get: what the
 * form made (a banner, a link, a key, a secret) is shown once by the page it redirects to.
 */
export function registerAdminPages(server: Server, deps: InboxDeps): void {
  const { pages, guard, accounts, agencyKeys, audit } = deps;
  const localeOf = (staff: SignedInStaff) => deps.agencyLanguage(staff.agencyId);
  const t = (staff: SignedInStaff) => deps.translations.forLocale(localeOf(staff));
  const text = (staff: SignedInStaff, key: string, options: Record<string, string | number> = {}) => String(t(staff)(`inboxAdmin.${key}`, options));
  const when = (staff: SignedInStaff, iso: string) =>
    new Intl.DateTimeFormat(DATE_LOCALES[localeOf(staff)] ?? localeOf(staff), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(iso));
  const actor = (staff: SignedInStaff): StaffActor => ({ kind: 'staff', staffId: staff.staffId, agencyId: staff.agencyId, role: staff.role });
  const roleName = (staff: SignedInStaff, role: StaffRole) => text(staff, `roles.${roleKey(role)}`);

  const send = (res: Response, staff: SignedInStaff, status: number, view: string, current: string, context: Context) =>
    pages.send(res, status, `admin/${view}.njk`, { csrf: staff.csrfToken, ...context }, { locale: localeOf(staff), staff, current });

  /** A page's notice, if the form before it left one of these kinds. */
  const noticeFor = async (staff: SignedInStaff, kinds: readonly AdminNotice['kind'][]): Promise<AdminNotice | undefined> => {
    const notice = await deps.adminNotices.take(staff.sessionId);
    return notice && kinds.includes(notice.kind) ? notice : undefined;
  };
  const redirectWith = async (res: Response, staff: SignedInStaff, to: string, notice: AdminNotice) => {
    await deps.adminNotices.put(staff.sessionId, notice);
    res.writeHead(303, { Location: to, 'Cache-Control': 'no-store' });
    res.end();
  };

  /** The GOV.UK error summary and each field's message, in the page's language. */
  const errorsOf = (errors: FieldError[]) =>
    errors.length === 0
      ? {}
      : {
          errorSummary: { list: errors.map((error) => ({ text: error.text, href: `#${error.field}` })) },
          fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])),
        };

  /** A member of the admin's own agency, or undefined (the 404 page has answered: never says whose it is). */
  const ownStaff = async (req: Request, res: Response, staff: SignedInStaff): Promise<StaffSummary | undefined> => {
    const staffId = String(req.params?.staffId ?? '');
    const member = staffId ? await accounts.get(staffId) : undefined;
    if (!member || member.agencyId !== staff.agencyId || member.status === 'removed') {
      guard.notFound(req, res, staff);
      return undefined;
    }
    return member;
  };

  server.get('/inbox/admin', async (req: Request, res: Response) => {
    if (!(await guard.page(req, res, PERMISSION))) return;
    res.writeHead(303, { Location: STAFF, 'Cache-Control': 'no-store' });
    res.end();
  });

  // --- Staff ------------------------------------------------------------------------------------------

  server.get(STAFF, async (req: Request, res: Response) => {
    const staff = await guard.page(req, res, PERMISSION);
    if (!staff) return;
    const notice = await noticeFor(staff, ['invited', 'roleChanged', 'removed']);
    const members = await accounts.list(staff.agencyId!);
    send(res, staff, 200, 'staff', 'staff', {
      title: text(staff, 'staff.title'),
      notice: notice ? describeNotice(staff, notice) : null,
      setupLink: notice?.kind === 'invited' ? { url: notice.setupLink, expiresAt: when(staff, notice.expiresAt), email: notice.email, singleSignOn: notice.singleSignOn } : null,
      members: members.map((member) => ({
        staffId: member.staffId,
        email: member.email,
        role: roleName(staff, member.role),
        status: text(staff, `staff.status.${member.status}`),
        removed: member.status === 'removed',
        invited: member.status === 'invited',
        signsInWith: text(staff, member.singleSignOn ? 'staff.signsInWith.singleSignOn' : 'staff.signsInWith.password'),
        isYou: member.staffId === staff.staffId,
      })),
    });
  });

  const invitePage = (res: Response, staff: SignedInStaff, status: number, values: { email: string; role: string; singleSignOn: boolean }, errors: FieldError[] = []) =>
    send(res, staff, status, 'invite', 'staff', {
      title: text(staff, 'invite.title'),
      values,
      roles: roleChoices(staff, values.role),
      offerSingleSignOn: singleSignOnFor(staff),
      ...errorsOf(errors),
    });
  const singleSignOnFor = (staff: SignedInStaff) => Boolean(staff.agencyId && deps.singleSignOnConfigured?.(staff.agencyId));
  const roleChoices = (staff: SignedInStaff, chosen: string) =>
    AGENCY_ROLES.map((role) => ({ value: role, text: roleName(staff, role), hint: { text: text(staff, `roleHints.${roleKey(role)}`) }, checked: role === chosen }));

  server.get(`${STAFF}/invite`, async (req: Request, res: Response) => {
    const staff = await guard.page(req, res, PERMISSION);
    if (!staff) return;
    invitePage(res, staff, 200, { email: '', role: '', singleSignOn: false });
  });

  server.post(`${STAFF}/invite`, async (req: Request, res: Response) => {
    const staff = await guard.form(req, res, PERMISSION);
    if (!staff) return;
    const email = field(req, 'email').trim();
    const role = field(req, 'role');
    const singleSignOn = singleSignOnFor(staff) && field(req, 'singleSignOn') === 'yes';
    const values = { email, role, singleSignOn };
    const errors: FieldError[] = [];
    if (email === '') errors.push({ field: 'email', text: text(staff, 'invite.errors.emailMissing') });
    else if (!Email.safeParse(email).success) errors.push({ field: 'email', text: text(staff, 'invite.errors.emailInvalid') });
    if (!isAgencyRole(role)) errors.push({ field: 'role', text: text(staff, 'invite.errors.roleMissing') });
    if (errors.length > 0 || !isAgencyRole(role)) return invitePage(res, staff, 400, values, errors);
    const invited = await accounts.invite(actor(staff), { agencyId: staff.agencyId, email, role, singleSignOn });
    if ('refused' in invited) {
      // A bad address the use case refuses reads as the form's own check would; the rest as the refusal.
      const refusal = invited.refused === 'invalid' ? 'invite.errors.emailInvalid' : `refusals.${invited.refused}`;
      const refusalField = invited.refused === 'already_exists' || invited.refused === 'invalid' ? 'email' : 'role';
      return invitePage(res, staff, invited.refused === 'not_allowed' ? 403 : 400, values, [{ field: refusalField, text: text(staff, refusal) }]);
    }
    await showSetupLink(res, staff, invited);
  });

  const showSetupLink = (res: Response, staff: SignedInStaff, invited: SetupInvitation) =>
    redirectWith(res, staff, STAFF, {
      kind: 'invited',
      email: invited.staff.email,
      setupLink: `${deps.publicUrl.replace(/\/+$/, '')}/inbox/setup/${invited.setupToken}`,
      expiresAt: invited.expiresAt,
      singleSignOn: invited.staff.singleSignOn,
    });

  // A colleague who has not set up yet (their link expired, or went astray) gets a new link; the old one stops.
  server.post(`${STAFF}/:staffId/new-link`, async (req: Request, res: Response) => {
    const staff = await guard.form(req, res, PERMISSION);
    if (!staff) return;
    const member = await ownStaff(req, res, staff);
    if (!member) return;
    const renewed = await deps.signIn.accounts.renewSetupLink(actor(staff), member.staffId);
    if ('refused' in renewed) return guard.notFound(req, res, staff);
    await showSetupLink(res, staff, renewed);
  });

  const rolePage = (res: Response, staff: SignedInStaff, member: StaffSummary, status: number, chosen: string, errors: FieldError[] = []) =>
    send(res, staff, status, 'changeRole', 'staff', {
      title: text(staff, 'role.title'),
      legend: text(staff, 'role.legend', { email: member.email }),
      action: `${STAFF}/${encodeURIComponent(member.staffId)}/role`,
      roles: roleChoices(staff, chosen),
      ...errorsOf(errors),
    });

  server.get(`${STAFF}/:staffId/role`, async (req: Request, res: Response) => {
    const staff = await guard.page(req, res, PERMISSION);
    if (!staff) return;
    const member = await ownStaff(req, res, staff);
    if (member) rolePage(res, staff, member, 200, member.role);
  });

  server.post(`${STAFF}/:staffId/role`, async (req: Request, res: Response) => {
    const staff = await guard.form(req, res, PERMISSION);
    if (!staff) return;
    const member = await ownStaff(req, res, staff);
    if (!member) return;
    const role = field(req, 'role');
    if (!isAgencyRole(role)) return rolePage(res, staff, member, 400, role, [{ field: 'role', text: text(staff, 'refusals.invalid') }]);
    const changed = await accounts.changeRole(actor(staff), member.staffId, role);
    if ('refused' in changed) return refused(req, res, staff, changed.refused, () => rolePage(res, staff, member, 400, role, [{ field: 'role', text: text(staff, `refusals.${changed.refused}`) }]));
    await redirectWith(res, staff, STAFF, { kind: 'roleChanged', email: changed.email, role: changed.role });
  });

  const removePage = (res: Response, staff: SignedInStaff, member: StaffSummary, status: number, errors: FieldError[] = []) =>
    send(res, staff, status, 'confirm', 'staff', {
      title: text(staff, 'remove.title'),
      question: text(staff, 'remove.question', { email: member.email }),
      explanation: text(staff, 'remove.explanation'),
      action: `${STAFF}/${encodeURIComponent(member.staffId)}/remove`,
      submit: text(staff, 'remove.submit'),
      back: STAFF,
      ...errorsOf(errors),
    });

  /** A colleague to remove: never oneself (the page offers no such thing; another admin can). */
  const removable = async (req: Request, res: Response, staff: SignedInStaff): Promise<StaffSummary | undefined> => {
    const member = await ownStaff(req, res, staff);
    if (member?.staffId !== staff.staffId) return member;
    guard.notFound(req, res, staff);
    return undefined;
  };

  server.get(`${STAFF}/:staffId/remove`, async (req: Request, res: Response) => {
    const staff = await guard.page(req, res, PERMISSION);
    if (!staff) return;
    const member = await removable(req, res, staff);
    if (member) removePage(res, staff, member, 200);
  });

  server.post(`${STAFF}/:staffId/remove`, async (req: Request, res: Response) => {
    const staff = await guard.form(req, res, PERMISSION);
    if (!staff) return;
    const member = await removable(req, res, staff);
    if (!member) return;
    const removed = await accounts.remove(actor(staff), member.staffId);
    if ('refused' in removed) return refused(req, res, staff, removed.refused, () => removePage(res, staff, member, 400, [{ field: 'confirm', text: text(staff, `refusals.${removed.refused}`) }]));
    await redirectWith(res, staff, STAFF, { kind: 'removed', email: removed.email });
  });

  /** Another agency's account or one that has gone is the 404 page; anything else is said on the form. */
  const refused = (req: Request, res: Response, staff: SignedInStaff, refusal: StaffChangeRefusal, onForm: () => void) => {
    if (refusal === 'not_found' || refusal === 'not_allowed') return guard.notFound(req, res, staff);
    onForm();
  };

  // --- API keys -----------------------------------------------------------------------------------------

  server.get(KEYS, async (req: Request, res: Response) => {
    const staff = await guard.page(req, res, PERMISSION);
    if (!staff) return;
    const notice = await noticeFor(staff, ['keyCreated', 'keyRevoked']);
    const keys = await agencyKeys.list(staff.agencyId!);
    send(res, staff, 200, 'keys', 'keys', {
      title: text(staff, 'keys.title'),
      notice: notice ? describeNotice(staff, notice) : null,
      newKey: notice?.kind === 'keyCreated' ? { keyId: notice.keyId, key: notice.key } : null,
      keys: [...keys].reverse().map((key) => ({
        keyId: key.keyId,
        createdAt: when(staff, key.createdAt),
        status: key.revokedAt ? text(staff, 'keys.status.revoked', { when: when(staff, key.revokedAt) }) : text(staff, 'keys.status.active'),
        revoked: key.revokedAt !== null,
      })),
    });
  });

  server.post(KEYS, async (req: Request, res: Response) => {
    const staff = await guard.form(req, res, PERMISSION);
    if (!staff) return;
    const agencyId = staff.agencyId!;
    const created = await agencyKeys.create(agencyId);
    await audit.record({ event: 'agency-key.created', agencyId, keyId: created.keyId, staffId: staff.staffId });
    await redirectWith(res, staff, KEYS, { kind: 'keyCreated', keyId: created.keyId, key: created.key });
  });

  /** One of the admin's own agency's keys that still works, or undefined (the 404 page has answered). */
  const ownKey = async (req: Request, res: Response, staff: SignedInStaff) => {
    const keyId = String(req.params?.keyId ?? '');
    const key = (await agencyKeys.list(staff.agencyId!)).find((candidate) => candidate.keyId === keyId && candidate.revokedAt === null);
    if (!key) guard.notFound(req, res, staff);
    return key;
  };

  server.get(`${KEYS}/:keyId/revoke`, async (req: Request, res: Response) => {
    const staff = await guard.page(req, res, PERMISSION);
    if (!staff) return;
    const key = await ownKey(req, res, staff);
    if (!key) return;
    send(res, staff, 200, 'confirm', 'keys', {
      title: text(staff, 'revoke.title'),
      question: text(staff, 'revoke.question', { keyId: key.keyId }),
      explanation: text(staff, 'revoke.explanation'),
      action: `${KEYS}/${key.keyId}/revoke`,
      submit: text(staff, 'revoke.submit'),
      back: KEYS,
    });
  });

  server.post(`${KEYS}/:keyId/revoke`, async (req: Request, res: Response) => {
    const staff = await guard.form(req, res, PERMISSION);
    if (!staff) return;
    const key = await ownKey(req, res, staff);
    if (!key) return;
    const revoked = await agencyKeys.revoke(key.keyId);
    if (revoked && !revoked.alreadyRevoked) await audit.record({ event: 'agency-key.revoked', agencyId: revoked.agencyId, keyId: revoked.keyId, staffId: staff.staffId });
    await redirectWith(res, staff, KEYS, { kind: 'keyRevoked', keyId: key.keyId });
  });

  // --- Webhook secret -----------------------------------------------------------------------------------

  const webhookUrlOf = (staff: SignedInStaff) => deps.directory.agencies.find((agency) => agency.id === staff.agencyId)?.handoff.webhookUrl ?? null;

  server.get(WEBHOOK, async (req: Request, res: Response) => {
    const staff = await guard.page(req, res, PERMISSION);
    if (!staff) return;
    const notice = await noticeFor(staff, ['secretRotated']);
    const url = webhookUrlOf(staff);
    const state = url ? await deps.webhookSecrets.state(staff.agencyId!) : null;
    send(res, staff, 200, 'webhook', 'webhook', {
      title: text(staff, 'webhook.title'),
      url,
      notice: notice ? describeNotice(staff, notice) : null,
      newSecret: notice?.kind === 'secretRotated' ? notice.secret : null,
      secretState: state
        ? state.source === 'rotated'
          ? text(staff, 'webhook.state.rotated', { when: when(staff, state.rotatedAt!) })
          : text(staff, `webhook.state.${state.source}`)
        : null,
      grace: state?.previousValidUntil ? text(staff, 'webhook.grace', { when: when(staff, state.previousValidUntil) }) : null,
      rotateLabel: text(staff, state?.source === 'none' ? 'webhook.makeFirst' : 'webhook.rotate'),
    });
  });

  /** The rotate pages exist only for an agency with a webhook URL. */
  const withWebhook = (req: Request, res: Response, staff: SignedInStaff): boolean => {
    if (webhookUrlOf(staff)) return true;
    guard.notFound(req, res, staff);
    return false;
  };

  server.get(`${WEBHOOK}/rotate`, async (req: Request, res: Response) => {
    const staff = await guard.page(req, res, PERMISSION);
    if (!staff || !withWebhook(req, res, staff)) return;
    const hours = deps.webhookGraceHours;
    send(res, staff, 200, 'confirm', 'webhook', {
      title: text(staff, 'rotate.title'),
      question: text(staff, 'rotate.question'),
      explanation: hours > 0 ? text(staff, 'rotate.explanation', { when: when(staff, new Date(deps.clock().getTime() + hours * 3_600_000).toISOString()) }) : text(staff, 'rotate.explanationNoGrace'),
      more: hours > 0 ? text(staff, 'rotate.earlier') : null,
      action: `${WEBHOOK}/rotate`,
      submit: text(staff, 'rotate.submit'),
      back: WEBHOOK,
    });
  });

  server.post(`${WEBHOOK}/rotate`, async (req: Request, res: Response) => {
    const staff = await guard.form(req, res, PERMISSION);
    if (!staff || !withWebhook(req, res, staff)) return;
    const agencyId = staff.agencyId!;
    const rotated = await deps.webhookSecrets.rotate(agencyId);
    await audit.record({ event: 'webhook-secret.rotated', agencyId, staffId: staff.staffId });
    await redirectWith(res, staff, WEBHOOK, { kind: 'secretRotated', secret: rotated.secret, previousValidUntil: rotated.previousValidUntil });
  });

  /** A notice's success banner: its heading and, for a secret, the sentences around it. */
  function describeNotice(staff: SignedInStaff, notice: AdminNotice): { heading: string; lines: string[] } {
    switch (notice.kind) {
      case 'invited':
        return {
          heading: text(staff, 'staff.notice.invited', { email: notice.email }),
          lines: [text(staff, 'staff.notice.linkOnce'), text(staff, 'staff.notice.linkWorks', { when: when(staff, notice.expiresAt) }), text(staff, notice.singleSignOn ? 'staff.notice.linkSingleSignOn' : 'staff.notice.linkPassword')],
        };
      case 'roleChanged':
        return { heading: text(staff, 'staff.notice.roleChanged', { email: notice.email, role: roleName(staff, notice.role) }), lines: [text(staff, 'staff.notice.signInAgain')] };
      case 'removed':
        return { heading: text(staff, 'staff.notice.removed', { email: notice.email }), lines: [] };
      case 'keyCreated':
        return { heading: text(staff, 'keys.notice.created', { keyId: notice.keyId }), lines: [text(staff, 'keys.notice.keyOnce'), text(staff, 'keys.notice.howToUse')] };
      case 'keyRevoked':
        return { heading: text(staff, 'keys.notice.revoked', { keyId: notice.keyId }), lines: [] };
      case 'secretRotated':
        return {
          heading: text(staff, 'webhook.notice.rotated'),
          lines: [
            text(staff, 'webhook.notice.secretOnce'),
            notice.previousValidUntil ? text(staff, 'webhook.notice.oldUntil', { when: when(staff, notice.previousValidUntil) }) : text(staff, 'webhook.notice.onlyNew'),
          ],
        };
    }
  }
}

function isAgencyRole(role: string): role is (typeof AGENCY_ROLES)[number] {
  return (AGENCY_ROLES as readonly string[]).includes(role);
}

/** Roles' keys in the copy (`agency-admin` reads `agencyAdmin`). */
function roleKey(role: StaffRole): string {
  return role.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** One text field of a form (a field sent twice, or not at all, reads as empty). */
function field(req: Request, name: string): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = body[name];
  return typeof value === 'string' ? value : '';
}
