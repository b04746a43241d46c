import { describe, expect, it } from '@jest/globals';
import { useOneStoryServer } from '../support/httpHarness.js';

/** Started on a drop-in centre's web chat, carried on from the person's own phone by SMS, over HTTP. */
const server = useOneStoryServer();

describe('continue on another device, web to SMS', () => {
  it('links the phone to the story begun on the web, after the SMS safety check', async () => {
    const { t } = server;
    const web = server.person('web-conv-1', 'web-user-1');
    await web.join();
    await web.say('No, just me');
    await web.say('Dee');
    await web.say('housing');
    await web.say('Hostel or supported housing');
    const issued = await web.say('another device');
    const prefix = t('resumeCode.issued', { code: '' });
    const code = issued.find((line) => line.startsWith(prefix))!.slice(prefix.length);
    expect(issued).toContain(t('topics.housing.questions.safe-to-stay.text'));

    const phone = server.person('sms-conv-dee', '+447700900777', 'sms');
    const first = await phone.say(code);
    expect(first[0]).toContain(t('textMessaging.askSafe'));
    expect(first.join('\n')).not.toContain('Dee');
    await phone.say('1');
    const linked = await phone.say('2');
    expect(linked).toContain(t('resumeCode.linked'));
    expect(linked).toContain(t('welcomeBack.greetingNamed', { name: 'Dee' }));
    await phone.say('2');
    const carryOn = await phone.say('1');
    expect(carryOn.join('\n')).toContain(t('topics.housing.questions.safe-to-stay.text'));
    await phone.say('Not sure');

    const review = await web.say('review');
    expect(review.join('\n')).toContain('Not sure');
    expect(review.join('\n')).toContain('Hostel or supported housing');
  });
});
