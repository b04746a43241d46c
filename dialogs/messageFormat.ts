import { ActivityTypes, TextFormatTypes, type Activity, type TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';

/** Channels whose client renders Markdown: Web Chat (this server's page, and Azure's) and the Emulator. */
const MARKDOWN_CHANNELS: ReadonlySet<string> = new Set(['webchat', 'directline', 'emulator']);

export function rendersMarkdown(context: TurnContext): boolean {
  return MARKDOWN_CHANNELS.has(context.activity.channelId);
}

/**
 * Where Markdown is rendered, every message this turn sends is plain text unless it says it is Markdown (as
 * the review does): a person's words said back to them (their name, an earlier answer) are shown as they
 * typed them, never as formatting, and a line break stays a line break.
 */
export function sendPlainUnlessMarkdown(context: TurnContext): void {
  if (!rendersMarkdown(context)) return;
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Message && activity.text && !activity.textFormat) activity.textFormat = TextFormatTypes.Plain;
    }
    return next();
  });
}

/** One question and what the person said to it (or that they skipped it). */
export interface ListedAnswer {
  question: string;
  /** The person's words; undefined when they chose to skip the question. */
  answer?: string;
}

/**
 * A heading, then each question with its answer below it, easy to scan. Where Markdown is rendered (Web
 * Chat) the heading is a heading, each question is in bold with the answer on the next line, and a blank
 * line parts one from the next; every word in it, the person's above all, is shown as written, never as
 * formatting. Elsewhere (SMS, the terminal) it is plain text, laid out as the locale says
 * (`review.topicHeading`, `review.line`).
 */
export function answerListing(t: TFunction, heading: string, items: readonly ListedAnswer[], markdown: boolean): Partial<Activity> {
  if (!markdown) {
    const lines = items.map(({ question, answer }) => t('review.line', { question, answer: answer ?? t('review.skipped') }));
    return { type: ActivityTypes.Message, text: [t('review.topicHeading', { title: heading }), ...lines].join('\n') };
  }
  const blocks = items.map(({ question, answer }) => {
    const shown = answer === undefined ? `_${escapeMarkdown(t('review.skipped'))}_` : escapeMarkdown(answer);
    // A backslash at the end of a line is a line break: the answer sits right under its question.
    return `**${escapeMarkdown(question)}**\\\n${shown}`;
  });
  return { type: ActivityTypes.Message, textFormat: TextFormatTypes.Markdown, text: [`### ${escapeMarkdown(heading)}`, ...blocks].join('\n\n') };
}

/**
 * Text shown exactly as written where Markdown is rendered: its marks (`*`, `_`, `#`, `<b>`, `[link](…)`, a
 * line starting "- " or "1.") are escaped, and each line break stays a line break.
 */
export function escapeMarkdown(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>#~|&]/g, '\\$&')
        .replace(/^([-+=])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\\\n');
}
