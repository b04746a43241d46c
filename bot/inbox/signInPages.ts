import type { Request, Response, Server } from 'restify';
import { mayDo } from '../../domain/staff/staffRoles.js';
import type { RateDecision } from '../../useCases/ports.js';
import type { SignedInStaff } from '../../useCases/staff/staffAccounts.js';
import { normaliseEmail, type SetupState } from '../../useCases/staff/staffAccountService.js';
import { PASSWORD_MIN_LENGTH } from '../../useCases/staff/passwords.js';
import { SECOND_STEP_MINUTES } from '../../useCases/staff/staffSessionStore.js';
import { spacedSecret, totpUri } from '../../useCases/staff/secondFactor.js';
import { clientAddress } from '../http/rateLimiting.js';
import type { InboxDeps } from './inboxDeps.js';
import { SECOND_STEP_COOKIE, SIGN_IN_PATH, field, readCookie, safeNext } from './staffAccess.js';

/**
 * Sign-in, account setup (password, TOTP, recovery codes), the account page, sign out (everywhere), and the
 * staff 404 page. Every form is protected: before sign-in by a form cookie and the origin, after it by the
 * session's CSRF token (the guard).
 */

type Context = Record<string, object | string | number | boolean | null | undefined>;

/** Where each role starts. */
export function homeFor(staff: Pick<SignedInStaff, 'role'>): string {
  return mayDo(staff.role, 'inbox.read') ? '/inbox' : '/outcomes';
}

function redirect(res: Response, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

export function registerSignInPages(server: Server, deps: InboxDeps): void {
  const { pages, translations, log } = deps;
  const { accounts, sessions, access } = deps.signIn;
  const t = (locale: string) => translations.forLocale(locale);

  // --- Sign in: email and password ---------------------------------------------------------------------

  const signInPage = (req: Request, res: Response, status: number, context: Context) => {
    const locale = access.localeFor(req);
    pages.send(res, status, 'signIn/signIn.njk', { title: t(locale)('signIn.signIn.title'), csrf: access.formToken(req, res), singleSignOnUrl: '/inbox/sso', ...context }, { locale });
  };

  server.get(SIGN_IN_PATH, async (req: Request, res: Response) => {
    const staff = await access.current(req);
    if (staff) return redirect(res, safeNext(req.query?.next) ?? homeFor(staff));
    const notice = req.query?.signedOut === 'everywhere' ? 'signedOutEverywhere' : req.query?.signedOut === 'yes' ? 'signedOut' : req.query?.expired === 'yes' ? 'expired' : undefined;
    signInPage(req, res, 200, { notice, next: safeNext(req.query?.next) ?? '' });
  });

  server.post(SIGN_IN_PATH, async (req: Request, res: Response) => {
    const next = safeNext(field(req, 'next'));
    if (!access.formTokenMatches(req)) return access.forbidden(req, res);
    const email = field(req, 'email').slice(0, 320);
    const password = field(req, 'password');
    const errors: Array<{ field: string; key: string }> = [];
    if (email.trim() === '') errors.push({ field: 'email', key: 'signIn.signIn.errors.emailMissing' });
    if (password === '') errors.push({ field: 'password', key: 'signIn.signIn.errors.passwordMissing' });
    if (errors.length > 0) return signInPage(req, res, 400, { errors: errorList(t(access.localeFor(req)), errors), email, next: next ?? '' });
    const limited = await limitedBy(deps, req, `email:${normaliseEmail(email)}`);
    if (limited) return await tooMany(req, res, limited);
    const staff = await accounts.checkPassword(email, password);
    if (!staff) {
      // One answer for an unknown email and a wrong password.
      return signInPage(req, res, 401, { errors: errorList(t(access.localeFor(req)), [{ field: 'email', key: 'signIn.signIn.errors.notRecognised' }]), email, next: next ?? '' });
    }
    const token = await sessions.beginSecondStep(staff.staffId, next);
    access.setCookie(res, SECOND_STEP_COOKIE, token, SECOND_STEP_MINUTES * 60);
    redirect(res, '/inbox/sign-in/code');
  });

  // --- Sign in: the code from their app, or a recovery code ------------------------------------------------

  const codePage = (req: Request, res: Response, status: number, context: Context) => {
    const locale = access.localeFor(req);
    pages.send(res, status, 'signIn/code.njk', { title: t(locale)('signIn.code.title'), csrf: access.formToken(req, res), ...context }, { locale });
  };

  const pendingStep = async (req: Request) => {
    const token = readCookie(req, SECOND_STEP_COOKIE);
    const step = token ? await sessions.secondStep(token) : undefined;
    return step && token ? { ...step, token } : undefined;
  };

  server.get('/inbox/sign-in/code', async (req: Request, res: Response) => {
    if (!(await pendingStep(req))) return redirect(res, `${SIGN_IN_PATH}?expired=yes`);
    codePage(req, res, 200, {});
  });

  server.post('/inbox/sign-in/code', async (req: Request, res: Response) => {
    if (!access.formTokenMatches(req)) return access.forbidden(req, res);
    const step = await pendingStep(req);
    if (!step) return redirect(res, `${SIGN_IN_PATH}?expired=yes`);
    const code = field(req, 'code').slice(0, 64);
    if (code.trim() === '') return codePage(req, res, 400, { errors: errorList(t(access.localeFor(req)), [{ field: 'code', key: 'signIn.code.errors.missing' }]) });
    const limited = await limitedBy(deps, req, `staff:${step.staffId}`);
    if (limited) return await tooMany(req, res, limited);
    const used = await accounts.checkSecondFactor(step.staffId, code);
    if (!used) return codePage(req, res, 401, { errors: errorList(t(access.localeFor(req)), [{ field: 'code', key: 'signIn.code.errors.notRecognised' }]) });
    await sessions.endSecondStep(step.token);
    access.setCookie(res, SECOND_STEP_COOKIE, '', 0);
    const { token, session } = await sessions.start(step.staffId, 'password-totp');
    access.setSessionCookie(res, token);
    const onwards = step.next ?? homeFor(session);
    if (used.by === 'recovery-code') {
      const locale = deps.agencyLanguage(session.agencyId);
      return pages.send(res, 200, 'signIn/recoveryCodeUsed.njk', { title: t(locale)('signIn.recoveryUsed.title'), left: used.recoveryCodesLeft, onwards }, { locale, staff: session });
    }
    redirect(res, onwards);
  });

  // --- Setup: the one-time link --------------------------------------------------------------------------

  const setupPage = async (req: Request, res: Response, token: string, state: SetupState, status = 200, context: Context = {}) => {
    if (!('staff' in state)) {
      const locale = access.localeFor(req);
      return pages.send(res, state.kind === 'unknown' ? 404 : 410, 'signIn/setupLinkNotWorking.njk', { title: t(locale)(`signIn.setupLink.${state.kind}.title`), kind: state.kind }, { locale });
    }
    const locale = deps.agencyLanguage(state.staff.agencyId);
    const base = { csrf: access.formToken(req, res), action: `/inbox/setup/${token}`, email: state.staff.email, ...context };
    if (state.kind === 'single-sign-on') {
      return pages.send(res, status, 'signIn/setupSingleSignOn.njk', { title: t(locale)('signIn.setupSso.title'), singleSignOnUrl: '/inbox/sso', ...base }, { locale });
    }
    if (state.kind === 'password') {
      return pages.send(res, status, 'signIn/setupPassword.njk', { title: t(locale)('signIn.setupPassword.title'), minLength: PASSWORD_MIN_LENGTH, ...base }, { locale });
    }
    const uri = totpUri(state.totpSecret, state.staff.email);
    // qrcode is loaded the first time someone enrols an authenticator app, not when the server starts.
    const { default: QRCode } = await import('qrcode');
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    pages.send(
      res,
      status,
      'signIn/setupTotp.njk',
      { title: t(locale)('signIn.setupTotp.title'), qrDataUri: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`, secret: spacedSecret(state.totpSecret), ...base },
      { locale },
    );
  };

  server.get('/inbox/setup/:token', async (req: Request, res: Response) => {
    const token = String(req.params.token);
    await setupPage(req, res, token, await accounts.setupState(token));
  });

  server.post('/inbox/setup/:token/password', async (req: Request, res: Response) => {
    if (!access.formTokenMatches(req)) return access.forbidden(req, res);
    const token = String(req.params.token);
    const chosen = await accounts.choosePassword(token, field(req, 'password'), field(req, 'confirm'));
    if (chosen.problem) {
      const state = await accounts.setupState(token);
      const locale = 'staff' in state ? deps.agencyLanguage(state.staff.agencyId) : 'en';
      const problemField = chosen.problem === 'mismatch' ? 'confirm' : 'password';
      return setupPage(req, res, token, state, 400, {
        errors: errorList(t(locale), [{ field: problemField, key: `signIn.setupPassword.errors.${chosen.problem}` }], { minLength: PASSWORD_MIN_LENGTH }),
      });
    }
    // Post/redirect/get: the TOTP step is its own page (reloading it does not post the password again).
    if (chosen.state.kind === 'totp') return redirect(res, `/inbox/setup/${token}`);
    await setupPage(req, res, token, chosen.state);
  });

  server.post('/inbox/setup/:token/start-again', async (req: Request, res: Response) => {
    if (!access.formTokenMatches(req)) return access.forbidden(req, res);
    const token = String(req.params.token);
    await accounts.restartSetup(token);
    redirect(res, `/inbox/setup/${token}`);
  });

  server.post('/inbox/setup/:token/code', async (req: Request, res: Response) => {
    if (!access.formTokenMatches(req)) return access.forbidden(req, res);
    const token = String(req.params.token);
    const code = field(req, 'code').slice(0, 64);
    const limited = await limitedBy(deps, req, `setup:${token.slice(0, 64)}`);
    if (limited) return await tooMany(req, res, limited);
    const confirmed = await accounts.confirmTotp(token, code);
    if ('recoveryCodes' in confirmed) {
      const locale = deps.agencyLanguage(confirmed.staff.agencyId);
      log.info('staff.setupCompleted');
      return pages.send(res, 200, 'signIn/recoveryCodes.njk', { title: t(locale)('signIn.recoveryCodes.title'), codes: confirmed.recoveryCodes, setup: true }, { locale });
    }
    if (confirmed.refused === 'link') return setupPage(req, res, token, confirmed.state);
    const state = await accounts.setupState(token);
    const locale = 'staff' in state ? deps.agencyLanguage(state.staff.agencyId) : 'en';
    const key = code.trim() === '' ? 'signIn.setupTotp.errors.missing' : 'signIn.setupTotp.errors.wrong';
    await setupPage(req, res, token, state, 400, { errors: errorList(t(locale), [{ field: 'code', key }]) });
  });

  // --- The account page, sign out (everywhere), new recovery codes -----------------------------------------

  server.get('/inbox/account', async (req: Request, res: Response) => {
    const staff = await deps.guard.page(req, res, 'account.own');
    if (!staff) return;
    const locale = deps.agencyLanguage(staff.agencyId);
    const agency = staff.agencyId ? deps.directory.agencies.find((candidate) => candidate.id === staff.agencyId) : undefined;
    pages.send(
      res,
      200,
      'signIn/account.njk',
      {
        title: t(locale)('signIn.account.title'),
        csrf: staff.csrfToken,
        email: staff.email,
        roleName: t(locale)(`signIn.roles.${staff.role}`),
        agencyName: agency ? agency.name : t(locale)('signIn.account.partnership'),
        recoveryCodesLeft: await accounts.recoveryCodesLeft(staff.staffId),
        sessions: await sessions.count(staff.staffId),
        singleSignOn: (await accounts.get(staff.staffId))?.singleSignOn === true,
      },
      { locale, staff, current: 'account' },
    );
  });

  server.post('/inbox/sign-out', async (req: Request, res: Response) => {
    const staff = await deps.guard.form(req, res, 'account.own');
    if (!staff) return;
    const token = readCookie(req, 'one_story_staff');
    if (token) await sessions.end(token);
    access.clearSessionCookie(res);
    redirect(res, `${SIGN_IN_PATH}?signedOut=yes`);
  });

  server.post('/inbox/account/sign-out-everywhere', async (req: Request, res: Response) => {
    const staff = await deps.guard.form(req, res, 'account.own');
    if (!staff) return;
    await sessions.endEverywhere(staff.staffId);
    await deps.audit.record({ event: 'staff.signed-out-everywhere', staffId: staff.staffId, agencyId: staff.agencyId ?? undefined });
    access.clearSessionCookie(res);
    redirect(res, `${SIGN_IN_PATH}?signedOut=everywhere`);
  });

  server.post('/inbox/account/recovery-codes', async (req: Request, res: Response) => {
    const staff = await deps.guard.form(req, res, 'account.own');
    if (!staff) return;
    const codes = await accounts.replaceRecoveryCodes(staff.staffId);
    if (!codes) return deps.guard.notFound(req, res, staff);
    const locale = deps.agencyLanguage(staff.agencyId);
    pages.send(res, 200, 'signIn/recoveryCodes.njk', { title: t(locale)('signIn.recoveryCodes.title'), codes, setup: false }, { locale, staff, current: 'account' });
  });

  // Anything else under /inbox/: the staff 404 page (in their language when signed in).
  server.get('/inbox/*', async (req: Request, res: Response) => {
    deps.guard.notFound(req, res, await access.current(req));
  });

  /** Counts one attempt for the address and for the account; the refusal, if either is used up. */
  async function limitedBy(parts: InboxDeps, req: Request, accountKey: string): Promise<RateDecision | undefined> {
    if (!parts.signInLimits) return undefined;
    const byAddress = await parts.signInLimits.perAddress.attempt(clientAddress(req, parts.trustedProxies ?? 0));
    if (!byAddress.allowed) return byAddress;
    const byAccount = await parts.signInLimits.perAccount.attempt(accountKey);
    return byAccount.allowed ? undefined : byAccount;
  }

  async function tooMany(req: Request, res: Response, decision: RateDecision): Promise<void> {
    if (decision.allowed) return;
    const minutes = Math.max(1, Math.ceil(decision.retryAfterMs / 60_000));
    const locale = access.localeFor(req);
    // Once a window, not each refused try: a flood of tries does not flood the audit log.
    if (decision.firstRefusal) {
      log.warn('staff.signInLimited', { retryAfterMs: decision.retryAfterMs });
      await deps.audit.record({ event: 'staff.sign-in-refused', status: 'too-many-attempts' });
    }
    res.setHeader('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
    pages.send(res, 429, 'signIn/tooMany.njk', { title: t(locale)('signIn.tooMany.title'), minutes }, { locale });
  }
}

/** GOV.UK's error summary items, and each field's own message. */
function errorList(
  t: (key: string, options?: Record<string, unknown>) => unknown,
  errors: Array<{ field: string; key: string }>,
  options: Record<string, unknown> = {},
): { summary: Array<{ text: string; href: string }>; byField: Record<string, { text: string }> } {
  const summary = errors.map((error) => ({ text: String(t(error.key, options)), href: `#${error.field}` }));
  const byField = Object.fromEntries(errors.map((error, index) => [error.field, { text: summary[index].text }]));
  return { summary, byField };
}
