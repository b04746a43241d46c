import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';

// The SDK's own types, named through ConfigurationBotFrameworkAuthentication (botframework-connector, which
// defines them, is not a dependency of this project of its own).
type Authentication = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<Authentication['authenticateRequest']>>;
type ClaimsIdentity = Parameters<Authentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

/** How many clients are kept: a bot talks to a handful of channel service URLs; anything beyond is rebuilt as needed. */
const CLIENTS_KEPT = 64;

/** The claims Bot Framework reads a bot's app id from (AuthenticationConstants.AudienceClaim, then AppIdClaim). */
const AUDIENCE_CLAIM = 'aud';
const APP_ID_CLAIM = 'appid';

/**
 * Bot Framework authentication that builds each outbound client once instead of once per activity.
 *
 * CloudAdapter asks for a new ConnectorClient (an HTTP pipeline of a dozen policies, with its credentials)
 * and a new UserTokenClient for every activity it processes, whether or not the turn sends anything
 * through them; at 50 people at once that was about a tenth of a turn's CPU time. The clients hold no
 * per-conversation state (the credentials fetch and refresh their own tokens), so, as BotFrameworkAdapter
 * did (its connector clients are kept by service URL, app id and scope), the same one serves every turn
 * for the same app id, service URL and audience. Authentication itself is unchanged: every request is
 * still authenticated by the SDK before its turn runs; only the making of clients is shared.
 */
export class ClientReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new RecentlyUsed<Promise<ConnectorClient>>(CLIENTS_KEPT);
  private readonly userTokenClients = new RecentlyUsed<Promise<UserTokenClient>>(CLIENTS_KEPT);

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.getOrMake(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  /** The SDK's factory (made per request for the caller's app id), with the clients it makes kept and reused. */
  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const clients = this.connectorClients;
    return {
      create: (serviceUrl: string, audience?: string) => clients.getOrMake(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    } as ConnectorFactory;
  }
}

/** The app id the SDK makes a request's clients for (as ParameterizedBotFrameworkAuthentication reads it). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AUDIENCE_CLAIM) ?? claimsIdentity.getClaimValue(APP_ID_CLAIM) ?? '';
}

/** A bounded map of what was made, the least recently used dropped first; a making that fails is not kept. */
class RecentlyUsed<T extends Promise<unknown>> {
  private readonly made = new Map<string, T>();

  constructor(private readonly limit: number) {}

  getOrMake(key: string, make: () => T): T {
    const known = this.made.get(key);
    if (known) {
      this.made.delete(key);
      this.made.set(key, known);
      return known;
    }
    const making = make();
    this.made.set(key, making);
    if (this.made.size > this.limit) this.made.delete(this.made.keys().next().value as string);
    making.catch(() => {
      if (this.made.get(key) === making) this.made.delete(key);
    });
    return making;
  }
}
