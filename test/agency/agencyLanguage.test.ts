import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { DEFAULT_AGENCIES_PATH } from '../../data/agencyDirectoryLoader.js';
import { HandoffSummarySchema } from '../../domain/sharing/handoffSummary.js';
import { recordAnswer, type Story } from '../../domain/story.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { answer, sampleStory, wording } from '../support/sharingFixtures.js';

/**
 * What an agency reads of a Polish speaker's story: the questions in the agency's own language (English
 * here, Polish for an agency whose directory record says so), the answers as written with their language,
 * and "Language and communication" right after "What helps me".
 */
const ENGLISH_AGENCY = 'cambridge-housing-options';
const POLISH_AGENCY = 'changing-futures-navigators';

let running: RunningOneStory;
let folder: string;
let en: TFunction;
let pl: TFunction;

function polishStory(): Story {
  let story: Story = { ...sampleStory('person-pl'), preferredLanguage: 'pl' };
  story = recordAnswer(story, answer('housing', 'how-long', 'Mogę tu zostać jeszcze tydzień', { language: 'pl' }));
  story = recordAnswer(story, answer('about-me', 'interpreter', 'Tak, poproszę', { choiceId: 'yes', language: 'pl' }));
  story = recordAnswer(story, answer('about-me', 'interpreter-language', 'polski', { language: 'pl' }));
  return story;
}

async function shareWith(agencyId: string): Promise<string> {
  const { handoffId } = await running.app.sharing.share({ story: polishStory(), agencyId, parts: ['housing', 'what-helps', 'about-me'], heldBack: [], wording, channel: 'webchat', supportedBy: null });
  return handoffId;
}

async function fetchAs(agencyId: string, handoffId: string, accept: string): Promise<Response> {
  const { key } = await running.app.agencyKeys.create(agencyId);
  return fetch(`${running.baseUrl}/api/agency/handoffs/${handoffId}`, { headers: { authorization: `Bearer ${key}`, accept } });
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'one-story-agency-language-'));
  const directory = JSON.parse(await readFile(DEFAULT_AGENCIES_PATH, 'utf8')) as { agencies: Array<{ id: string; language?: string }> };
  directory.agencies.find((agency) => agency.id === POLISH_AGENCY)!.language = 'pl';
  await writeFile(join(folder, 'agencies.json'), JSON.stringify(directory));
  running = await startOneStory({ env: { AGENCIES_PATH: join(folder, 'agencies.json') } });
  en = running.app.translations.forLocale('en');
  pl = running.app.translations.forLocale('pl');
});

afterAll(async () => {
  await running.app.close();
  await rm(folder, { recursive: true, force: true });
});

describe('what an agency reads of a story told in Polish', () => {
  it('in JSON: questions in English, answers in Polish marked "pl", and language and communication with the interpreter wanted', async () => {
    const summary = HandoffSummarySchema.parse(await (await fetchAs(ENGLISH_AGENCY, await shareWith(ENGLISH_AGENCY), 'application/json')).json());
    const housing = summary.parts.find((part) => part.topicId === 'housing')!;
    expect(housing.title).toBe(en('topics.housing.title'));
    expect(housing.answers.find((entry) => entry.questionId === 'how-long')).toMatchObject({ question: en('topics.housing.questions.how-long.text'), answer: 'Mogę tu zostać jeszcze tydzień', language: 'pl' });
    expect(summary.languageAndCommunication?.preferredLanguage).toBe('pl');
    expect(summary.languageAndCommunication?.answers).toEqual([
      expect.objectContaining({ questionId: 'interpreter', answer: 'Tak, poproszę', choiceId: 'yes', choiceLabel: en('topics.about-me.questions.interpreter.choices.yes') }),
      expect.objectContaining({ questionId: 'interpreter-language', answer: 'polski', language: 'pl' }),
    ]);
  });

  it('on the English page: "Language and communication" right after "What helps me", before the person', async () => {
    const html = await (await fetchAs(ENGLISH_AGENCY, await shareWith(ENGLISH_AGENCY), 'text/html')).text();
    const whatHelps = html.indexOf(en('topics.what-helps.title'));
    const language = html.indexOf(en('agencyPage.languageAndCommunication'));
    const person = html.indexOf(en('agencyPage.person'));
    expect(whatHelps).toBeGreaterThan(0);
    expect(language).toBeGreaterThan(whatHelps);
    expect(person).toBeGreaterThan(language);
    expect(html).toContain('<dd>Polish</dd>');
    expect(html).toContain(en('agencyPage.answeredInLanguage', { language: 'Polish' }));
    expect(html).toContain(`(${en('topics.about-me.questions.interpreter.choices.yes')})`);
  });

  it("for an agency that reads Polish, the page's labels, questions and titles are in Polish", async () => {
    const response = await fetchAs(POLISH_AGENCY, await shareWith(POLISH_AGENCY), 'text/html');
    const html = await response.text();
    expect(html).toContain('<html lang="pl" dir="ltr">');
    expect(html).toContain(pl('agencyPage.languageAndCommunication'));
    expect(html).toContain(pl('topics.housing.questions.how-long.text'));
    expect(html).not.toContain(en('topics.housing.questions.how-long.text'));
    expect(html).toContain('Mogę tu zostać jeszcze tydzień');
  });
});
