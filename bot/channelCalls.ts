import { BlockList, isIP } from 'node:net';

/**
 * Calls to a channel (a turn's replies, a proactive text) and where they may go.
 *
 * - **A deadline per turn.** Every call a turn makes to its channel (Bot Framework's ConnectorClient) shares
 *   one deadline, started by the first call: a channel that never answers, or cannot be reached, holds the
 *   person's conversation (whose turns run one at a time) for that long at most, retries included; the next
 *   message is then served. What was not delivered is lost to that channel only: the turn was stored first.
 * - **Where, with authentication off.** Replies go to the activity's `serviceUrl`. Without authentication
 *   nothing proves who sent an activity, so its `serviceUrl` must be this machine or a host the operator
 *   named; otherwise anyone who reaches the port could make the bot post wherever they like.
 */

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Host names of this machine: `localhost`, 127.0.0.0/8 and ::1 (IPv4-mapped too), bracketed or not. */
export function isLoopbackHost(host: string): boolean {
  const name = withoutBrackets(host.trim().toLowerCase());
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const family = isIP(name);
  return family !== 0 && LOOPBACK.check(name, family === 4 ? 'ipv4' : 'ipv6');
}

/** Splits `ALLOWED_SERVICE_URL_HOSTS` (`host, host`) into lower-case host names. */
export function parseHostList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((host) => withoutBrackets(host.trim().toLowerCase()))
    .filter((host) => host !== '');
}

/**
 * Whether replies may be posted to this `serviceUrl` when authentication is off: an http(s) URL on this
 * machine or on one of `allowedHosts` (compared by host name, any port). Every activity asks, and a channel
 * uses one or two URLs: the answers for the URLs seen last are kept (bounded).
 */
export function serviceUrlAllowed(serviceUrl: string, allowedHosts: readonly string[]): boolean {
  let answers = verdicts.get(allowedHosts);
  if (!answers) verdicts.set(allowedHosts, (answers = new Map()));
  let allowed = answers.get(serviceUrl);
  if (allowed === undefined) {
    allowed = decideServiceUrl(serviceUrl, allowedHosts);
    if (answers.size >= VERDICTS_KEPT) answers.clear();
    answers.set(serviceUrl, allowed);
  }
  return allowed;
}

const verdicts = new WeakMap<readonly string[], Map<string, boolean>>();
const VERDICTS_KEPT = 256;

function decideServiceUrl(serviceUrl: string, allowedHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = withoutBrackets(url.hostname.toLowerCase());
  return isLoopbackHost(host) || allowedHosts.includes(host);
}

/** The channel did not take a turn's replies in time (or an earlier call of the turn used the time up). */
export class ChannelDeadlineError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`the channel did not answer within ${deadlineMs} ms`);
    this.name = 'ChannelDeadlineError';
  }
}

/** A reply was about to go to a `serviceUrl` that is neither this machine nor an allowed host. */
export class ServiceUrlNotAllowedError extends Error {
  constructor() {
    super('replies go only to this machine or an allowed serviceUrl host while authentication is off');
    this.name = 'ServiceUrlNotAllowedError';
  }
}

/**
 * What every ConnectorClient operation goes through (`ServiceClientContext.sendOperationRequest`, public in
 * botbuilder-stdlib): its `options.abortSignal` (`RequestOptionsBase`) aborts the request, its retries and
 * the waits between them.
 */
interface OperationSender {
  sendOperationRequest(operationArguments: { options?: { abortSignal?: unknown } & Record<string, unknown> } & Record<string, unknown>, ...rest: unknown[]): Promise<unknown>;
}

export interface ChannelCallRules {
  /** The deadline shared by all of one turn's calls to its channel. */
  deadlineMs: number;
  /** Checked before each call: false refuses it (authentication off, and not an allowed host). */
  mayCall: () => boolean;
}

/**
 * A turn's own view of a connector client shared by every turn to its channel (bot/reusedClients.ts): its
 * calls obey the turn's rules. All of one turn's calls share one deadline, started by the first, and a call
 * the rules refuse is never made. The view inherits everything from the shared client; only the method every
 * operation goes through is its own, and so are the operation groups (`conversations`, `attachments`), which
 * call it through their `client`. (Cheaper than an AsyncLocalStorage: on Node 20 one of those puts a hook on
 * every promise the process makes, whether or not a turn ever calls its channel.)
 */
export function clientForTurn<Client>(client: Client, rules: ChannelCallRules): Client {
  if (!isOperationSender(client)) return client;
  const send = client.sendOperationRequest.bind(client);
  let deadline: { signal: AbortSignal; expired: Promise<never> } | undefined;
  const view = Object.create(client) as OperationSender & Record<string, unknown>;
  view.sendOperationRequest = (operationArguments, ...rest) => {
    if (!rules.mayCall()) return Promise.reject(new ServiceUrlNotAllowedError());
    deadline ??= startDeadline(rules.deadlineMs);
    const own = operationArguments.options?.abortSignal;
    const abortSignal = own instanceof AbortSignal ? AbortSignal.any([own, deadline.signal]) : deadline.signal;
    // The signal aborts the request and the SDK's retries; the race also bounds what the signal cannot
    // reach (fetching a sign-in token before the request, for instance).
    return Promise.race([send({ ...operationArguments, options: { ...operationArguments.options, abortSignal } }, ...rest), deadline.expired]);
  };
  const shared = client as unknown as Record<string, object>;
  for (const name of operationGroupsOf(client)) view[name] = Object.create(shared[name], { client: { value: view } });
  return view as Client;
}

/** Each shared client's operation groups, by name, found once (a client is shared by every turn to its channel). */
const operationGroups = new WeakMap<object, readonly string[]>();

/** The names of a client's operation groups (`conversations`, `attachments`): each calls the client it holds. */
function operationGroupsOf(client: object): readonly string[] {
  let names = operationGroups.get(client);
  if (!names) {
    names = Object.entries(client)
      .filter(([, group]) => typeof group === 'object' && group !== null && (group as { client?: unknown }).client === client)
      .map(([name]) => name);
    operationGroups.set(client, names);
  }
  return names;
}

function startDeadline(ms: number): { signal: AbortSignal; expired: Promise<never> } {
  const controller = new AbortController();
  const expired = new Promise<never>((_resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new ChannelDeadlineError(ms);
      controller.abort(error);
      reject(error);
    }, ms);
    // Never keep the process alive for a deadline.
    timer.unref();
  });
  // Nobody may be racing it any more when it fires.
  expired.catch(() => undefined);
  return { signal: controller.signal, expired };
}

function isOperationSender(client: unknown): client is OperationSender {
  return typeof (client as Partial<OperationSender> | undefined)?.sendOperationRequest === 'function';
}

/** `[::1]` (a URL's way of writing an IPv6 host) as `::1`. */
function withoutBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
