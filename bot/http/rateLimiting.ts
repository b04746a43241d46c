import { isIPv4, isIPv6 } from 'node:net';
import type { Request, Response } from 'restify';
import type { RateDecision, RateLimit } from '../../useCases/ports.js';
import type { RateLimits } from '../../data/rateLimits.js';
import type { OneStoryConfig } from '../config.js';

/** Every limit the server applies, built once from the configuration (README: Rate limits). */
export interface ServerLimits {
  /** Local web conversations and tokens started, per client address. */
  directLineStarts: RateLimit;
  /** Messages per conversation: the local web chat's, and /api/messages' when authentication is off. */
  messages: RateLimit;
  /** Agency API requests per key. */
  agencyKey: RateLimit;
  /** Resume codes tried per channel user. */
  resumeCodePerUser: RateLimit;
  /** Resume codes tried by everyone together, with growing blocks. */
  resumeCodeEveryone: RateLimit;
}

export const DIRECTLINE_STARTS_WINDOW_SECONDS = 10 * 60;
export const MESSAGES_WINDOW_SECONDS = 60;
export const AGENCY_API_WINDOW_SECONDS = 60;
export const RESUME_CODE_USER_WINDOW_SECONDS = 60 * 60;
export const RESUME_CODE_ALL_USERS_WINDOW_SECONDS = 10 * 60;
/** Every attempt across all users counts under this one key. */
export const EVERYONE = 'everyone';

export function serverLimits(config: OneStoryConfig, limits: RateLimits): ServerLimits {
  return {
    directLineStarts: limits.window({ name: 'directline-starts', points: config.DIRECTLINE_STARTS_PER_ADDRESS, windowSeconds: DIRECTLINE_STARTS_WINDOW_SECONDS }),
    messages: limits.window({ name: 'messages', points: config.MESSAGES_PER_CONVERSATION, windowSeconds: MESSAGES_WINDOW_SECONDS }),
    agencyKey: limits.window({ name: 'agency-api', points: config.AGENCY_API_REQUESTS_PER_KEY, windowSeconds: AGENCY_API_WINDOW_SECONDS }),
    resumeCodePerUser: limits.window({ name: 'resume-code-user', points: config.RESUME_CODE_ATTEMPTS_PER_USER, windowSeconds: RESUME_CODE_USER_WINDOW_SECONDS }),
    resumeCodeEveryone: limits.growing({
      name: 'resume-code-everyone',
      points: config.RESUME_CODE_ATTEMPTS_ALL_USERS,
      windowSeconds: RESUME_CODE_ALL_USERS_WINDOW_SECONDS,
      blockSeconds: config.RESUME_CODE_BLOCK_SECONDS,
      maxBlockSeconds: Math.max(config.RESUME_CODE_BLOCK_SECONDS, config.RESUME_CODE_MAX_BLOCK_SECONDS),
    }),
  };
}

/**
 * Who is asking, as an address to count by. The socket's peer, unless `trustedProxies` proxies stand in
 * front: then the address the last of them was given (X-Forwarded-For, read from the right, so a client
 * cannot name itself). IPv6 addresses count by their /64, which one subscriber usually holds whole.
 */
export function clientAddress(req: Request, trustedProxies: number): string {
  const peer = req.socket?.remoteAddress ?? 'unknown';
  let address = peer;
  if (trustedProxies > 0) {
    const header = req.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const chain = [...forwarded, peer];
    address = chain[Math.max(0, chain.length - 1 - trustedProxies)];
  }
  return addressKey(address);
}

function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  const bare = address.replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return `other:${bare.slice(0, 64)}`;
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  // An embedded IPv4 tail (::1.2.3.4) takes two groups; only the first four groups are kept, so it is not read.
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

/** Seconds to wait, for the Retry-After header: at least one. */
export function retryAfterSeconds(decision: Extract<RateDecision, { allowed: false }>): number {
  return Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
}

/** 429 Too Many Requests, with Retry-After and the route's own stable JSON body. */
export function refuseTooMany(res: Response, decision: Extract<RateDecision, { allowed: false }>, body: object): void {
  res.header('Retry-After', String(retryAfterSeconds(decision)));
  res.send(429, body);
}
