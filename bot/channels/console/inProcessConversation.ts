import type { Activity } from 'botbuilder';
import type { LocalDirectLine } from '../directLine/localDirectLine.js';

/** A conversation the console holds with the bot. */
export interface ChatConversation {
  /** Sends a message; resolves once the bot has handled it. */
  say(text: string): Promise<void>;
  /** Everything said since the last call. */
  newActivities(): Promise<Partial<Activity>[]>;
}

/**
 * A local Direct Line conversation held in this process: the console reads and posts as a Direct Line
 * client would, without HTTP. Resolves once the bot's welcome turn has run.
 */
export async function startInProcessConversation(line: LocalDirectLine, locale = 'en-GB'): Promise<ChatConversation> {
  const { conversation } = await line.conversations.create();
  await line.startOnce(conversation.id, locale);
  let watermark: string | undefined;
  return {
    say: async (text) => {
      await line.post(conversation, { type: 'message', text, locale });
    },
    newActivities: async () => {
      const all: Partial<Activity>[] = [];
      for (;;) {
        const page = await line.conversations.since(conversation.id, watermark);
        watermark = page.watermark;
        if (page.activities.length === 0) return all;
        all.push(...(page.activities as unknown as Partial<Activity>[]));
      }
    },
  };
}
