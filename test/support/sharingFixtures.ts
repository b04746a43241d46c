import type { OneStoryApp } from '../../bot/app.js';
import type { SupportedBy } from '../../domain/sharing/consent.js';
import { newStory, recordAnswer, type Answer, type Story } from '../../domain/story.js';

/** Question text as a test's stand-in for i18n: visible in summaries, and never a person's words. */
export const fakeQuestionText = (key: string, locale: string): string => `[${locale}] ${key}`;

export const wording = { key: 'sharing.consent.confirm', locale: 'en', version: '2026-11' };

export function answer(topicId: string, questionId: string, text: string, extra: Partial<Answer> = {}): Answer {
  return {
    topicId,
    questionId,
    status: 'answered',
    text,
    language: 'en',
    withSupport: false,
    answeredAt: '2026-11-29T09:00:00.000Z',
    ...extra,
  };
}

/** A story with a few answers in several topics, including some a person would not want everyone to see. */
export function sampleStory(personId: string, at = new Date('2026-11-29T09:00:00Z')): Story {
  const answers: Answer[] = [
    answer('about-me', 'preferred-name', 'Sam'),
    answer('about-me', 'contact-method', 'Text message', { choiceId: 'text-message' }),
    answer('about-me', 'contact-time', 'After 6pm, never mornings'),
    answer('what-helps', 'avoid', 'Please do not phone me without texting first'),
    answer('what-helps', 'talk-how', 'Face to face', { choiceId: 'face-to-face' }),
    answer('housing', 'how-long', 'Sofa surfing for 3 weeks'),
    answer('housing', 'worries', 'My friend says I have to leave by Friday <script>alert(1)</script>'),
    answer('mental-health', 'how-feeling', 'Low most days', { withSupport: true }),
    answer('drugs-alcohol', 'use-now', 'Drinking more than I want to'),
    answer('safety', 'feel-safer', 'Nid wyf yn teimlo’n ddiogel gartref', { language: 'cy' }),
  ];
  return answers.reduce((story, next) => recordAnswer(story, next), newStory(personId, 'en', at));
}

/** A person shares the sample story with an agency through the real sharing use case (consent confirmed in the web chat). */
export function shareSampleStory(
  app: Pick<OneStoryApp, 'sharing'>,
  share: { personId: string; agencyId: string; parts: string[]; heldBack?: Array<{ topicId: string; questionId: string }>; supportedBy?: SupportedBy },
) {
  return app.sharing.share({
    story: sampleStory(share.personId),
    agencyId: share.agencyId,
    parts: share.parts,
    heldBack: share.heldBack ?? [],
    wording,
    channel: 'webchat',
    supportedBy: share.supportedBy ?? null,
  });
}
