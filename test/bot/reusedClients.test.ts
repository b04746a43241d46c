import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { ClientReusingAuthentication } from '../../bot/reusedClients.js';

/** An activity as a channel sends it (authentication is off with no MicrosoftAppId, as on this machine). */
const activity = (serviceUrl: string) => ({ type: 'message', channelId: 'webchat', serviceUrl, conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'bot' } }) as Activity;

/** Where a connector client sends (the SDK keeps it in a protected field). */
const addressOf = (client: object) => (client as { baseUri?: string }).baseUri;

describe('ClientReusingAuthentication', () => {
  it('makes one connector client per service URL, used by every later activity, and one user token client', async () => {
    const auth = new ClientReusingAuthentication({});
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:9/'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:9/'), '');
    const client = await first.connectorFactory!.create('http://127.0.0.1:9/', first.audience);
    expect(await second.connectorFactory!.create('http://127.0.0.1:9/', second.audience)).toBe(client);
    // The same client for a proactive message to that channel (adapter.continueConversationAsync).
    expect(await auth.createConnectorFactory(first.claimsIdentity).create('http://127.0.0.1:9/', first.audience)).toBe(client);
    // Another channel's service URL gets a client of its own, addressed to it.
    const other = await second.connectorFactory!.create('http://127.0.0.1:10/', second.audience);
    expect(other).not.toBe(client);
    expect(addressOf(other)).toBe('http://127.0.0.1:10/');
    expect(addressOf(client)).toBe('http://127.0.0.1:9/');
    expect(await auth.createUserTokenClient(second.claimsIdentity)).toBe(await auth.createUserTokenClient(first.claimsIdentity));
  });
});
