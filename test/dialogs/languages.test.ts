import { describe, expect, it } from '@jest/globals';
import type { TFunction } from 'i18next';
import { isQuestionAsked, getAnswer } from '../../domain/story.js';
import { GLOBAL_WORDS } from '../../domain/globalWords.js';
import { normaliseForMatching } from '../../domain/textMatching.js';
import { buttonValues, newPersonPerTest, replyText, type DialogHarness, type DialogHarnessOptions } from '../support/dialogHarness.js';
import { runSteps, type Step } from './conversationRunner.js';
import { HOUSING_FIRST_QUESTION, HOUSING_TEXT_QUESTION, askedWithFirstChoices } from './journeys.js';

/** Every language One Story speaks besides English, and a plain sentence in it (no crisis in it). */
const SENTENCES: Record<string, string> = {
  pl: 'Mieszkam teraz u kolegi od dwóch tygodni',
  ro: 'Stau la un prieten de două săptămâni',
  lt: 'Gyvenu pas draugą jau dvi savaites',
  lv: 'Dzīvoju pie drauga jau divas nedēļas',
  pt: 'Estou a viver em casa de um amigo há duas semanas',
  ar: 'أعيش عند صديق منذ أسبوعين',
  ur: 'میں دو ہفتوں سے ایک دوست کے پاس رہ رہا ہوں',
};
const LANGUAGES = Object.keys(SENTENCES);

// One app for the file, a new person (in the language and on the channel asked for) for each test: see
// newPersonPerTest.
const people = newPersonPerTest();
const open = async (options: Pick<DialogHarnessOptions, 'channelId' | 'locale'> = {}): Promise<DialogHarness> => people.next(options);

function words(t: TFunction, key: string): string[] {
  return t(key, { returnObjects: true }) as unknown as string[];
}

describe('every language has every language of ours', () => {
  it('speaks exactly English and the seven languages of Peterborough and Cambridgeshire', async () => {
    const harness = await open();
    expect([...harness.translations.languages].sort()).toEqual(['en', ...LANGUAGES].sort());
  });
});

describe('every topic, end to end, in every language (typed, as a person would)', () => {
  it.each(LANGUAGES)('%s', async (language) => {
    const harness = await open({ locale: language });
    const { t } = harness;
    const readFirst = harness.bank.topics.find((topic) => topic.id === harness.bank.readFirstTopicId)!;
    // The channel's language is ours: the welcome is in it, with no offer of other languages.
    const steps: Step[] = [
      { say: 'hi', expect: ['welcome.lines', 'supporter.ask'], notExpect: [{ text: harness.translations.forLocale('en')('welcome.lines.0') }] },
      { say: t('supporter.no'), expect: ['welcome.askName'] },
      { say: words(t, 'words.skip')[0], expect: ['welcome.noName', { key: 'menu.askFirst', params: { readFirst: t(readFirst.titleKey) } }] },
    ];
    for (const topic of harness.bank.topics) {
      // A sensitive topic opens with its content note, not its introduction as well (unless the note already says it).
      const introInNote = topic.sensitive && t(topic.contentNoteKey!).includes(t(topic.introKey));
      const opening: Step = topic.sensitive
        ? { say: t(topic.titleKey), expect: [topic.contentNoteKey!, 'topic.supportLine', 'topic.isNowOk'], notExpect: introInNote ? [] : [topic.introKey] }
        : { say: t(topic.titleKey), expect: [topic.introKey] };
      steps.push(opening);
      if (topic.sensitive) steps.push({ say: t('topic.nowOk'), expect: [] });
      steps[steps.length - 1].expect!.push(topic.questions[0].textKey);
      const asked = askedWithFirstChoices(topic);
      asked.forEach((question, index) => {
        const next = asked[index + 1];
        const expectations = next ? [next.whyKey, next.textKey] : [{ key: 'topic.finished', params: { title: t(topic.titleKey) } }];
        // A choice is typed as its label reads in this language; anything else in the person's own words.
        const say = question.kind === 'choice' ? t(question.choices![0].labelKey) : SENTENCES[language];
        steps.push({ say, expect: expectations });
      });
    }
    await runSteps(harness, steps);

    const story = (await harness.story())!;
    for (const topic of harness.bank.topics) {
      expect({ topic: topic.id, status: story.topicStatus[topic.id] }).toEqual({ topic: topic.id, status: 'done' });
      for (const question of topic.questions.filter((candidate) => isQuestionAsked(story, topic.id, candidate))) {
        const answer = getAnswer(story, topic.id, question.id);
        const where = `${topic.id}.${question.id}`;
        if (question.kind === 'choice') expect({ where, choice: answer?.choiceId }).toEqual({ where, choice: question.choices![0].id });
        // Kept verbatim, with the language it was written in (told from the text).
        else expect({ where, text: answer?.text, language: answer?.language }).toEqual({ where, text: SENTENCES[language], language });
      }
    }
  });
});

describe('choosing the first language', () => {
  it('without a language we speak from the channel, welcomes in English and offers each other language in itself', async () => {
    const harness = await open({ locale: 'de-DE' });
    const replies = (await harness.say('hi')).map(replyText);
    const offer = replies.find((text) => text.includes(harness.translations.forLocale('pl')('language.welcomeOffer')))!;
    for (const language of LANGUAGES) expect(offer).toContain(harness.translations.forLocale(language)('language.welcomeOffer'));
    expect(replies.join('\n')).toContain(harness.translations.forLocale('en')('welcome.lines.0'));
  });

  it('on SMS (no language given), a language named in the first message is the language of the welcome', async () => {
    const harness = await open({ channelId: 'sms', locale: null });
    const pl = harness.translations.forLocale('pl');
    const replies = (await harness.say('polski')).map(replyText).join('\n');
    expect(replies).toContain(pl('language.changed'));
    // On SMS, whether texts are safe on this phone comes first; then the welcome, all in Polish.
    expect(replies).toContain(pl('textMessaging.askSafe'));
    await harness.say('1');
    const welcome = (await harness.say('2')).map(replyText).join('\n');
    expect(welcome).toContain(pl('welcome.lines.0'));
  });
});

describe('switching language', () => {
  it('mid-topic, at once: the same question again in the new language, nothing told lost, remembered next time', async () => {
    const harness = await open();
    await runSteps(harness, [...HOUSING_FIRST_QUESTION, { say: 'Sofa surfing', value: 'answer:sofa-surfing', expect: ['topics.housing.questions.safe-to-stay.text'] }]);
    const pl = harness.translations.forLocale('pl');
    // A story question takes the person's own words, so a language's name is picked from the list.
    await runSteps(harness, [{ say: 'language', expect: ['language.ask'] }]);
    const replies = (await harness.say('polski')).map(replyText).join('\n');
    expect(replies).toContain(pl('language.changed'));
    expect(replies).toContain(pl('topics.housing.questions.safe-to-stay.text'));
    expect(replies).toContain(pl('topics.housing.questions.safe-to-stay.choices.yes'));
    let story = (await harness.story())!;
    expect(story.preferredLanguage).toBe('pl');
    expect(getAnswer(story, 'housing', 'current-place')?.choiceId).toBe('sofa-surfing');
    // The next answers go on from there, in Polish, each kept with its language.
    await runSteps(harness, [
      { say: pl('topics.housing.questions.safe-to-stay.choices.yes'), expect: ['topics.housing.questions.how-long.text'] },
      { say: SENTENCES.pl, expect: ['topics.housing.questions.worries.text'] },
    ].map((step) => ({ ...step, expect: step.expect.map((key) => ({ text: pl(key) })) })));
    story = (await harness.story())!;
    expect(getAnswer(story, 'housing', 'safe-to-stay')).toMatchObject({ choiceId: 'yes', language: 'pl' });
    expect(getAnswer(story, 'housing', 'how-long')).toMatchObject({ text: SENTENCES.pl, language: 'pl' });
    // Later, the channel still says English: the person's choice wins.
    const later = (await harness.say(pl('words.menu.0'))).map(replyText).join('\n');
    expect(later).toContain(pl('menu.askNext'));
  });

  it('"language" (in any language, with or without accents) offers every language as buttons lang:<code>, each in its own name', async () => {
    const harness = await open();
    await runSteps(harness, HOUSING_FIRST_QUESTION);
    const replies = await harness.say('language');
    const list = replies.find((reply) => replyText(reply).includes(harness.t('language.ask')))!;
    expect(buttonValues(list).sort()).toEqual(['en', ...LANGUAGES].map((code) => `lang:${code}`).sort());
    for (const language of LANGUAGES) expect(replyText(list)).toContain(harness.translations.forLocale(language)('web.languageName'));
    // Tapping Arabic: the question the person was at, in Arabic.
    const ar = harness.translations.forLocale('ar');
    const arabic = (await harness.say('العربية', 'lang:ar')).map(replyText).join('\n');
    expect(arabic).toContain(ar('language.changed'));
    expect(arabic).toContain(ar('topics.housing.questions.current-place.text'));
    // Polish typed without its accents, from the Arabic conversation.
    const again = (await harness.say('jezyk')).map(replyText).join('\n');
    expect(again).toContain(ar('language.ask'));
  });

  it('at a question answered in one\'s own words, a language\'s name is an answer, and lang:<code> still switches', async () => {
    const harness = await open();
    await runSteps(harness, HOUSING_TEXT_QUESTION);
    // "How long can you stay?" "Polish" is an answer here (as it would be to "which language for the interpreter?").
    await harness.say('Polish');
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')?.text).toBe('Polish');
    expect((await harness.story())!.preferredLanguage).toBeUndefined();
    const ro = harness.translations.forLocale('ro');
    const replies = (await harness.say('Română', 'lang:ro')).map(replyText).join('\n');
    expect(replies).toContain(ro('topics.housing.questions.worries.text'));
    expect((await harness.story())!.preferredLanguage).toBe('ro');
  });

  it('on SMS, the list is numbered and its number picks the language', async () => {
    const harness = await open({ channelId: 'sms', locale: null });
    await harness.say('hi');
    const list = (await harness.say('language')).map(replyText).join('\n');
    const lt = harness.translations.forLocale('lt');
    const number = list.split('\n').find((line) => line.includes(lt('web.languageName')))!.trim().match(/^(\d+)/)![1];
    const replies = (await harness.say(number)).map(replyText).join('\n');
    expect(replies).toContain(lt('language.changed'));
  });

  it('follows the person to another device linked with a code', async () => {
    // Two browsers (two channel users) talking to the same server.
    const web = await open();
    await runSteps(web, HOUSING_FIRST_QUESTION);
    await web.say('Português', 'lang:pt');
    const pt = web.translations.forLocale('pt');
    const issued = (await web.say(pt('words.another-device.0'))).map(replyText);
    const prefix = pt('resumeCode.issued', { code: '' });
    const code = issued.find((line) => line.startsWith(prefix))!.slice(prefix.length);
    // Another browser, set to English: the person's choice wins once the code links it to their story.
    const phone = await open({ locale: 'en-GB' });
    await phone.say('hi');
    const linked = (await phone.say(code)).map(replyText).join('\n');
    expect(linked).toContain(pt('resumeCode.linked'));
    expect(linked).toContain(pt('welcomeBack.greeting'));
  });
});

describe('written in another language we speak', () => {
  it('the answer is kept as written, and that language offers itself once; its name then switches', async () => {
    const harness = await open();
    await runSteps(harness, HOUSING_TEXT_QUESTION);
    const pl = harness.translations.forLocale('pl');
    // (If the crisis check asks "are you safe?" first, the runner answers yes, and the answer is then taken.)
    await runSteps(harness, [{ say: SENTENCES.pl, expect: [{ text: pl('language.welcomeOffer') }, 'topics.housing.questions.worries.text'] }]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')).toMatchObject({ text: SENTENCES.pl, language: 'pl' });
    const switched = (await harness.say('polski')).map(replyText).join('\n');
    expect(switched).toContain(pl('language.changed'));
    expect(switched).toContain(pl('topics.housing.questions.worries.text'));
  });

  it('on SMS, a first message written in Polish is answered in Polish', async () => {
    const harness = await open({ channelId: 'sms', locale: null });
    const pl = harness.translations.forLocale('pl');
    const replies = (await harness.say('Dzień dobry, potrzebuję pomocy z mieszkaniem')).map(replyText).join('\n');
    expect(replies).toContain(pl('textMessaging.askSafe'));
  });

  it.each([
    ['en', 'Mustafa Yilmaz'],
    ['en', 'Le Thi Hoa'],
    ['ar', 'Mohammed Ali Hassan'],
  ])('in a %s conversation, the name %j is a name, not a language', async (language, name) => {
    const harness = await open({ locale: language });
    await runSteps(harness, [{ say: 'hi' }, { say: harness.t('supporter.no'), expect: ['welcome.askName'] }]);
    await runSteps(harness, [{ say: name, expect: [{ key: 'welcome.nameThanks', params: { name } }], notExpect: ['language.notSpoken'] }]);
  });
});

describe('a language we do not speak yet', () => {
  it.each([
    ['Russian', 'Я живу у друга уже две недели и не знаю что делать'],
    ['Bulgarian', 'Живея при приятел от две седмици и не знам какво да правя'],
  ])('%s gets the list of languages and the interpreter line, never a guess, and nothing is kept', async (_name, message) => {
    const harness = await open();
    await runSteps(harness, HOUSING_TEXT_QUESTION);
    const replies = await harness.say(message);
    const list = replies.find((reply) => replyText(reply).includes(harness.t('language.notSpoken')))!;
    expect(buttonValues(list)).toContain('lang:pl');
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')).toBeUndefined();
    // English, picked from the list, asks the question again.
    const again = (await harness.say('English', 'lang:en')).map(replyText).join('\n');
    expect(again).toContain(harness.t('topics.housing.questions.how-long.text'));
  });

  it('an English answer, a Polish one and a short word are not taken for another language', async () => {
    const harness = await open();
    await runSteps(harness, HOUSING_TEXT_QUESTION);
    for (const said of ['I have been staying with a friend for two weeks', 'ok']) {
      const replies = (await harness.say(said)).map(replyText).join('\n');
      expect(replies).not.toContain(harness.t('language.notSpoken'));
      await harness.say('back');
    }
  });
});

describe('words that work anywhere, in every language', () => {
  it.each(LANGUAGES)('%s: each word is its own, and help, menu and review answer in the language', async (language) => {
    const harness = await open({ locale: language });
    const { t } = harness;
    // No word of one command is also a word of another in this language (or English, which always works).
    const en = harness.translations.forLocale('en');
    const owner = new Map<string, string>();
    for (const word of GLOBAL_WORDS) {
      for (const phrase of new Set([...words(t, `words.${word}`), ...words(en, `words.${word}`)])) {
        const key = normaliseForMatching(phrase);
        if (owner.has(key) && owner.get(key) !== word && !['skip', 'declined'].includes(owner.get(key)!)) {
          throw new Error(`${language}: "${phrase}" is a word for both ${owner.get(key)} and ${word}`);
        }
        owner.set(key, word);
      }
    }
    // Nor is a word for a topic in the menu ("palīdzība" is help, not "Help I'd like").
    for (const topic of harness.bank.topics) {
      for (const phrase of [t(topic.titleKey), ...(topic.synonymsKey ? words(t, topic.synonymsKey) : [])]) {
        expect({ language, topic: topic.id, phrase, command: owner.get(normaliseForMatching(phrase)) }).toEqual({ language, topic: topic.id, phrase, command: undefined });
      }
    }
    await runSteps(harness, [
      { say: 'hi' },
      { say: t('supporter.no') },
      { say: words(t, 'words.skip')[0] },
      { say: t('topics.housing.title'), expect: ['topics.housing.questions.current-place.text'] },
      { say: words(t, 'words.help')[0], expect: ['help.lines', 'topics.housing.questions.current-place.text'] },
      { say: words(t, 'words.menu')[0], expect: ['menu.askNext'] },
      { say: words(t, 'words.review')[0], expect: [] },
      { say: words(t, 'words.language')[0], expect: ['language.ask'] },
      { say: words(t, 'words.pause')[0], expect: ['pause.lines'] },
    ]);
  });
});

describe('an interpreter, asked about gently in "About me"', () => {
  /** To the interpreter question, skipping the About me questions before it. */
  const upToInterpreter: Step[] = [
    ...HOUSING_FIRST_QUESTION.slice(0, 3),
    { say: 'About me', expect: ['topics.about-me.intro'] },
    ...Array.from({ length: 5 }, (): Step => ({ say: 'skip' })),
    { say: 'skip', expect: ['topics.about-me.questions.interpreter.why', 'topics.about-me.questions.interpreter.text'] },
  ];

  it('asks which language only of someone who would like one', async () => {
    const harness = await open();
    await runSteps(harness, [
      ...upToInterpreter,
      { say: 'Yes, please', expect: ['topics.about-me.questions.interpreter-language.text'] },
      { say: 'Tigrinya, please', expect: [{ key: 'topic.finished', params: { title: 'About me' } }] },
    ]);
    expect(getAnswer((await harness.story())!, 'about-me', 'interpreter-language')?.text).toBe('Tigrinya, please');
  });

  it('does not ask the language of someone who said no', async () => {
    const harness = await open();
    await runSteps(harness, [
      ...upToInterpreter,
      { say: 'No, thank you', expect: [{ key: 'topic.finished', params: { title: 'About me' } }], notExpect: ['topics.about-me.questions.interpreter-language.text'] },
    ]);
    expect((await harness.story())!.topicStatus['about-me']).toBe('done');
  });
});
