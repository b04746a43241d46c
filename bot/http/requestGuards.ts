import type { TFunction } from 'i18next';
import type { Next, Request, Response, Server } from 'restify';
import { describeErrorSafely, type Logger } from '../logger.js';
import { BODY_LIMITS, MAX_BODY_BYTES, QUERY_LIMITS, brokenLimit, type BrokenLimit, type JsonLimits } from './inputLimits.js';

/**
 * What every request passes before any route sees it, and what it is told when it does not: one fixed JSON
 * body per problem, with a stable `code`, that never quotes the request (restify's own answers quote the
 * path, or the JSON parser's message with the body's first characters).
 */

export type RequestProblem =
  | BrokenLimit
  | 'body_too_large'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'bad_request'
  | 'not_found'
  | 'method_not_allowed'
  | 'internal_error';

/**
 * Each problem's HTTP status, its code for Direct Line clients (Direct Line 3.0's own codes, in its
 * `{ error: { code, message } }` envelope) and its message (locales/en/api.json, `api.request.*`).
 */
const PROBLEMS: Record<RequestProblem, { status: number; directLine: string; message: string }> = {
  too_deep: { status: 400, directLine: 'BadArgument', message: 'api.request.tooDeep' },
  too_many_items: { status: 400, directLine: 'BadArgument', message: 'api.request.tooManyItems' },
  string_too_long: { status: 400, directLine: 'BadArgument', message: 'api.request.stringTooLong' },
  body_too_large: { status: 413, directLine: 'MessageSizeTooBig', message: 'api.request.bodyTooLarge' },
  invalid_json: { status: 400, directLine: 'BadArgument', message: 'api.request.invalidJson' },
  unsupported_media_type: { status: 415, directLine: 'BadArgument', message: 'api.request.unsupportedMediaType' },
  bad_request: { status: 400, directLine: 'BadArgument', message: 'api.request.badRequest' },
  not_found: { status: 404, directLine: 'NotFound', message: 'api.request.notFound' },
  method_not_allowed: { status: 405, directLine: 'NotFound', message: 'api.request.methodNotAllowed' },
  internal_error: { status: 500, directLine: 'ServiceError', message: 'api.request.internalError' },
};

export interface RequestGuardOptions {
  /** Copy for the messages (locales/en/api.json). */
  t: TFunction;
  log: Logger;
  /** Requests under this path are Direct Line's and answered in its envelope. */
  directLinePath: string;
}

export interface ProblemAnswer {
  status: number;
  body: object;
}

/** The answer to a problem, in the envelope of the route family the path belongs to. */
export function problemAnswer(problem: RequestProblem, path: string, options: RequestGuardOptions, limits: JsonLimits = BODY_LIMITS): ProblemAnswer {
  const message = options.t(PROBLEMS[problem].message, {
    maxKilobytes: MAX_BODY_BYTES / 1024,
    maxDepth: limits.depth,
    maxItems: limits.items,
    maxNodes: limits.nodes,
    maxLength: limits.stringLength,
  });
  const body = path.startsWith(`${options.directLinePath}/`) ? { error: { code: PROBLEMS[problem].directLine, message } } : { code: problem, message };
  return { status: PROBLEMS[problem].status, body };
}

/** Where HTML forms post (the staff pages): these paths also take application/x-www-form-urlencoded bodies. */
const FORM_PATHS = /^\/(inbox|outcomes)(\/|$)/;
const FORM_TYPE = 'application/x-www-form-urlencoded';

function takesForms(req: Request): boolean {
  return FORM_PATHS.test(req.path());
}

/**
 * A form body as an object of strings (a name sent more than once: an array of its strings). Read with
 * URLSearchParams, so `a[b]=c` is a field named `a[b]`, never a nested object.
 */
function parseFormBody(req: Request, _res: Response, next: Next): void {
  if (!takesForms(req) || req.getContentType() !== FORM_TYPE || (typeof req.body !== 'string' && !Buffer.isBuffer(req.body))) return next();
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(req.body.toString())) {
    const before = fields[name];
    fields[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  req.body = { ...fields };
  return next();
}

/**
 * A body as restify's reader will read it: present, JSON (or, on the staff pages, a form) and UTF-8 text,
 * not compressed (a small gzip can hold gigabytes).
 */
function unreadableBody(req: Request): RequestProblem | undefined {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return undefined;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return 'unsupported_media_type';
  const contentType = req.headers['content-type'];
  if (contentType === undefined) return undefined;
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const form = type === FORM_TYPE && takesForms(req);
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(type) && !form) return 'unsupported_media_type';
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  if (charset && !['charset=utf-8', 'charset="utf-8"', 'charset=utf8'].includes(charset)) return 'unsupported_media_type';
  return undefined;
}

/** The restify errors raised before a route runs, as our problems. */
function problemOf(error: { name?: string; statusCode?: number }): RequestProblem {
  switch (error.name) {
    case 'InvalidContentError':
      return 'invalid_json';
    case 'PayloadTooLargeError':
    case 'RequestEntityTooLargeError':
      return 'body_too_large';
    case 'UnsupportedMediaTypeError':
      return 'unsupported_media_type';
    case 'ResourceNotFoundError':
      return 'not_found';
    case 'MethodNotAllowedError':
      return 'method_not_allowed';
    default:
      return (error.statusCode ?? 500) >= 500 ? 'internal_error' : 'bad_request';
  }
}

/**
 * Installs the guards on a new server, before its body parser and routes: (1) refuses bodies restify's
 * reader should not read (not JSON, or a form outside the staff pages; compressed); (2) after the parser, refuses a body or query string
 * beyond the limits (bot/http/inputLimits.ts); (3) gives restify's own error answers our fixed bodies.
 * `parseBody` is the body parser (restify's), placed between (1) and (2).
 */
export function guardRequests(server: Server, parseBody: Array<(req: Request, res: Response, next: Next) => void>, options: RequestGuardOptions): void {
  const refuse = (req: Request, res: Response, problem: RequestProblem, limits?: JsonLimits): void => {
    const answer = problemAnswer(problem, req.path(), options, limits);
    res.send(answer.status, answer.body);
  };

  server.pre((req: Request, res: Response, next: Next) => {
    const problem = unreadableBody(req);
    if (!problem) return next();
    refuse(req, res, problem);
    return next(false);
  });

  server.use(parseBody);
  // Staff pages' forms (bounded by the same reader's size limit, then by the same input limits below).
  server.use(parseFormBody);

  server.use((req: Request, res: Response, next: Next) => {
    const inQuery = brokenLimit(req.query ?? {}, QUERY_LIMITS);
    const problem = inQuery ?? (req.body === undefined ? undefined : brokenLimit(req.body, BODY_LIMITS));
    if (!problem) return next();
    options.log.debug('http.inputRefused', { problem, in: inQuery ? 'query' : 'body' });
    refuse(req, res, problem, inQuery ? QUERY_LIMITS : BODY_LIMITS);
    return next(false);
  });

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    const problem = problemOf(error);
    if (problem === 'internal_error') options.log.error('http.failed', { route: routePattern(req.getRoute?.()), ...describeErrorSafely(error) });
    const answer = problemAnswer(problem, req.path(), options);
    error.toJSON = () => answer.body;
    callback();
  });

  server.on('after', (req: Request, res: Response, route: RouteLike | undefined) => {
    options.log.debug('http.request', { method: req.method, route: routePattern(route), status: res.statusCode });
  });
}

type RouteLike = { spec?: { path?: unknown } } | null;

/** The route's pattern, never the path itself (it can hold an id a person typed, or a query with anything in it). */
function routePattern(route: RouteLike | undefined): string {
  const pattern = route?.spec?.path;
  return typeof pattern === 'string' ? pattern : '(none)';
}
