import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from '../../bot/config.js';
import { operatorCopy } from '../../bot/i18n.js';
import { checkSingleSignOnAgencies } from '../../bot/inbox/singleSignOn.js';
import { openPendingSignIn, sealPendingSignIn, type PendingSignIn } from '../../bot/inbox/singleSignOnState.js';
import { emailFromClaims, singleSignOnAccess } from '../../domain/staff/singleSignOnAccess.js';

const SECRET = 'a-client-secret-of-the-council-7781';
const ENTRA = { issuer: 'https://login.microsoftonline.com/0f3c2b1a-1111-2222-3333-444455556666/v2.0', clientId: 'c1d2', clientSecret: SECRET };

function problems(env: NodeJS.ProcessEnv): string {
  const outcome = ((): unknown => {
    try {
      return loadConfig(env);
    } catch (error) {
      return error;
    }
  })();
  expect(outcome).toBeInstanceOf(ConfigurationError);
  return (outcome as ConfigurationError).message;
}

describe('AGENCY_SSO', () => {
  const t = operatorCopy();

  it('reads each agency provider, with its email domains and verified email required by default', () => {
    const config = loadConfig({ AGENCY_SSO: JSON.stringify({ 'cambridge-housing-options': { ...ENTRA, emailDomains: ['Cambridge.gov.uk'] } }) });
    expect(config.AGENCY_SSO).toEqual({ 'cambridge-housing-options': { ...ENTRA, emailDomains: ['cambridge.gov.uk'], requireVerifiedEmail: true } });
    expect(loadConfig({}).AGENCY_SSO).toEqual({});
  });

  it.each([
    ['not JSON', '{issuer:', 'operator.config.sso.json', {}],
    ['a list', '[]', 'operator.config.sso.json', {}],
    ['no issuer', JSON.stringify({ a: { clientId: 'x', clientSecret: SECRET } }), 'operator.config.sso.issuer', { agencyId: 'a' }],
    ['an issuer that is not a URL', JSON.stringify({ a: { ...ENTRA, issuer: 'login.microsoftonline.com' } }), 'operator.config.sso.issuer', { agencyId: 'a' }],
    ['no client id', JSON.stringify({ a: { ...ENTRA, clientId: ' ' } }), 'operator.config.sso.clientId', { agencyId: 'a' }],
    ['a short secret', JSON.stringify({ a: { ...ENTRA, clientSecret: 'short' } }), 'operator.config.sso.clientSecret', { agencyId: 'a' }],
    ['bad domains', JSON.stringify({ a: { ...ENTRA, emailDomains: ['@council'] } }), 'operator.config.sso.emailDomains', { agencyId: 'a' }],
    ['a misspelt field', JSON.stringify({ a: { ...ENTRA, clientSecert: SECRET } }), 'operator.config.sso.unknownField', { agencyId: 'a', fields: 'clientSecert' }],
    [
      'one domain for two agencies',
      JSON.stringify({ a: { ...ENTRA, emailDomains: ['nhs.net'] }, b: { ...ENTRA, emailDomains: ['nhs.net'] } }),
      'operator.config.sso.sharedDomain',
      { domain: 'nhs.net', agencies: 'a, b' },
    ],
  ])('refuses %s, naming the setting and the rule, never a value', (_case, AGENCY_SSO, key, params) => {
    const message = problems({ AGENCY_SSO });
    expect(message).toContain(`AGENCY_SSO: ${t(key, params)}`);
    expect(message).not.toContain(SECRET);
  });

  it('takes a plain-http issuer only to this machine, and never in production', () => {
    const local = JSON.stringify({ a: { ...ENTRA, issuer: 'http://127.0.0.1:4000' } });
    expect(loadConfig({ AGENCY_SSO: local }).AGENCY_SSO.a.issuer).toBe('http://127.0.0.1:4000');
    expect(problems({ AGENCY_SSO: JSON.stringify({ a: { ...ENTRA, issuer: 'http://idp.example.org' } }) })).toContain(t('operator.config.sso.plainHttpIssuer', { agencyId: 'a' }));
    const production = { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'p', ONESTORY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(problems({ ...production, AGENCY_SSO: local })).toContain(t('operator.config.sso.plainHttpIssuer', { agencyId: 'a' }));
  });

  it('refuses at start-up a provider for an agency the directory does not have', () => {
    const providers = loadConfig({ AGENCY_SSO: JSON.stringify({ 'cambridge-housing-options': ENTRA, 'cambrdge-housing': ENTRA }) }).AGENCY_SSO;
    expect(() => checkSingleSignOnAgencies(providers, ['cambridge-housing-options'], t)).toThrow(t('operator.config.sso.unknownAgencies', { agencies: 'cambrdge-housing' }));
    expect(() => checkSingleSignOnAgencies({ 'cambridge-housing-options': providers['cambridge-housing-options'] }, ['cambridge-housing-options'], t)).not.toThrow();
  });
});

describe('the sealed state cookie', () => {
  const now = new Date('2026-12-02T09:00:00Z');
  const pending: PendingSignIn = { agencyId: 'a', state: 's', nonce: 'n', codeVerifier: 'v', expiresAt: now.getTime() + 60_000 };

  it('opens with the agency secret until it expires, and hides the verifier', () => {
    const sealed = sealPendingSignIn(pending, SECRET);
    expect(sealed.startsWith('a.')).toBe(true);
    expect(Buffer.from(sealed.slice(2), 'base64url').toString('latin1')).not.toContain('"codeVerifier"');
    expect(openPendingSignIn(sealed, SECRET, now)).toEqual(pending);
    expect(openPendingSignIn(sealed, SECRET, new Date(pending.expiresAt + 1))).toBeUndefined();
  });

  it('refuses a cookie altered anywhere, moved to another agency, or sealed with another secret', () => {
    const sealed = sealPendingSignIn(pending, SECRET);
    const body = Buffer.from(sealed.slice(2), 'base64url');
    for (let index = 0; index < body.length; index += 7) {
      const altered = Buffer.from(body);
      altered[index] ^= 1;
      expect(openPendingSignIn(`a.${altered.toString('base64url')}`, SECRET, now)).toBeUndefined();
    }
    expect(openPendingSignIn(`b.${sealed.slice(2)}`, SECRET, now)).toBeUndefined();
    expect(openPendingSignIn(sealed, `${SECRET}x`, now)).toBeUndefined();
    expect(openPendingSignIn('a.', SECRET, now)).toBeUndefined();
    expect(openPendingSignIn('garbage', SECRET, now)).toBeUndefined();
  });
});

describe('who may sign in with an agency provider', () => {
  const account = (fields: Partial<{ agencyId: string | null; status: 'invited' | 'active' | 'removed'; singleSignOn: boolean }>) => ({
    agencyId: 'a',
    status: 'active' as const,
    singleSignOn: true,
    ...fields,
  });

  it.each([
    ['an active account of that agency', account({}), 'sign-in'],
    ['an active password account of that agency', account({ singleSignOn: false }), 'sign-in'],
    ['an account invited for single sign-on', account({ status: 'invited' }), 'activate-then-sign-in'],
    ['an account invited to set a password', account({ status: 'invited', singleSignOn: false }), { refused: 'password-invitation' }],
    ['a removed account', account({ status: 'removed' }), { refused: 'removed' }],
    ['another agency account', account({ agencyId: 'b' }), { refused: 'other-agency' }],
    ['the partnership', account({ agencyId: null }), { refused: 'other-agency' }],
    ['nobody', undefined, { refused: 'no-account' }],
  ])('%s', (_case, who, decision) => {
    expect(singleSignOnAccess(who, 'a')).toEqual(decision);
  });

  it('needs an email claim, verified unless the agency says its provider does not send that', () => {
    expect(emailFromClaims({ email: ' Ana@Council.gov.uk ', email_verified: true }, true)).toEqual({ email: 'ana@council.gov.uk' });
    expect(emailFromClaims({ email: 'ana@council.gov.uk' }, true)).toEqual({ refused: 'email-unverified' });
    expect(emailFromClaims({ email: 'ana@council.gov.uk', email_verified: false }, false)).toEqual({ email: 'ana@council.gov.uk' });
    expect(emailFromClaims({}, false)).toEqual({ refused: 'no-email' });
    expect(emailFromClaims({ email: 42 }, false)).toEqual({ refused: 'no-email' });
  });
});
