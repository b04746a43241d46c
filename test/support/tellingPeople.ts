import type { OneStoryApp } from '../../bot/app.js';
import { personOn } from './dialogHarness.js';

/**
 * A person who tells the first part of their story through the real conversation, as the local web chat
 * delivers it: hello, "no, just me" to the supporter question, then the name they would like to be called.
 * Resolves with their person id.
 */
export async function tellsTheirName(app: OneStoryApp, userId: string, name: string): Promise<string> {
  const { say } = personOn(app, userId);
  for (const text of ['hi', 'No, just me', name]) await say(text);
  const personId = await app.people.personOf(`webchat:${userId}`);
  if (!personId || !(await app.people.load(personId))?.countedAsTold) throw new Error(`${userId} did not tell their name`);
  return personId;
}
