import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import type { Activity } from 'botbuilder';
import { harnessesPerTest, replyText, type DialogHarness } from '../support/dialogHarness.js';

/**
 * "My story so far", laid out to be read at a glance (issue 12, point 8): one message per topic, its title,
 * then each question with the answer below it. On the web it is Markdown, read here as Web Chat shows it:
 * through markdown-it, as the page renders it (line breaks kept) and as Azure's full Web Chat does (not).
 * On SMS and in the terminal it is plain text.
 */
interface MarkdownIt {
  render(text: string): string;
  disable(rules: string[]): MarkdownIt;
}
const markdownit = createRequire(import.meta.url)('markdown-it') as (options: Record<string, boolean>) => MarkdownIt;
/** As bot/channels/webPage/assets/page.js renders it. */
const onOurPage = markdownit({ html: false, breaks: true, linkify: false, typographer: false }).disable(['link', 'image', 'autolink']);
/** As Web Chat's full bundle renders it (Azure's Web Chat): single line breaks are not kept there. */
const inAzureWebChat = markdownit({ html: false, breaks: false, linkify: true, typographer: true });

const open = harnessesPerTest();

/** Tells the housing topic in the harness's language: a choice, a skip, words with Markdown's marks in them, and more words. */
async function tellHousing(harness: DialogHarness, worries: string): Promise<void> {
  const { t } = harness;
  for (const said of ['hi', t('supporter.no'), t('question.skip'), t('topics.housing.title'), t('topics.housing.questions.current-place.choices.sofa-surfing'), t('question.skip'), 'Two weeks *maybe* <b>three</b>', worries]) {
    await harness.say(said);
  }
}

function reviewMessages(replies: Partial<Activity>[], harness: DialogHarness): Partial<Activity>[] {
  const intro = replies.findIndex((reply) => reply.text === harness.t('review.intro'));
  expect(intro).toBeGreaterThanOrEqual(0);
  return replies.slice(intro + 1, -1);
}

describe('the review on the web', () => {
  it('is a message per topic: a heading, then each question in bold with the person\'s words on the line below, shown as typed', async () => {
    const harness = await open();
    await tellHousing(harness, 'Damp\n- mould\n1. rent');
    const replies = await harness.say('review');
    const [housing, ...others] = reviewMessages(replies, harness);
    expect(others).toEqual([]);
    expect(housing.textFormat).toBe('markdown');
    // Only the review is Markdown: every other message is plain text, so nothing said back becomes formatting.
    expect(replies.filter((reply) => reply !== housing).map((reply) => reply.textFormat)).toEqual(replies.slice(1).map(() => 'plain'));

    const html = onOurPage.render(housing.text!);
    expect(html).toContain("<h3>Where I'm staying</h3>");
    expect(html).toContain('<p><strong>Where are you staying right now?</strong><br>\nSofa surfing</p>');
    expect(html).toContain('<p><strong>Is it safe and secure for you to stay there for now?</strong><br>\n<em>(you skipped this)</em></p>');
    // The person's words are never formatting: their asterisks and tags show as they typed them.
    expect(html).toContain('<p><strong>How long do you think you can stay there?</strong><br>\nTwo weeks *maybe* &lt;b&gt;three&lt;/b&gt;</p>');
    // Their line breaks stay line breaks, and a line that looks like a list item is still their words.
    expect(html).toContain('<p><strong>Is anything worrying you about where you are staying?</strong><br>\nDamp<br>\n- mould<br>\n1. rent</p>');
    expect(html).not.toMatch(/<(ul|ol|li|b)>/);

    // Azure's Web Chat joins single lines: each answer is still on its own line below its question.
    expect(inAzureWebChat.render(housing.text!)).toContain('<p><strong>Where are you staying right now?</strong><br>\nSofa surfing</p>');
  });

  it('in Polish, the same layout in Polish words', async () => {
    const harness = await open({ locale: 'pl' });
    const { t } = harness;
    await tellHousing(harness, 'Wilgoć w pokoju');
    const replies = await harness.say((t('words.review', { returnObjects: true }) as unknown as string[])[0]);
    const intro = replies.findIndex((reply) => reply.text === t('review.intro'));
    expect(intro).toBeGreaterThanOrEqual(0);
    const [housing] = replies.slice(intro + 1, -1);
    const html = onOurPage.render(housing.text!);
    expect(html).toContain(`<h3>${t('topics.housing.title')}</h3>`);
    expect(html).toContain(`<p><strong>${t('topics.housing.questions.current-place.text')}</strong><br>\n${t('topics.housing.questions.current-place.choices.sofa-surfing')}</p>`);
    expect(html).toContain(`<p><strong>${t('topics.housing.questions.safe-to-stay.text')}</strong><br>\n<em>${t('review.skipped')}</em></p>`);
    expect(html).toContain(`<p><strong>${t('topics.housing.questions.worries.text')}</strong><br>\nWilgoć w pokoju</p>`);
  });
});

describe('the review where there is no formatting', () => {
  it('in the terminal: plain text, the title then each question with the answer indented below', async () => {
    const harness = await open({ channelId: 'console' });
    const { t } = harness;
    await tellHousing(harness, 'Damp');
    await harness.say('review');
    // A text can be read by someone else: the details come when asked for.
    const replies = await harness.say(t('review.showDetails'));
    const [housing] = reviewMessages(replies, harness);
    expect(housing.textFormat).toBeUndefined();
    expect(housing.text!.split('\n')).toEqual([
      t('review.topicHeading', { title: t('topics.housing.title') }),
      ...t('review.line', { question: t('topics.housing.questions.current-place.text'), answer: t('topics.housing.questions.current-place.choices.sofa-surfing') }).split('\n'),
      ...t('review.line', { question: t('topics.housing.questions.safe-to-stay.text'), answer: t('review.skipped') }).split('\n'),
      ...t('review.line', { question: t('topics.housing.questions.how-long.text'), answer: 'Two weeks *maybe* <b>three</b>' }).split('\n'),
      ...t('review.line', { question: t('topics.housing.questions.worries.text'), answer: 'Damp' }).split('\n'),
    ]);
    expect(replies.map(replyText).join('\n')).not.toMatch(/\*\*|###|\\/);
  });
});
