import { afterAll, afterEach, beforeAll, describe, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AGENCIES_PATH } from '../../data/agencyDirectoryLoader.js';
import { createDialogHarness, type DialogHarness, type DialogHarnessOptions } from '../support/dialogHarness.js';
import { runSteps, type Step } from './conversationRunner.js';
import { HOUSING_OPTIONS } from './journeys.js';

/**
 * The share flow as a person reads and types it: a service that answers within one working day is said
 * in the singular, and the word the parts picker tells them to type ("done", Polish "gotowe") finishes it.
 */
const { id: HOUSING, name: HOUSING_NAME } = HOUSING_OPTIONS;

let folder: string;
let agenciesPath: string;
const harnesses: DialogHarness[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'one-story-sharing-wording-'));
  const directory = JSON.parse(await readFile(DEFAULT_AGENCIES_PATH, 'utf8')) as { agencies: Array<{ id: string; expectedResponse: { workingDays: number } }> };
  directory.agencies.find((agency) => agency.id === HOUSING)!.expectedResponse.workingDays = 1;
  agenciesPath = join(folder, 'agencies.json');
  await writeFile(agenciesPath, JSON.stringify(directory));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.cleanup()));
});

async function open(options: DialogHarnessOptions = {}): Promise<DialogHarness> {
  const harness = await createDialogHarness({ ...options, env: { AGENCIES_PATH: agenciesPath } });
  harnesses.push(harness);
  return harness;
}

/**
 * Welcomed with a name (so "About me" holds something), one housing answer, then the parts of the housing
 * service's copy picked: "Where I'm staying" and, if asked, "About me". Typed in the conversation's language.
 */
function toPartsPicked(harness: DialogHarness, { aboutMe }: { aboutMe: boolean }): Step[] {
  const { t, bank } = harness;
  const housing = bank.topics.find((topic) => topic.id === 'housing')!;
  const aboutMeTopic = bank.topics.find((topic) => topic.id === bank.preferredName.topicId)!;
  return [
    { say: 'hi' },
    { say: t('supporter.no'), expect: ['welcome.askName'] },
    { say: 'Sam', expect: [{ key: 'welcome.nameThanks', params: { name: 'Sam' } }] },
    { say: t(housing.titleKey), expect: [housing.questions[0].textKey] },
    { say: t(housing.questions[0].choices![0].labelKey), expect: [housing.questions[1].textKey] },
    { say: 'menu' },
    { say: 'share', expect: ['share.whichService'] },
    { say: HOUSING_NAME, expect: [{ key: 'share.whichParts', params: { name: HOUSING_NAME } }] },
    { say: t(housing.titleKey), expect: [{ key: 'share.partChosen', params: { title: t(housing.titleKey) } }] },
    ...(aboutMe ? [{ say: t(aboutMeTopic.titleKey), expect: [{ key: 'share.partChosen', params: { title: t(aboutMeTopic.titleKey) } }] }] : []),
  ];
}

describe('a service that gets in touch within one working day', () => {
  it('is said in the singular in English', async () => {
    const harness = await open();
    await runSteps(harness, [
      ...toPartsPicked(harness, { aboutMe: true }),
      {
        say: 'Done, show me',
        expect: [{ key: 'share.previewIntro', params: { name: HOUSING_NAME } }, { text: `${HOUSING_NAME} will read it and should get in touch within one working day, in the way you asked.` }],
        notExpect: [{ text: 'working days' }],
      },
    ]);
  });

  it('is said in the singular in Polish', async () => {
    const harness = await open({ locale: 'pl' });
    await runSteps(harness, [
      ...toPartsPicked(harness, { aboutMe: true }),
      {
        say: harness.t('share.partsDone'),
        expect: [{ key: 'share.previewIntro', params: { name: HOUSING_NAME } }, { text: `Organizacja ${HOUSING_NAME} przeczyta to i powinna odezwać się w ciągu jednego dnia roboczego, tak jak prosisz.` }],
        notExpect: [{ text: 'dni roboczych' }],
      },
    ]);
  });
});

describe('the word the parts picker asks for finishes it', () => {
  it('"done" in English', async () => {
    const harness = await open();
    await runSteps(harness, [
      ...toPartsPicked(harness, { aboutMe: true }),
      { say: 'done', expect: [{ key: 'share.previewIntro', params: { name: HOUSING_NAME } }, { key: 'share.confirm', params: { parts: "Where I'm staying and About me", name: HOUSING_NAME } }], notExpect: ['prompt.retryChoice'] },
    ]);
  });

  it('"gotowe" in Polish, as the Polish prompt says', async () => {
    const harness = await open({ locale: 'pl' });
    await runSteps(harness, [
      ...toPartsPicked(harness, { aboutMe: false }),
      { say: 'gotowe', expect: [{ key: 'share.cannotContact', params: { name: HOUSING_NAME, title: harness.t('topics.about-me.title') } }], notExpect: [{ key: 'share.previewIntro', params: { name: HOUSING_NAME } }, 'prompt.retryChoice'] },
    ]);
  });
});
