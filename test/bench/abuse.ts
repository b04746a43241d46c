import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyKeyStore } from '../../data/sharing/agencyKeyStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores } from '../../data/stores.js';
import { ServerProcess, type LogLine } from './serverProcess.js';

/**
 * A bounded abuse run against the real server over HTTP: oversized bodies, deep nesting, long strings,
 * malformed JSON and token floods, on every route that takes input, each request also carrying a real
 * Direct Line token or agency key, a cookie and a personal sentence (the canary). What the server
 * answered is counted by status and error code; a 5xx, a request with no answer, a Direct Line
 * conversation that can no longer be read afterwards, and every log line (stdout and stderr, the server
 * at LOG_LEVEL=debug) that carries the canary or a secret are what must stay at zero.
 *
 * `npm run bench` prints it (test/bench/run.ts); test/security/logsCannotLeak.test.ts runs it and asserts.
 */

/** A sentence only a person would write: it must never reach a log. */
export const CANARY = 'My name is Canary Quillfeather and I sleep behind Peterborough bus station';
/** Sent as a cookie on every request: no cookie is ever to be logged either. */
export const COOKIE_SECRET = `session=cookie-${randomBytes(12).toString('hex')}`;

const DIRECT_LINE = '/v3/directline';
/** The agency whose key the run uses (any in data/agencies.json). */
const AGENCY_ID = 'cambridge-housing-options';

export type Category =
  | 'ordinary requests'
  | 'oversized bodies'
  | 'deep nesting'
  | 'long strings and counts'
  | 'malformed JSON'
  | 'token floods'
  | 'reads of the abused conversation';
export const CATEGORIES: readonly Category[] = [
  'ordinary requests',
  'oversized bodies',
  'deep nesting',
  'long strings and counts',
  'malformed JSON',
  'token floods',
  'reads of the abused conversation',
];

/** What the server answered: a status (0: no answer, the connection failed) and the body's error code. */
export interface Outcome {
  status: number;
  code: string;
}

export interface AbuseFigures {
  /** Per category: "status code" → how many requests got that answer. */
  outcomes: Map<Category, Map<string, number>>;
  requests: number;
  serverErrors: number;
  /** Requests the server never answered (the connection was reset or timed out). */
  unanswered: number;
  failedRequests: string[];
  /** Times a Direct Line conversation answered anything but 200 when read after an abusive request to it. */
  poisonedReads: number;
  /** After the run: the health check, an existing conversation and a new one (each true when it worked). */
  healthAfter: { healthz: boolean; existingConversation: boolean; newConversation: string };
  logLines: number;
  leakedLines: LogLine[];
}

interface Conversation {
  id: string;
  token: string;
}

/** Sends requests and keeps count of their answers. */
class Prober {
  readonly outcomes = new Map<Category, Map<string, number>>();
  requests = 0;
  serverErrors = 0;
  /** Which requests got a 5xx or no answer: category, method and route (ids and long values shortened). */
  readonly failedRequests: string[] = [];
  unanswered = 0;
  poisonedReads = 0;
  /** What no log line may hold: the whole sentence and its rarest word, the cookie and its value, each token and key. */
  readonly secrets = new Set<string>([CANARY, 'Quillfeather', COOKIE_SECRET, COOKIE_SECRET.split('=')[1]]);
  /** Conversations whose token a refresh replaces (the run keeps using them). */
  private readonly conversations: Conversation[] = [];

  constructor(
    readonly baseUrl: string,
    readonly agencyKey: string,
  ) {
    this.secrets.add(agencyKey);
  }

  async send(category: Category, method: string, path: string, init: { body?: string | Buffer; contentType?: string; authorization?: string; headers?: Record<string, string> } = {}): Promise<Outcome & { json?: unknown }> {
    const headers: Record<string, string> = { cookie: COOKIE_SECRET, 'x-canary': CANARY.replace(/[^\x20-\x7e]/g, ''), ...init.headers };
    if (init.contentType) headers['content-type'] = init.contentType;
    if (init.authorization) headers.authorization = init.authorization;
    let status = 0;
    let code = 'no answer';
    let json: unknown;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: typeof init.body === 'string' ? init.body : init.body ? new Uint8Array(init.body) : undefined, signal: AbortSignal.timeout(20_000) });
      status = response.status;
      const text = await response.text();
      try {
        json = JSON.parse(text);
        const body = json as { code?: unknown; error?: { code?: unknown } };
        code = String(body?.code ?? body?.error?.code ?? '-');
      } catch {
        code = text.trimStart().startsWith('<') ? 'html' : '-';
      }
    } catch (error) {
      code = `no answer (${error instanceof Error ? (error.cause as { code?: string } | undefined)?.code ?? error.name : 'error'})`;
    }
    this.requests++;
    if (status >= 500) this.serverErrors++;
    if (status === 0) this.unanswered++;
    if (status >= 500 || status === 0) this.failedRequests.push(`${category}: ${method} ${routeOf(path)} (${init.body === undefined ? 0 : init.body.length} bytes) -> ${status || code}`);
    const byOutcome = this.outcomes.get(category) ?? new Map<string, number>();
    const key = `${status || '---'} ${code}`;
    byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
    this.outcomes.set(category, byOutcome);
    const refreshed = status === 200 && path.endsWith('/tokens/refresh') ? (json as { token?: unknown } | undefined)?.token : undefined;
    if (typeof refreshed === 'string') {
      this.secrets.add(refreshed);
      const owner = this.conversations.find((conversation) => init.authorization === `Bearer ${conversation.token}`);
      if (owner) owner.token = refreshed;
    }
    return { status, code, json };
  }

  /** Starts a Direct Line conversation (its token becomes a secret to look for in the logs). */
  async conversation(category: Category): Promise<Conversation | undefined> {
    const started = await this.send(category, 'POST', `${DIRECT_LINE}/conversations`, { body: JSON.stringify({ locale: 'en-GB' }), contentType: 'application/json' });
    const body = started.json as { conversationId?: string; token?: string } | undefined;
    if (!body?.conversationId || !body.token) return undefined;
    this.secrets.add(body.token);
    const conversation = { id: body.conversationId, token: body.token };
    this.conversations.push(conversation);
    return conversation;
  }

  /** Reads the conversation as Web Chat does; anything but 200 means an earlier request broke it. */
  async stillReadable(conversation: Conversation): Promise<boolean> {
    const read = await this.send('reads of the abused conversation', 'GET', `${DIRECT_LINE}/conversations/${conversation.id}/activities?watermark=0`, { authorization: `Bearer ${conversation.token}` });
    if (read.status !== 200) this.poisonedReads++;
    return read.status === 200;
  }
}

/** A path as a route: conversation ids and long segments shortened, the query left out. */
function routeOf(path: string): string {
  return path
    .split('?')[0]
    .split('/')
    .map((segment) => (segment.length > 20 ? `<${segment.length} chars>` : segment))
    .join('/');
}

/** `depth` nested arrays (or objects) around the canary, built as text: no recursion anywhere. */
export function nestedJson(depth: number, kind: 'array' | 'object' = 'array'): string {
  const [open, close] = kind === 'array' ? ['[', ']'] : ['{"a":', '}'];
  return `${open.repeat(depth)}${JSON.stringify(CANARY)}${close.repeat(depth)}`;
}

function activityJson(extra: string): string {
  return `{"type":"message","text":${JSON.stringify(CANARY)}${extra}}`;
}

/** An activity as a Bot Framework channel posts it (deliveryMode expectReplies: replies come back in the answer). */
function channelActivity(conversationId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `abuse-${randomBytes(4).toString('hex')}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: `${conversationId}-user`, name: 'Person' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: 'en-GB',
    text: CANARY,
    ...extra,
  };
}

/** The routes that take a body, for a case sent to all of them; each route's credentials are read when it is called. */
function bodyRoutes(conversation: Conversation, agencyKey: string): Array<{ path: string; authorization: () => string | undefined }> {
  const directLine = () => `Bearer ${conversation.token}`;
  return [
    { path: '/api/messages', authorization: directLine },
    { path: `${DIRECT_LINE}/tokens/generate`, authorization: () => undefined },
    { path: `${DIRECT_LINE}/conversations`, authorization: directLine },
    { path: `${DIRECT_LINE}/tokens/refresh`, authorization: directLine },
    { path: `${DIRECT_LINE}/conversations/${conversation.id}/activities`, authorization: directLine },
    { path: '/api/agency/handoffs/no-such-handoff/status', authorization: () => `Bearer ${agencyKey}` },
  ];
}

async function ordinaryRequests(probe: Prober): Promise<Conversation | undefined> {
  const category: Category = 'ordinary requests';
  const conversation = await probe.conversation(category);
  if (!conversation) return undefined;
  const auth = `Bearer ${conversation.token}`;
  await probe.send(category, 'POST', `${DIRECT_LINE}/conversations/${conversation.id}/activities`, { body: JSON.stringify({ type: 'message', text: CANARY, locale: 'en-GB' }), contentType: 'application/json', authorization: auth });
  await probe.send(category, 'POST', `${DIRECT_LINE}/conversations/${conversation.id}/activities`, { body: JSON.stringify({ type: 'message', text: 'hi', value: { said: CANARY } }), contentType: 'application/json', authorization: auth });
  await probe.send(category, 'GET', `${DIRECT_LINE}/conversations/${conversation.id}`, { authorization: auth });
  await probe.send(category, 'GET', `${DIRECT_LINE}/conversations/${conversation.id}/activities?watermark=${encodeURIComponent(CANARY)}`, { authorization: auth });
  await probe.send(category, 'POST', `${DIRECT_LINE}/tokens/refresh`, { authorization: auth });
  const generated = await probe.send(category, 'POST', `${DIRECT_LINE}/tokens/generate`, { authorization: auth });
  const generatedToken = (generated.json as { token?: string } | undefined)?.token;
  if (generatedToken) probe.secrets.add(generatedToken);
  await probe.send(category, 'POST', '/api/messages', { body: JSON.stringify(channelActivity(`abuse-ordinary-${randomBytes(4).toString('hex')}`)), contentType: 'application/json', authorization: auth });
  // Replies posted to a channel that is not there: the turn fails, and what is logged about it must not carry the message.
  const unreachable = channelActivity(`abuse-unreachable-${randomBytes(4).toString('hex')}`, { deliveryMode: 'normal' });
  await probe.send(category, 'POST', '/api/messages', { body: JSON.stringify(unreachable), contentType: 'application/json', authorization: auth });
  await probe.send(category, 'GET', '/api/agency/handoffs?pageSize=5', { authorization: `Bearer ${probe.agencyKey}` });
  await probe.send(category, 'GET', `/api/agency/handoffs/${encodeURIComponent(CANARY)}`, { authorization: `Bearer ${probe.agencyKey}` });
  await probe.send(category, 'POST', '/api/agency/handoffs/no-such-handoff/status', { body: JSON.stringify({ status: 'received', message: CANARY }), contentType: 'application/json', authorization: `Bearer ${probe.agencyKey}` });
  await probe.send(category, 'GET', `/?lang=${encodeURIComponent(CANARY)}`, { authorization: auth });
  await probe.send(category, 'GET', '/about', { authorization: `Bearer ${probe.agencyKey}` });
  await probe.send(category, 'GET', '/healthz', { authorization: auth });
  await probe.send(category, 'GET', `/no/such/${encodeURIComponent(CANARY)}`, { authorization: auth });
  await probe.send(category, 'DELETE', '/api/agency/handoffs', { authorization: `Bearer ${probe.agencyKey}` });
  return conversation;
}

async function oversizedBodies(probe: Prober, victim: Conversation): Promise<void> {
  const category: Category = 'oversized bodies';
  const sizes = [600 * 1024, 4 * 1024 * 1024];
  for (const size of sizes) {
    const body = activityJson(`,"value":${JSON.stringify(CANARY.padEnd(size, ' x'))}`);
    for (const route of bodyRoutes(victim, probe.agencyKey)) {
      await probe.send(category, 'POST', route.path, { body, contentType: 'application/json', authorization: route.authorization() });
      await probe.stillReadable(victim);
    }
  }
}

async function deepNesting(probe: Prober, victim: Conversation): Promise<void> {
  const category: Category = 'deep nesting';
  for (const depth of [40, 2_000, 100_000]) {
    for (const kind of ['array', 'object'] as const) {
      const nested = nestedJson(depth, kind);
      const routes = bodyRoutes(victim, probe.agencyKey);
      const bodies: Record<string, string> = {
        '/api/messages': JSON.stringify(channelActivity(`abuse-deep-${depth}-${kind}`)).replace(/}$/, `,"value":${nested},"channelData":${nested}}`),
        '/api/agency/handoffs/no-such-handoff/status': `{"status":"received","message":${nested}}`,
      };
      for (const route of routes) {
        const body = bodies[route.path] ?? activityJson(`,"value":${nested}`);
        await probe.send(category, 'POST', route.path, { body, contentType: 'application/json', authorization: route.authorization() });
        await probe.stillReadable(victim);
      }
    }
  }
}

async function longStrings(probe: Prober, victim: Conversation): Promise<void> {
  const category: Category = 'long strings and counts';
  const long = (length: number) => JSON.stringify(CANARY.padEnd(length, ' x'));
  const dlPath = `${DIRECT_LINE}/conversations/${victim.id}/activities`;
  const auth = `Bearer ${victim.token}`;
  const directLineBodies = [
    `{"type":"message","text":${long(100_001)}}`,
    `{"type":"message","text":"hi","name":${long(20_000)}}`,
    `{"type":"message","text":"hi","locale":${long(5_000)}}`,
    `{"type":"message","text":"hi","value":${long(300_000)}}`,
    `{"type":"message","text":"hi","value":[${Array.from({ length: 60_000 }, () => '0').join(',')}]}`,
    `{"type":"message","text":"hi","value":{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(',')}}}`,
    `{"type":"message","text":"hi","value":{${long(50_000)}:1}}`,
    `{"type":"message","text":"hi","channelData":{"clientActivityID":${long(10_000)}}}`,
    `{"type":"message","text":"hi","entities":[${Array.from({ length: 5_000 }, () => `{"type":"mention","text":${JSON.stringify(CANARY)}}`).join(',')}]}`,
  ];
  for (const body of directLineBodies) {
    await probe.send(category, 'POST', dlPath, { body, contentType: 'application/json', authorization: auth });
    await probe.stillReadable(victim);
  }
  const conversationId = `abuse-long-${randomBytes(4).toString('hex')}`;
  const messages = [
    channelActivity(conversationId, { text: CANARY.padEnd(100_001, ' x') }),
    channelActivity(`${conversationId}${'x'.repeat(20_000)}`),
    channelActivity(conversationId, { from: { id: CANARY.padEnd(20_000, ' x') } }),
    channelActivity(conversationId, { entities: Array.from({ length: 5_000 }, () => ({ type: 'mention', text: CANARY })) }),
    channelActivity(conversationId, { attachments: Array.from({ length: 2_000 }, () => ({ contentType: 'text/plain', content: CANARY })) }),
    channelActivity(conversationId, { membersAdded: Array.from({ length: 5_000 }, (_, i) => ({ id: `member-${i}` })), type: 'conversationUpdate' }),
    channelActivity(conversationId, { value: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, CANARY.slice(0, 8)])) }),
    channelActivity(conversationId, { serviceUrl: `http://127.0.0.1:9/${'x'.repeat(10_000)}` }),
  ];
  for (const activity of messages) {
    await probe.send(category, 'POST', '/api/messages', { body: JSON.stringify(activity), contentType: 'application/json', authorization: auth });
  }
  const agency = `Bearer ${probe.agencyKey}`;
  await probe.send(category, 'POST', '/api/agency/handoffs/no-such-handoff/status', { body: `{"status":"received","message":${long(100_000)}}`, contentType: 'application/json', authorization: agency });
  await probe.send(category, 'POST', `/api/agency/handoffs/${'h'.repeat(50_000)}/status`, { body: '{"status":"received"}', contentType: 'application/json', authorization: agency });
  await probe.send(category, 'GET', `/api/agency/handoffs?status=${'s'.repeat(50_000)}`, { authorization: agency });
  await probe.send(category, 'GET', `/api/agency/handoffs?${Array.from({ length: 2_000 }, (_, i) => `p${i}=1`).join('&')}`, { authorization: agency });
  await probe.send(category, 'GET', `/?lang=${'l'.repeat(50_000)}`);
  await probe.send(category, 'GET', `${DIRECT_LINE}/conversations/${victim.id}/activities?watermark=${'9'.repeat(50_000)}`, { authorization: auth });
}

async function malformedJson(probe: Prober, victim: Conversation): Promise<void> {
  const category: Category = 'malformed JSON';
  const canary = JSON.stringify(CANARY);
  const bodies: Array<{ body: string | Buffer; contentType?: string }> = [
    { body: `{"type":"message","text":${canary}`, contentType: 'application/json' },
    { body: `${CANARY} {`, contentType: 'application/json' },
    { body: `{"type":"message","text":${canary},}`, contentType: 'application/json' },
    { body: `[${canary}]`, contentType: 'application/json' },
    { body: canary, contentType: 'application/json' },
    { body: 'null', contentType: 'application/json' },
    { body: '42', contentType: 'application/json' },
    { body: `{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"type":"message","text":${canary}}`, contentType: 'application/json' },
    { body: Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`${CANARY}"}`)]), contentType: 'application/json' },
    { body: `{"type":"message","text":"\\ud800${CANARY}\\u0000"}`, contentType: 'application/json' },
    { body: `text=${encodeURIComponent(CANARY)}&type=message`, contentType: 'application/x-www-form-urlencoded' },
    { body: CANARY, contentType: 'text/plain' },
    { body: `--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n${CANARY}\r\n--b--\r\n`, contentType: 'multipart/form-data; boundary=b' },
    { body: `{"type":"message","text":${canary}}`, contentType: 'application/json; charset=utf-16' },
    { body: `{"type":"message","text":${canary}}` },
  ];
  for (const route of bodyRoutes(victim, probe.agencyKey)) {
    for (const { body, contentType } of bodies) {
      await probe.send(category, 'POST', route.path, { body, contentType, authorization: route.authorization() });
    }
    await probe.stillReadable(victim);
  }
}

async function tokenFloods(probe: Prober, victim: Conversation, size: number): Promise<void> {
  const category: Category = 'token floods';
  const inParallel = async (count: number, one: (i: number) => Promise<unknown>) => {
    for (let start = 0; start < count; start += 20) await Promise.all(Array.from({ length: Math.min(20, count - start) }, (_, i) => one(start + i)));
  };
  const randomToken = () => randomBytes(32).toString('base64url');
  await inParallel(size, () => probe.send(category, 'GET', `${DIRECT_LINE}/conversations/${victim.id}/activities`, { authorization: `Bearer ${randomToken()}` }));
  await inParallel(size, () => probe.send(category, 'POST', `${DIRECT_LINE}/tokens/refresh`, { authorization: `Bearer ${randomToken()}` }));
  await inParallel(size, () => probe.send(category, 'GET', '/api/agency/handoffs', { authorization: `Bearer ${randomToken()}` }));
  await inParallel(20, () => probe.send(category, 'GET', '/api/agency/handoffs', { authorization: `Bearer ${'k'.repeat(7_000)}` }));
  await inParallel(20, () => probe.send(category, 'GET', `${DIRECT_LINE}/conversations/${victim.id}/activities`, { authorization: `Basic ${Buffer.from(`${CANARY}:${victim.token}`).toString('base64')}` }));
  await inParallel(size, () => probe.send(category, 'POST', `${DIRECT_LINE}/tokens/generate`));
  await probe.stillReadable(victim);
}

/** After the run: is the server healthy, and does a conversation still work? */
async function healthAfter(probe: Prober, victim: Conversation): Promise<AbuseFigures['healthAfter']> {
  const category: Category = 'ordinary requests';
  const healthz = (await probe.send(category, 'GET', '/healthz')).status === 200;
  const talk = async (conversation: Conversation): Promise<boolean> => {
    const auth = `Bearer ${conversation.token}`;
    const before = await probe.send(category, 'GET', `${DIRECT_LINE}/conversations/${conversation.id}/activities`, { authorization: auth });
    const seen = (before.json as { activities?: unknown[] } | undefined)?.activities?.length ?? 0;
    const posted = await probe.send(category, 'POST', `${DIRECT_LINE}/conversations/${conversation.id}/activities`, { body: JSON.stringify({ type: 'message', text: 'help' }), contentType: 'application/json', authorization: auth });
    if (posted.status !== 200) return false;
    const after = await probe.send(category, 'GET', `${DIRECT_LINE}/conversations/${conversation.id}/activities`, { authorization: auth });
    const activities = (after.json as { activities?: Array<{ from?: { role?: string }; type?: string }> } | undefined)?.activities ?? [];
    // The person's message and at least one reply from the bot after it.
    return activities.slice(seen).some((activity) => activity.from?.role === 'bot' && activity.type === 'message');
  };
  const existingConversation = await talk(victim);
  const fresh = await probe.conversation(category);
  const newConversation = fresh ? ((await talk(fresh)) ? 'worked' : 'did not answer') : 'could not start (a rate limit, after the floods, is expected)';
  return { healthz, existingConversation, newConversation };
}

/** Runs every category against a running server; `floodSize` requests per flood. */
export async function runAbuse(baseUrl: string, agencyKey: string, logLines: () => readonly LogLine[], floodSize = 200): Promise<AbuseFigures> {
  const probe = new Prober(baseUrl, agencyKey);
  const victim = await ordinaryRequests(probe);
  if (!victim) throw new Error('the abuse run could not start a Direct Line conversation');
  await oversizedBodies(probe, victim);
  await deepNesting(probe, victim);
  await longStrings(probe, victim);
  await malformedJson(probe, victim);
  await tokenFloods(probe, victim, floodSize);
  const health = await healthAfter(probe, victim);
  // Give the server a moment to write what it logs about the last requests.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const lines = logLines();
  const secrets = [...probe.secrets];
  return {
    outcomes: probe.outcomes,
    requests: probe.requests,
    serverErrors: probe.serverErrors,
    unanswered: probe.unanswered,
    failedRequests: probe.failedRequests,
    poisonedReads: probe.poisonedReads,
    healthAfter: health,
    logLines: lines.length,
    leakedLines: lines.filter((entry) => secrets.some((secret) => entry.line.includes(secret))),
  };
}

/** An agency key made as `npm run agency-key create` makes one, in the data folder the server will use. */
export async function createAgencyKey(dataDir: string, encryptionKey: Buffer): Promise<string> {
  const stores = await openStores({ dataDir, cipher: new RecordCipher(encryptionKey), owner: false });
  try {
    return (await new AgencyKeyStore(stores.documents).create(AGENCY_ID)).key;
  } finally {
    await stores.close();
  }
}

/** The compiled server at LOG_LEVEL=debug in a fresh data folder, the run against it, then stopped. */
export async function abuseCompiledServer(floodSize = 200): Promise<AbuseFigures & { serverStillRunning: boolean }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'one-story-abuse-'));
  const cwd = await mkdtemp(join(tmpdir(), 'one-story-abuse-cwd-'));
  const key = randomBytes(32);
  try {
    const agencyKey = await createAgencyKey(dataDir, key);
    const server = await ServerProcess.start({ dataDir, cwd, encryptionKey: key.toString('base64'), logLevel: 'debug' });
    try {
      const figures = await runAbuse(server.baseUrl, agencyKey, () => server.logLines(), floodSize);
      return { ...figures, serverStillRunning: server.running };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(cwd, { recursive: true, force: true });
  }
}

/** The figures as `npm run bench` prints them. */
export function describeAbuse(figures: AbuseFigures & { serverStillRunning: boolean }): string[] {
  const lines = ['Abuse run (the compiled server at LOG_LEVEL=debug; what each request was answered, by status and error code):'];
  for (const category of CATEGORIES) {
    const outcomes = figures.outcomes.get(category);
    if (!outcomes) continue;
    const total = [...outcomes.values()].reduce((sum, count) => sum + count, 0);
    const parts = [...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([outcome, count]) => `${outcome} x${count}`);
    lines.push(`  ${category} (${total}): ${parts.join(', ')}`);
  }
  const refused429 = [...figures.outcomes.values()].reduce((sum, outcomes) => sum + [...outcomes.entries()].filter(([key]) => key.startsWith('429 ')).reduce((s, [, n]) => s + n, 0), 0);
  lines.push(
    `  ${figures.requests} requests: ${figures.serverErrors} answered 5xx, ${figures.unanswered} never answered, ${refused429} refused 429; ` +
      `${figures.poisonedReads} reads of a conversation failed after abuse to it`,
    ...figures.failedRequests.slice(0, 8).map((failed) => `    ${failed}`),
    ...(figures.failedRequests.length > 8 ? [`    ... and ${figures.failedRequests.length - 8} more`] : []),
    `  after the run: server ${figures.serverStillRunning ? 'running' : 'STOPPED'}, /healthz ${figures.healthAfter.healthz ? 'ok' : 'FAILED'}, ` +
      `the abused conversation ${figures.healthAfter.existingConversation ? 'still works' : 'BROKEN'}, a new conversation ${figures.healthAfter.newConversation}`,
    `  logs: ${figures.logLines} lines on stdout and stderr, ${figures.leakedLines.length} carrying the personal sentence, a token, an agency key or a cookie`,
  );
  return lines;
}
