import { describe, expect, it } from '@jest/globals';
import { useOneStoryServer } from '../support/httpHarness.js';
import { tellOfSleepingRough } from '../support/chatJourneys.js';

/**
 * The whole promise over HTTP: a person tells their story on /api/messages and shares part of it; the
 * service fetches exactly that with its key and acknowledges it; the person sees the acknowledgement.
 */
const server = useOneStoryServer();
const HOUSING = 'peterborough-housing-needs';
const HOUSING_NAME = 'Housing Needs (Peterborough)';

describe('from a first message to an agency acknowledgement shown back to the person', () => {
  it('works end to end', async () => {
    const { running, t } = server;
    const person = server.person('loop-conv', 'loop-user');
    await tellOfSleepingRough(person, t);
    await person.tell('Money', t);
    await person.tell('Universal Credit, but it stopped', t);
    await person.say('menu');
    await person.say('share');
    const parts = await person.say(HOUSING_NAME);
    expect(parts.join('\n')).toContain(t('share.whichParts', { name: HOUSING_NAME }));
    await person.say("Where I'm staying");
    // Without "About me" the service could not contact them: said plainly, and they choose.
    expect((await person.say('Done, show me')).join('\n')).toContain(t('share.cannotContact', { name: HOUSING_NAME, title: 'About me' }));
    const preview = await person.say('No, send without it');
    expect(preview.join('\n')).toContain('A few nights, then I need somewhere');
    expect(preview.join('\n')).not.toContain('Universal Credit');
    const receipt = await person.say('Yes, send it');
    const reference = /reference is ([A-Z0-9-]+)/.exec(receipt.join('\n'))![1];
    await person.say("No, that's all");

    const { key } = await running.app.agencyKeys.create(HOUSING);
    const auth = { authorization: `Bearer ${key}` };
    const list = (await (await fetch(`${running.baseUrl}/api/agency/handoffs`, { headers: auth })).json()) as { items: Array<{ handoffId: string; reference: string }> };
    const item = list.items.find((candidate) => candidate.reference === reference)!;
    expect(item).toBeDefined();
    const summary = (await (await fetch(`${running.baseUrl}/api/agency/handoffs/${item.handoffId}`, { headers: auth })).json()) as { parts: Array<{ topicId: string; answers: Array<{ answer: string }> }>; person: unknown };
    expect(summary.parts.map((part) => part.topicId)).toEqual(['housing']);
    expect(JSON.stringify(summary)).toContain('I lost my tent');
    expect(JSON.stringify(summary)).not.toContain('Universal Credit');
    expect(summary.person).toBeNull();

    const other = await running.app.agencyKeys.create('food-bank-network');
    expect((await fetch(`${running.baseUrl}/api/agency/handoffs/${item.handoffId}`, { headers: { authorization: `Bearer ${other.key}` } })).status).toBe(404);

    const ack = await fetch(`${running.baseUrl}/api/agency/handoffs/${item.handoffId}/status`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'accepted', message: 'Come to the hub at 10am tomorrow.' }),
    });
    expect(ack.status).toBe(200);

    const shared = await person.say('what have I shared');
    expect(shared.join('\n')).toContain(t('shared.status.accepted'));
    expect(shared.join('\n')).toContain('Come to the hub at 10am tomorrow.');

    await person.say('stop sharing');
    await person.say(HOUSING_NAME);
    await person.say('Yes, stop sharing');
    expect((await fetch(`${running.baseUrl}/api/agency/handoffs/${item.handoffId}`, { headers: auth })).status).toBe(404);
  });
});
