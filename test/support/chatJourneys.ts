import type { TFunction } from 'i18next';
import type { ChannelUser } from './httpHarness.js';

/**
 * A person's journey in the chat that several end-to-end tests need: telling One Story they are sleeping
 * rough, then sharing "Where I'm staying" with a housing service. Each step says what a person would type.
 */

/** From joining to the housing topic's last answer: someone sleeping rough who lost their tent. */
export async function tellOfSleepingRough(person: ChannelUser, t: TFunction): Promise<void> {
  await person.join();
  await person.say('No, just me');
  await person.tell('Jordan', t);
  await person.say('housing');
  await person.say('Sleeping rough');
  await person.say('No');
  await person.tell('A few nights, then I need somewhere', t);
  await person.tell('I lost my tent', t);
}

/** From the menu: shares only "Where I'm staying" with the service, without "About me"; returns the reference. */
export async function shareWhereIStay(person: ChannelUser, agencyName: string): Promise<string> {
  await person.say('menu');
  await person.say('share');
  await person.say(agencyName);
  await person.say("Where I'm staying");
  await person.say('Done, show me');
  await person.say('No, send without it');
  const receipt = await person.say('Yes, send it');
  const reference = /reference is ([A-Z0-9-]+)/.exec(receipt.join('\n'))![1];
  await person.say("No, that's all");
  return reference;
}
