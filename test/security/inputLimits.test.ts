import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { useOneStoryServer } from '../support/httpHarness.js';
import { BODY_LIMITS, MAX_BODY_BYTES, VALUE_LIMITS } from '../../bot/http/inputLimits.js';
import { nestedJson } from '../bench/abuse.js';

/**
 * Input limits, over HTTP against the real server: what is too big, too deep or not JSON is refused with
 * a 400 (413, 415) and a stable code before any route reads it, the answer never quotes what was sent,
 * and nothing refused breaks the conversation it was sent to.
 */

const SECRET_WORDS = 'my sister Joanna hides at number 14';
const under = useOneStoryServer();

const base = () => under.running.baseUrl;

async function post(path: string, body: string | Blob, headers: Record<string, string> = {}): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const response = await fetch(`${base()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

const directLineCode = (json: Record<string, unknown>) => (json.error as { code?: string } | undefined)?.code;

async function startConversation(): Promise<{ id: string; token: string }> {
  const started = (await (await fetch(`${base()}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  return { id: started.conversationId, token: started.token };
}

async function read(conversation: { id: string; token: string }): Promise<{ status: number; activities: Array<{ from?: { role?: string }; text?: string }> }> {
  const response = await fetch(`${base()}/v3/directline/conversations/${conversation.id}/activities`, { headers: { authorization: `Bearer ${conversation.token}` } });
  return { status: response.status, activities: response.status === 200 ? ((await response.json()) as { activities: [] }).activities : [] };
}

function activityFor(conversationId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channelId: 'webchat',
    serviceUrl: under.capture.url,
    conversation: { id: conversationId },
    from: { id: `${conversationId}-user` },
    recipient: { id: 'bot' },
    text: 'hi',
    ...extra,
  };
}

describe('a Direct Line conversation sent something too deep', () => {
  it('should refuse it with 400 BadArgument, and the conversation should still be read and still answer', async () => {
    const conversation = await startConversation();
    const path = `/v3/directline/conversations/${conversation.id}/activities`;
    const auth = { authorization: `Bearer ${conversation.token}` };

    for (const depth of [VALUE_LIMITS.depth + 1, BODY_LIMITS.depth + 1, 100_000]) {
      const refused = await post(path, `{"type":"message","text":"hi","value":${nestedJson(depth)}}`, auth);
      expect(refused.status).toBe(400);
      expect(directLineCode(refused.json)).toBe('BadArgument');
      expect(refused.text).not.toContain('Canary');
      // Before the limits, every later read of this conversation answered 500.
      expect((await read(conversation)).status).toBe(200);
    }

    const before = (await read(conversation)).activities.length;
    expect((await post(path, JSON.stringify({ type: 'message', text: 'help' }), auth)).status).toBe(200);
    const after = (await read(conversation)).activities.slice(before);
    expect(after.some((activity) => activity.from?.role === 'bot')).toBe(true);
  });

  it('should take a button value within the limits', async () => {
    const conversation = await startConversation();
    const value = { choice: 'lang:pl', form: { a: [1, 2, 3], b: { c: 'd' } } };
    const accepted = await post(`/v3/directline/conversations/${conversation.id}/activities`, JSON.stringify({ type: 'message', text: 'polski', value }), { authorization: `Bearer ${conversation.token}` });
    expect(accepted.status).toBe(200);
    const logged = (await read(conversation)).activities.find((activity) => activity.text === 'polski') as { value?: unknown } | undefined;
    expect(logged?.value).toEqual(value);
  });
});

describe('what every route refuses before reading it', () => {
  const routes = ['/api/messages', '/v3/directline/tokens/generate', '/v3/directline/conversations', '/api/agency/handoffs/some-id/status'];
  const codeOf = (path: string, json: Record<string, unknown>) => (path.startsWith('/v3/directline/') ? directLineCode(json) : json.code);

  it.each(routes)('%s: a body nested deeper than the limit is 400 too_deep (BadArgument on Direct Line)', async (path) => {
    const refused = await post(path, `{"type":"message","value":${nestedJson(BODY_LIMITS.depth + 1, 'object')}}`);
    expect(refused.status).toBe(400);
    expect(codeOf(path, refused.json)).toBe(path.startsWith('/v3/') ? 'BadArgument' : 'too_deep');
  });

  it.each(routes)('%s: a list longer than the limit is 400 too_many_items', async (path) => {
    const refused = await post(path, JSON.stringify({ type: 'message', entities: Array.from({ length: BODY_LIMITS.items + 1 }, () => 0) }));
    expect(refused.status).toBe(400);
    expect(codeOf(path, refused.json)).toBe(path.startsWith('/v3/') ? 'BadArgument' : 'too_many_items');
  });

  it.each(routes)('%s: a string longer than the limit is 400 string_too_long', async (path) => {
    const refused = await post(path, JSON.stringify({ type: 'message', name: `${SECRET_WORDS} `.repeat(BODY_LIMITS.stringLength / 10) }));
    expect(refused.status).toBe(400);
    expect(codeOf(path, refused.json)).toBe(path.startsWith('/v3/') ? 'BadArgument' : 'string_too_long');
    expect(refused.text).not.toContain('Joanna');
  });

  it.each(routes)('%s: a body over the byte limit is 413 body_too_large (MessageSizeTooBig on Direct Line)', async (path) => {
    const refused = await post(path, JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(refused.status).toBe(413);
    expect(codeOf(path, refused.json)).toBe(path.startsWith('/v3/') ? 'MessageSizeTooBig' : 'body_too_large');
  });

  it.each(routes)('%s: JSON that does not parse is 400 invalid_json, without quoting it', async (path) => {
    const refused = await post(path, `{"text": "${SECRET_WORDS}`);
    expect(refused.status).toBe(400);
    expect(codeOf(path, refused.json)).toBe(path.startsWith('/v3/') ? 'BadArgument' : 'invalid_json');
    expect(refused.text).not.toContain('Joanna');
  });

  it.each([
    ['a form', 'text=hello', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart (a file)', '--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhello\r\n--b--\r\n', { 'content-type': 'multipart/form-data; boundary=b' }],
    ['plain text', 'hello', { 'content-type': 'text/plain' }],
    ['JSON in UTF-16', '{}', { 'content-type': 'application/json; charset=utf-16' }],
  ])('refuses %s with 415 unsupported_media_type', async (_name, body, headers) => {
    const refused = await post('/api/messages', body, headers);
    expect(refused.status).toBe(415);
    expect(refused.json.code).toBe('unsupported_media_type');
  });

  it('refuses a compressed body with 415 rather than inflating it (a small gzip can hold gigabytes)', async () => {
    const bomb = gzipSync(Buffer.from(`{"type":"message","text":"${'a'.repeat(20 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
    const refused = await post('/api/messages', new Blob([new Uint8Array(bomb)]), { 'content-encoding': 'gzip' });
    expect(refused.status).toBe(415);
    expect(refused.json.code).toBe('unsupported_media_type');
  });

  it('refuses a query string with too many parameters', async () => {
    const query = Array.from({ length: 100 }, (_, i) => `p${i}=1`).join('&');
    const response = await fetch(`${base()}/api/agency/handoffs?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('too_many_items');
  });

  it('answers an unknown address 404 without quoting it', async () => {
    const response = await fetch(`${base()}/people/${encodeURIComponent(SECRET_WORDS)}`);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ code: 'not_found', message: under.t('api.request.notFound') });
    expect(text).not.toContain('Joanna');
  });
});

describe('/api/messages', () => {
  it.each([
    ['a value nested deeper than a button sends', { value: JSON.parse(nestedJson(VALUE_LIMITS.depth + 1)) as unknown }, 'value'],
    ['more attachments than a channel sends', { attachments: Array.from({ length: 17 }, () => ({ contentType: 'text/plain', content: 'x' })) }, 'attachments'],
    ['more members added than a conversation has', { type: 'conversationUpdate', membersAdded: Array.from({ length: 65 }, (_, i) => ({ id: `m${i}` })) }, 'membersAdded'],
    ['a sender id longer than any channel gives', { from: { id: 'u'.repeat(1025) } }, 'from.id'],
    ['an invoke (the bot answers none; the SDK would answer 501)', { type: 'invoke', name: 'adaptiveCard/action' }, 'type'],
  ])('refuses %s with 400 invalid_activity naming the field', async (_name, extra, field) => {
    const refused = await post('/api/messages', JSON.stringify(activityFor('limits-conversation', extra)));
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 'invalid_activity', fields: [field] });
  });

  it('after all that, a person still talks to the bot', async () => {
    const person = under.person('limits-after', 'limits-after-user');
    expect(await person.join()).toContain(under.t('supporter.ask'));
  });
});
