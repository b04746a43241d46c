import { describe, expect, it } from '@jest/globals';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { consentStatuses, emptyLedger, grantConsent, withdrawConsent, type ConsentRequest } from '../../domain/sharing/consent.js';
import { HandoffSummarySchema, buildHandoffSummary, type HandoffIdentity } from '../../domain/sharing/handoffSummary.js';
import { fakeQuestionText, sampleStory, wording } from '../support/sharingFixtures.js';
import { recordAnswer } from '../../domain/story.js';

const now = new Date('2026-11-29T10:00:00Z');
const identity: HandoffIdentity = { handoffId: 'h1', reference: 'OS-TEST-0001', version: 1, firstHandoffId: 'h1', previousHandoffId: null, createdAt: now.toISOString() };
const agency = { id: 'housing-options', name: 'Housing Options' };
const consentTo = (parts: string[], heldBack: ConsentRequest['heldBack'] = []) =>
  consentStatuses(
    grantConsent(
      emptyLedger('p1'),
      { id: 'c1', agencyId: agency.id, parts, heldBack, purpose: 'referral-and-support', wording, channel: 'webchat', supportedBy: null, confirmedBy: 'person' },
      now,
    ).ledger,
  );

describe('buildHandoffSummary', () => {
  const story = sampleStory('p1');

  it('when there is no live consent for the agency should return nothing at all', async () => {
    const bank = await loadQuestionBank();
    expect(buildHandoffSummary({ story, agency, consents: [], now, bank, questionText: fakeQuestionText, identity })).toBeNull();
    const other = consentTo(['housing']).map((consent) => ({ ...consent, agencyId: 'someone-else' }));
    expect(buildHandoffSummary({ story, agency, consents: other, now, bank, questionText: fakeQuestionText, identity })).toBeNull();
  });

  it('when consented should put "what helps me" first and carry answers verbatim with their language', async () => {
    const bank = await loadQuestionBank();
    const summary = buildHandoffSummary({ story, agency, consents: consentTo(['safety', 'housing', 'what-helps']), now, bank, questionText: fakeQuestionText, identity })!;
    expect(HandoffSummarySchema.parse(summary)).toEqual(summary);
    expect(summary.parts.map((part) => part.topicId)).toEqual(['what-helps', 'housing', 'safety']);
    expect(summary.parts[0].readFirst).toBe(true);
    const safety = summary.parts[2].answers[0];
    // The answer stays as written, with its language; the question is in the agency's language (English by default).
    expect(safety).toMatchObject({ questionId: 'feel-safer', answer: 'Nid wyf yn teimlo’n ddiogel gartref', language: 'cy', question: '[en] topics.safety.questions.feel-safer.text' });
    expect(summary.parts[1].answers.map((entry) => entry.answer)).toContain('My friend says I have to leave by Friday <script>alert(1)</script>');
  });

  it('gives questions, titles and choice labels in the language the agency reads, and the answers as written', async () => {
    const bank = await loadQuestionBank();
    const polishAgency = { ...agency, language: 'pl' };
    const summary = buildHandoffSummary({ story, agency: polishAgency, consents: consentTo(['safety', 'housing']), now, bank, questionText: fakeQuestionText, identity })!;
    expect(summary.parts.map((part) => part.title)).toEqual(['[pl] topics.housing.title', '[pl] topics.safety.title']);
    const safety = summary.parts[1].answers[0];
    expect(safety).toMatchObject({ answer: 'Nid wyf yn teimlo’n ddiogel gartref', language: 'cy', question: '[pl] topics.safety.questions.feel-safer.text' });
  });

  it('opens "language and communication" with the language the person chose and their interpreter answers, only with "about me"', async () => {
    const bank = await loadQuestionBank();
    const at = now.toISOString();
    const common = { topicId: 'about-me', language: 'pl', withSupport: false, answeredAt: at, status: 'answered' as const };
    let polish = recordAnswer({ ...story, preferredLanguage: 'pl' }, { ...common, questionId: 'interpreter', text: 'Tak, poproszę', choiceId: 'yes' });
    polish = recordAnswer(polish, { ...common, questionId: 'interpreter-language', text: 'polski' });
    const summary = buildHandoffSummary({ story: polish, agency, consents: consentTo(['about-me', 'what-helps']), now, bank, questionText: fakeQuestionText, identity })!;
    expect(summary.languageAndCommunication?.preferredLanguage).toBe('pl');
    expect(summary.languageAndCommunication?.answers.map((answer) => [answer.questionId, answer.answer, answer.choiceLabel])).toEqual([
      ['interpreter', 'Tak, poproszę', '[en] topics.about-me.questions.interpreter.choices.yes'],
      ['interpreter-language', 'polski', null],
    ]);
    // Not repeated among the contact preferences.
    expect(summary.person?.contactPreferences.map((answer) => answer.questionId)).not.toContain('interpreter');
    // "No" to an interpreter later: the language answered before no longer applies and is not sent.
    const declined = recordAnswer(polish, { ...common, questionId: 'interpreter', text: 'Nie, dziękuję', choiceId: 'no' });
    const after = buildHandoffSummary({ story: declined, agency, consents: consentTo(['about-me']), now, bank, questionText: fakeQuestionText, identity })!;
    expect(after.languageAndCommunication?.answers.map((answer) => answer.questionId)).toEqual(['interpreter']);
    const withoutAboutMe = buildHandoffSummary({ story: polish, agency, consents: consentTo(['what-helps']), now, bank, questionText: fakeQuestionText, identity })!;
    expect(withoutAboutMe.languageAndCommunication).toBeNull();
    expect(JSON.stringify(withoutAboutMe)).not.toContain('Tak, poproszę');
  });

  it('when "about me" is not consented should leave out the name and contact preferences', async () => {
    const bank = await loadQuestionBank();
    const summary = buildHandoffSummary({ story, agency, consents: consentTo(['housing']), now, bank, questionText: fakeQuestionText, identity })!;
    expect(summary.person).toBeNull();
    expect(JSON.stringify(summary)).not.toContain('Sam');
  });

  it('when "about me" is consented should give the chosen name and contact preferences', async () => {
    const bank = await loadQuestionBank();
    const summary = buildHandoffSummary({ story, agency, consents: consentTo(['about-me']), now, bank, questionText: fakeQuestionText, identity })!;
    expect(summary.person?.chosenName).toBe('Sam');
    expect(summary.person?.contactPreferences.map((entry) => entry.questionId)).toEqual(['contact-method', 'contact-time']);
    expect(summary.parts).toEqual([]);
  });

  it('when one answer is held back should leave just that answer out', async () => {
    const bank = await loadQuestionBank();
    const summary = buildHandoffSummary({
      story,
      agency,
      consents: consentTo(['housing', 'about-me'], [{ topicId: 'housing', questionId: 'worries' }, { topicId: 'about-me', questionId: 'preferred-name' }]),
      now,
      bank,
      questionText: fakeQuestionText,
      identity,
    })!;
    expect(summary.parts[0].answers.map((entry) => entry.questionId)).toEqual(['how-long']);
    expect(summary.person?.chosenName).toBeNull();
    expect(JSON.stringify(summary)).not.toMatch(/Friday|Sam/);
  });

  it('when the consent was withdrawn should return nothing', async () => {
    const bank = await loadQuestionBank();
    const granted = grantConsent(
      emptyLedger('p1'),
      { id: 'c1', agencyId: agency.id, parts: ['housing'], heldBack: [], purpose: 'referral-and-support', wording, channel: 'webchat', supportedBy: null, confirmedBy: 'person' },
      now,
    );
    const { ledger } = withdrawConsent(granted.ledger, agency.id, now, 'webchat');
    expect(buildHandoffSummary({ story, agency, consents: consentStatuses(ledger), now, bank, questionText: fakeQuestionText, identity })).toBeNull();
  });

  it('should record the consent details an agency needs to trust it', async () => {
    const bank = await loadQuestionBank();
    const summary = buildHandoffSummary({ story, agency, consents: consentTo(['housing']), now, bank, questionText: fakeQuestionText, identity })!;
    expect(summary.consent).toEqual({
      consentId: 'c1',
      parts: ['housing'],
      purpose: 'referral-and-support',
      grantedAt: now.toISOString(),
      expiresAt: '2027-11-29T10:00:00.000Z',
      wording,
      channel: 'webchat',
      supportedBy: null,
      confirmedBy: 'person',
    });
    expect(summary).toMatchObject({ schemaVersion: 1, handoffId: 'h1', reference: 'OS-TEST-0001', version: 1, firstHandoffId: 'h1' });
  });
});
