import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { ChatConversation } from './inProcessConversation.js';

export interface ConsoleIo {
  /** What the person types, a line at a time; ends when they leave (Ctrl+D). */
  lines: AsyncIterable<string> | Iterable<string>;
  write(text: string): void;
  /** Shows the prompt before waiting for the next line. */
  prompt(): void;
}

/**
 * A conversation with One Story in a terminal: the same bot and dialogs, reached through the local
 * Direct Line in this process with the `console` channel id, so choices arrive as numbered text (as on SMS).
 */
export async function runConsoleChat(start: () => Promise<ChatConversation>, io: ConsoleIo, t: TFunction): Promise<void> {
  io.write(`${t('console.intro')}\n\n`);
  const client = await start();
  const botName = t('console.botName');
  const show = async (): Promise<number> => {
    const replies = (await client.newActivities()).filter((activity) => activity.from?.role !== 'user' && activity.type === 'message');
    for (const reply of replies) io.write(formatReply(botName, reply));
    return replies.length;
  };
  await show();
  io.prompt();
  for await (const line of io.lines) {
    const text = line.trim();
    if (text) {
      await client.say(text);
      if ((await show()) === 0) io.write(`${t('console.noReply')}\n`);
    }
    io.prompt();
  }
}

/**
 * The terminal's language, as a channel locale: `CHAT_LANGUAGE` if set, else the POSIX locale
 * (`LC_ALL`, `LC_MESSAGES`, `LANG`: `pl_PL.UTF-8` → `pl-PL`). "C" and "POSIX" say nothing (English).
 */
export function terminalLocale(env: Record<string, string | undefined>): string {
  const chosen = [env.CHAT_LANGUAGE, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value && !/^(C|POSIX)([._@].*)?$/.test(value));
  return chosen ? chosen.split(/[.@]/)[0].replace('_', '-') : 'en-GB';
}

/** One reply as terminal text; any buttons a reply still carries become a numbered list. */
export function formatReply(botName: string, reply: Partial<Activity>): string {
  const lines = (reply.text ?? '').split('\n');
  const actions = reply.suggestedActions?.actions ?? [];
  const choices = actions.map((action, index) => `   ${index + 1}. ${action.title ?? String(action.value ?? '')}`);
  const body = lines.map((line, index) => (index === 0 || line.trim() === '' ? line.trimEnd() : `  ${line}`)).join('\n');
  return `${botName}: ${body}\n${choices.length ? choices.join('\n') + '\n' : ''}`;
}
