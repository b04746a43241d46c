import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DirectLineInNode, generateToken } from '../../support/directLineInNode.js';
import { englishConversationText } from '../../support/channelText.js';
import { startOneStory, type RunningOneStory } from '../../support/httpHarness.js';
import { waitFor } from '../../support/waitFor.js';

const text = await englishConversationText();

/**
 * The local Direct Line, driven by the official client (botframework-directlinejs) against the real
 * server: activities are handed to the bot's adapter in this process and its replies come back from the turn.
 */

describe('local Direct Line', () => {
  let running: RunningOneStory;
  const clients: DirectLineInNode[] = [];
  const client = (options: ConstructorParameters<typeof DirectLineInNode>[0]) => {
    const created = new DirectLineInNode(options);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    running = await startOneStory();
  });

  afterAll(async () => {
    for (const each of clients) each.end();
    await running.app.close();
  });

  const authorised = (token: string) => ({ authorization: `Bearer ${token}` });

  describe('with botframework-directlinejs', () => {
    it('when a conversation starts, should welcome the person and ask the first question with buttons', async () => {
      const { token } = await generateToken(running.baseUrl);
      const person = client({ baseUrl: running.baseUrl, token });
      await waitFor(() => person.texts().includes(text.supporterAsk), 'the first question');
      expect(person.texts()[0]).toBe(text.welcomeFirstLine);
      const question = person.received.find((activity) => (activity as { text?: string }).text === text.supporterAsk) as { suggestedActions?: { actions: Array<{ title: string }> } };
      expect(question.suggestedActions?.actions.map((action) => action.title)).toContain(text.supporterNo);
    });

    it('when the person sends a message, should echo it with its clientActivityID and deliver the next question', async () => {
      const { token } = await generateToken(running.baseUrl);
      const person = client({ baseUrl: running.baseUrl, token });
      await waitFor(() => person.texts().includes(text.supporterAsk), 'the first question');
      const id = await person.say(text.supporterNo, { channelData: { clientActivityID: 'client-1' } } as object);
      const echo = await waitFor(() => person.received.find((activity) => activity.id === id), 'the echo');
      expect(echo.from.role).toBe('user');
      expect((echo.channelData as { clientActivityID?: string }).clientActivityID).toBe('client-1');
      await waitFor(() => person.texts().includes(text.askName), 'the next question');
      // The echo comes before the answer to it.
      const order = person.received.map((activity) => activity.id);
      const reply = person.received.find((activity) => (activity as { text?: string }).text === text.askName) as { id: string; replyToId?: string };
      expect(order.indexOf(id)).toBeLessThan(order.indexOf(reply.id));
      expect(reply.replyToId).toBe(id);
    });

    it('when a client claims to be someone else, should speak for the conversation\'s own user', async () => {
      const { token } = await generateToken(running.baseUrl);
      const person = client({ baseUrl: running.baseUrl, token });
      await waitFor(() => person.texts().includes(text.supporterAsk), 'the first question');
      const id = await person.say('hello', { from: { id: 'someone-elses-id', name: 'Someone' } });
      const echo = await waitFor(() => person.received.find((activity) => activity.id === id), 'the echo');
      expect(echo.from.id).not.toBe('someone-elses-id');
      expect(echo.from.id).toMatch(/^user-/);
    });

    it('when resumed from a watermark, should receive only what came after it', async () => {
      const { conversationId, token } = await generateToken(running.baseUrl);
      const first = client({ baseUrl: running.baseUrl, token });
      await waitFor(() => first.texts().includes(text.supporterAsk), 'the first question');
      const page = (await (await fetch(`${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { headers: authorised(token) })).json()) as { activities: unknown[]; watermark: string };
      expect(page.activities.length).toBe(first.received.length);
      first.end();

      const resumed = client({ baseUrl: running.baseUrl, token, conversationId, watermark: page.watermark });
      await resumed.say(text.supporterNo);
      await waitFor(() => resumed.texts().includes(text.askName), 'the next question');
      expect(resumed.texts()).not.toContain(text.welcomeFirstLine);
      expect(resumed.texts()).not.toContain(text.supporterAsk);
    });
  });

  describe('tokens', () => {
    it('when no token is given, should refuse to read or post', async () => {
      const { conversationId } = await generateToken(running.baseUrl);
      const read = await fetch(`${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`);
      expect(read.status).toBe(401);
      const post = await fetch(`${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
      expect(post.status).toBe(401);
    });

    it("when another conversation's token is given, should refuse: one browser cannot read another's chat", async () => {
      const mine = await generateToken(running.baseUrl);
      const theirs = await generateToken(running.baseUrl);
      const owner = client({ baseUrl: running.baseUrl, token: theirs.token });
      await waitFor(() => owner.texts().includes(text.supporterAsk), 'their first question');

      const read = await fetch(`${running.baseUrl}/v3/directline/conversations/${theirs.conversationId}/activities`, { headers: authorised(mine.token) });
      expect(read.status).toBe(403);
      expect(JSON.stringify(await read.json())).not.toContain(text.welcomeFirstLine);
      const post = await fetch(`${running.baseUrl}/v3/directline/conversations/${theirs.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorised(mine.token) },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
      expect(post.status).toBe(403);

      // The official client, given the wrong token for the conversation, never sees its activities.
      const intruder = client({ baseUrl: running.baseUrl, token: mine.token, conversationId: theirs.conversationId });
      await waitFor(() => intruder.statuses.includes(4 /* FailedToConnect */), 'the client to give up');
      expect(intruder.received).toEqual([]);
      expect(intruder.errors).toEqual([expect.objectContaining({ status: 403 })]);
    });

    it('when a made-up token is given, should refuse', async () => {
      const { conversationId, token } = await generateToken(running.baseUrl);
      const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      const read = await fetch(`${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { headers: authorised(forged) });
      expect(read.status).toBe(403);
      const refresh = await fetch(`${running.baseUrl}/v3/directline/tokens/refresh`, { method: 'POST', headers: authorised(forged) });
      expect(refresh.status).toBe(403);
    });

    it('when refreshed, should give a new token that opens the conversation, and the old one still works until the next refresh', async () => {
      const { conversationId, token } = await generateToken(running.baseUrl);
      const refreshed = (await (await fetch(`${running.baseUrl}/v3/directline/tokens/refresh`, { method: 'POST', headers: authorised(token) })).json()) as { conversationId: string; token: string };
      expect(refreshed.conversationId).toBe(conversationId);
      expect(refreshed.token).not.toBe(token);
      const read = (t: string) => fetch(`${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { headers: authorised(t) }).then((r) => r.status);
      expect(await read(refreshed.token)).toBe(200);
      expect(await read(token)).toBe(200);
      await fetch(`${running.baseUrl}/v3/directline/tokens/refresh`, { method: 'POST', headers: authorised(refreshed.token) });
      expect(await read(token)).toBe(403);
    });

    it('should never put a token in a URL', async () => {
      const response = await fetch(`${running.baseUrl}/v3/directline/conversations`, { method: 'POST' });
      expect(response.status).toBe(201);
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['conversationId', 'expires_in', 'token']);
    });
  });

  describe('replies', () => {
    it('should come from the turn in this process: no reply route exists that a process on this machine could post to', async () => {
      const { conversationId, token } = await generateToken(running.baseUrl);
      const person = client({ baseUrl: running.baseUrl, token });
      await waitFor(() => person.texts().includes(text.supporterAsk), 'the first question');
      for (const path of [`/v3/conversations/${conversationId}/activities`, `/v3/conversations/${conversationId}/activities/${conversationId}|0000001`]) {
        const response = await fetch(`${running.baseUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: 'injected, as if the bot said it' }),
        });
        expect(response.status).toBe(404);
      }
      await person.say(text.supporterNo);
      await waitFor(() => person.texts().includes(text.askName), 'the next question');
      expect(person.texts()).not.toContain('injected, as if the bot said it');
    });
  });

  describe('what a client may post', () => {
    it('when it sends a file, should refuse it', async () => {
      const { conversationId, token } = await generateToken(running.baseUrl);
      const response = await fetch(`${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorised(token) },
        body: JSON.stringify({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'data:,' }] }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BadArgument');
    });
  });
});

describe('with MicrosoftAppId set', () => {
  it('should not offer the local Direct Line or the page (Azure Bot Service channels reach the bot instead)', async () => {
    const running = await startOneStory({ env: { MicrosoftAppId: 'an-app-id', MicrosoftAppPassword: 'a-password-value' } });
    try {
      expect((await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${running.baseUrl}/v3/conversations/x/activities`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${running.baseUrl}/`)).status).toBe(404);
    } finally {
      await running.app.close();
    }
  });
});
