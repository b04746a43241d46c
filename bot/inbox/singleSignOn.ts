import type { TFunction } from 'i18next';
import * as oidc from 'openid-client';
import type { Request, Response, Server } from 'restify';
import { emailFromClaims, type SingleSignOnRefusal } from '../../domain/staff/singleSignOnAccess.js';
import { recordSingleSignOnRefusal, signInWithSingleSignOn } from '../../useCases/staff/singleSignOnSignIn.js';
import { isLoopbackHost } from '../channelCalls.js';
import { ConfigurationError } from '../config.js';
import { describeErrorSafely } from '../logger.js';
import type { InboxDeps } from './inboxDeps.js';
import type { AgencyProvider, AgencySingleSignOn } from './singleSignOnSettings.js';
import {
  claimedAgency,
  openPendingSignIn,
  PENDING_SIGN_IN_MS,
  readCookie,
  sealPendingSignIn,
  STATE_COOKIE,
  type PendingSignIn,
} from './singleSignOnState.js';

/**
 * Single sign-on with an agency's own OpenID Connect provider (AGENCY_SSO; README: Single sign-on): the
 * authorization code flow with PKCE, through openid-client. State, nonce and the PKCE verifier wait in a
 * sealed, HttpOnly cookie (singleSignOnState.ts) while the person is at their provider. On the way back the
 * provider's answer is checked, its email claim finds the staff account at that agency, and a session starts.
 *
 *   GET  /inbox/sso                    the "sign in with your organisation" page
 *   POST /inbox/sso                    a work email, routed by its domain to its agency's provider
 *   GET  /inbox/sso/:agencyId/start    off to that agency's provider
 *   GET  /inbox/sso/callback           back from the provider
 */

export const CALLBACK_PATH = '/inbox/sso/callback';
const SCOPE = 'openid email';
const WORK_EMAIL = /^[^\s@]+@([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)$/;

export function registerSingleSignOn(server: Server, deps: InboxDeps): void {
  const providers: AgencySingleSignOn = deps.singleSignOn ?? {};
  const providerOf = (agencyId: string | undefined): AgencyProvider | undefined =>
    agencyId !== undefined && Object.hasOwn(providers, agencyId) ? providers[agencyId] : undefined;
  const configurations = new Map<string, Promise<oidc.Configuration>>();
  const secureCookie = !isPlainLoopback(deps.publicUrl);
  const redirectUri = new URL(CALLBACK_PATH, deps.publicUrl).href;

  /** The provider's metadata and keys, discovered once; a failed discovery is tried again next time. */
  const configurationFor = (agencyId: string, provider: AgencyProvider): Promise<oidc.Configuration> => {
    let found = configurations.get(agencyId);
    if (!found) {
      const insecure = new URL(provider.issuer).protocol === 'http:';
      found = oidc.discovery(new URL(provider.issuer), provider.clientId, undefined, oidc.ClientSecretPost(provider.clientSecret), {
        // Only a loopback http issuer outside production passes the configuration (a test's own provider).
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      });
      found.catch(() => configurations.delete(agencyId));
      configurations.set(agencyId, found);
    }
    return found;
  };

  const agencyName = (agencyId: string): string => deps.directory.agencies.find((agency) => agency.id === agencyId)?.name ?? agencyId;
  const configuredAgencies = () => Object.keys(providers).map((id) => ({ id, name: agencyName(id) }));

  const showChooser = (res: Response, status: number, fields: { email?: string; errorKey?: string } = {}): void => {
    const locale = deps.agencyLanguage(null);
    const t = deps.translations.forLocale(locale);
    deps.pages.send(res, status, 'sso/choose.njk', { agencies: configuredAgencies(), email: fields.email, errorSummary: fields.errorKey ? String(t(fields.errorKey)) : undefined }, { locale });
  };

  const showRefusal = (res: Response, status: number, agencyId: string | undefined, reason: SingleSignOnRefusal | 'unknown-agency', email?: string): void => {
    deps.pages.send(res, status, 'sso/refused.njk', { reason, email, agencyName: agencyId ? agencyName(agencyId) : undefined }, { locale: deps.agencyLanguage(agencyId ?? null) });
  };

  /**
   * Seals what the return needs into the cookie and sends the person to their provider: by redirect from a
   * link, or (`viaPage`) by a page that moves on at once, after a form, whose redirect to another site the
   * staff pages' Content-Security-Policy (form-action 'self') would stop.
   */
  const begin = async (res: Response, agencyId: string, provider: AgencyProvider, loginHint?: string, viaPage = false): Promise<void> => {
    let configuration: oidc.Configuration;
    try {
      configuration = await configurationFor(agencyId, provider);
    } catch (error) {
      deps.log.warn('sso.discoveryFailed', { agencyId, ...describeErrorSafely(error) });
      showRefusal(res, 502, agencyId, 'provider-error');
      return;
    }
    const pending: PendingSignIn = {
      agencyId,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      expiresAt: deps.clock().getTime() + PENDING_SIGN_IN_MS,
    };
    const to = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ...(loginHint ? { login_hint: loginHint } : {}),
    });
    const cookie = stateCookie(sealPendingSignIn(pending, provider.clientSecret), PENDING_SIGN_IN_MS / 1000, secureCookie);
    if (viaPage) {
      res.setHeader('Set-Cookie', cookie);
      return deps.pages.send(res, 200, 'sso/leaving.njk', { to: to.href }, { locale: deps.agencyLanguage(agencyId) });
    }
    res.writeHead(303, { Location: to.href, 'Set-Cookie': cookie, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    res.end();
  };

  server.get('/inbox/sso', async (_req: Request, res: Response) => {
    showChooser(res, 200);
  });

  // Signed out, and it changes nothing but where the browser goes next: no session, so no CSRF token.
  server.post('/inbox/sso', async (req: Request, res: Response) => {
    const typed = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    const match = WORK_EMAIL.exec(typed);
    if (!match) return showChooser(res, 400, { email: typed, errorKey: 'sso.choose.emailInvalid' });
    const agencyId = Object.keys(providers).find((id) => providers[id].emailDomains.includes(match[1]));
    if (!agencyId) return showChooser(res, 400, { email: typed, errorKey: 'sso.choose.emailUnknown' });
    await begin(res, agencyId, providers[agencyId], typed, true);
  });

  server.get('/inbox/sso/:agencyId/start', async (req: Request, res: Response) => {
    const agencyId = String(req.params.agencyId);
    const provider = providerOf(agencyId);
    if (!provider) return showRefusal(res, 404, undefined, 'unknown-agency');
    await begin(res, agencyId, provider);
  });

  server.get(CALLBACK_PATH, async (req: Request, res: Response) => {
    // The cookie has done its work whatever happens next.
    res.setHeader('Set-Cookie', stateCookie('', 0, secureCookie));
    const sealed = readCookie(req.headers.cookie, STATE_COOKIE);
    const claimed = sealed ? claimedAgency(sealed) : undefined;
    const provider = providerOf(claimed);
    const pending = sealed && provider ? openPendingSignIn(sealed, provider.clientSecret, deps.clock()) : undefined;
    const query = new URLSearchParams(req.getQuery());
    if (!pending || !provider || query.get('state') !== pending.state) {
      if (provider && claimed) await recordSingleSignOnRefusal(deps.audit, claimed, 'state-invalid');
      return showRefusal(res, 400, provider ? claimed : undefined, 'state-invalid');
    }
    const { agencyId } = pending;
    if (query.has('error')) {
      // The person cancelled, or the provider refused them: its words are its own, not shown or logged.
      await recordSingleSignOnRefusal(deps.audit, agencyId, 'provider-error');
      return showRefusal(res, 403, agencyId, 'provider-error');
    }
    let claims: Record<string, unknown>;
    try {
      const configuration = await configurationFor(agencyId, provider);
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(`${CALLBACK_PATH}?${query.toString()}`, deps.publicUrl), {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Entra ID puts email in the ID token when asked to; other providers keep it for the userinfo endpoint.
      claims = typeof idToken.email === 'string' ? idToken : await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    } catch (error) {
      deps.log.warn('sso.exchangeFailed', { agencyId, ...describeErrorSafely(error) });
      await recordSingleSignOnRefusal(deps.audit, agencyId, 'exchange-failed');
      return showRefusal(res, 403, agencyId, 'exchange-failed');
    }
    const vouched = emailFromClaims(claims, provider.requireVerifiedEmail);
    if ('refused' in vouched) {
      await recordSingleSignOnRefusal(deps.audit, agencyId, vouched.refused);
      return showRefusal(res, 403, agencyId, vouched.refused);
    }
    const outcome = await signInWithSingleSignOn({ accounts: deps.accounts, sessions: deps.sessions, audit: deps.audit }, agencyId, vouched.email);
    if ('refused' in outcome) return showRefusal(res, 403, agencyId, outcome.refused, vouched.email);
    deps.guard.setSessionCookie(res, outcome.token);
    appendStateCookieClearing(res, secureCookie);
    deps.pages.send(res, 200, 'sso/signedIn.njk', {}, { locale: deps.agencyLanguage(agencyId), staff: outcome.session });
  });
}

/** Start-up, once the directory is loaded: a provider for an agency the directory does not have is a typo. */
export function checkSingleSignOnAgencies(providers: AgencySingleSignOn, agencyIds: readonly string[], t: TFunction): void {
  const known = new Set(agencyIds);
  const strangers = Object.keys(providers).filter((agencyId) => !known.has(agencyId));
  if (strangers.length > 0) throw new ConfigurationError([`AGENCY_SSO: ${t('operator.config.sso.unknownAgencies', { agencies: strangers.join(', ') })}`], t);
}

/**
 * The state cookie: only on /inbox/sso paths, HttpOnly, and SameSite=Lax, because it must come back on the
 * provider's redirect (a top-level GET from another site), which Strict would hold back.
 */
function stateCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${STATE_COOKIE}=${value}; Path=/inbox/sso; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The session cookie has replaced the Set-Cookie header set at the start of the callback: add the clearing back. */
function appendStateCookieClearing(res: Response, secure: boolean): void {
  const clearing = stateCookie('', 0, secure);
  const current = res.getHeader('Set-Cookie');
  const list = current === undefined ? [] : Array.isArray(current) ? current.map(String) : [String(current)];
  if (!list.includes(clearing)) res.setHeader('Set-Cookie', [...list, clearing]);
}

function isPlainLoopback(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}
