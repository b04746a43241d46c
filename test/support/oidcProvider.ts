import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider, the certified implementation) on a free loopback port, for
 * single sign-on tests: one confidential client registered for the app's callback, PKCE required, and its
 * development login and consent pages, where any login name is accepted. The login name is the subject; what
 * `accounts` says about it becomes the email claims (a name not in `accounts` gets no email at all).
 */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The AGENCY_SSO entry for this provider. */
  settings(extra?: { emailDomains?: string[]; requireVerifiedEmail?: boolean }): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startOidcProvider(options: { redirectUri: string; accounts: Record<string, ProviderAccount> }): Promise<TestOidcProvider> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => handle!(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = `one-story-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, ...(options.accounts[sub] ?? {}) }),
    }),
  });
  // Its own cookies' Secure flag follows the request; this one is plain http on loopback.
  handle = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    settings: (extra = {}) => ({ issuer, clientId, clientSecret, ...extra }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The browser's kept-alive connections would hold the port open for seconds.
        server.closeAllConnections();
      }),
  };
}
