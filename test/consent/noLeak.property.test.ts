import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { consentStatuses, emptyLedger, grantConsent, withdrawConsent, type ConsentLedger, type ConsentStatus } from '../../domain/sharing/consent.js';
import { HandoffSummarySchema, buildHandoffSummary, type HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import { findTopic, type QuestionBank } from '../../domain/questionBank.js';
import { isQuestionAsked, newStory, recordAnswer, type Story } from '../../domain/story.js';
import { fakeQuestionText, wording } from '../support/sharingFixtures.js';

/**
 * The "tell it once" promise, proved over random stories and random histories of consent: no answer ever
 * reaches an agency's summary unless a live consent for that agency covers its part and it was not held
 * back; and every answer that is covered does reach it (the summary is exact, not just safe).
 */

const AGENCIES = ['agency-a', 'agency-b', 'agency-c'];
const PERSON = 'person-1';
const START = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

/** Every answer's text carries a marker naming its question, so a leak is found wherever it lands. */
const marker = (topicId: string, questionId: string) => `#${topicId}.${questionId}#`;

type Operation =
  | { kind: 'grant'; agency: number; parts: string[]; heldBack: Array<{ topicId: string; questionId: string }>; months: number; afterDays: number }
  | { kind: 'withdraw'; agency: number; afterDays: number };

function arbitraries(bank: QuestionBank) {
  const questions = bank.topics.flatMap((topic) => topic.questions.map((question) => ({ topicId: topic.id, questionId: question.id })));
  const topicIds = bank.topics.map((topic) => topic.id);
  const storyArb = fc
    .array(
      fc.record({
        which: fc.constantFrom(...questions),
        words: fc.string({ maxLength: 12 }),
        status: fc.constantFrom('answered' as const, 'answered' as const, 'skipped' as const),
        language: fc.constantFrom('en', 'cy', 'pl', 'ar', 'ro'),
        withSupport: fc.boolean(),
      }),
      { maxLength: 30 },
    )
    .map((answers) =>
      answers.reduce<Story>(
        (story, next) =>
          recordAnswer(story, {
            topicId: next.which.topicId,
            questionId: next.which.questionId,
            status: next.status,
            text: next.status === 'answered' ? `${next.words}${marker(next.which.topicId, next.which.questionId)}` : undefined,
            language: next.language,
            withSupport: next.withSupport,
            answeredAt: new Date(START).toISOString(),
          }),
        newStory(PERSON, 'en', new Date(START)),
      ),
    );
  const grantArb = fc
    .record({
      agency: fc.nat({ max: AGENCIES.length - 1 }),
      parts: fc.subarray(topicIds, { minLength: 1 }),
      months: fc.integer({ min: 1, max: 24 }),
      afterDays: fc.integer({ min: 0, max: 400 }),
      heldBackSeed: fc.array(fc.constantFrom(...questions), { maxLength: 6 }),
    })
    .map(({ heldBackSeed, parts, ...rest }): Operation => ({
      kind: 'grant',
      ...rest,
      parts,
      heldBack: heldBackSeed.filter((held) => parts.includes(held.topicId)),
    }));
  const withdrawArb = fc.record({ agency: fc.nat({ max: AGENCIES.length - 1 }), afterDays: fc.integer({ min: 0, max: 400 }) }).map((op): Operation => ({ kind: 'withdraw', ...op }));
  const operationsArb = fc.array(fc.oneof(grantArb, grantArb, withdrawArb), { maxLength: 10 });
  return { storyArb, operationsArb };
}

/** The model: independently of the ledger's own rules, what each agency may see at `now`. */
function expectedAccess(operations: Operation[], now: number): Map<string, { parts: Set<string>; heldBack: Set<string> }> {
  const current = new Map<string, { parts: string[]; heldBack: string[]; expiresAt: number } | null>();
  let at = START;
  for (const op of operations) {
    at += op.afterDays * DAY;
    const agencyId = AGENCIES[op.agency];
    if (op.kind === 'grant') {
      const expires = new Date(at);
      const day = expires.getUTCDate();
      expires.setUTCDate(1);
      expires.setUTCMonth(expires.getUTCMonth() + op.months);
      expires.setUTCDate(Math.min(day, new Date(Date.UTC(expires.getUTCFullYear(), expires.getUTCMonth() + 1, 0)).getUTCDate()));
      current.set(agencyId, { parts: op.parts, heldBack: op.heldBack.map((held) => `${held.topicId}.${held.questionId}`), expiresAt: expires.getTime() });
    } else {
      current.set(agencyId, null);
    }
  }
  const access = new Map<string, { parts: Set<string>; heldBack: Set<string> }>();
  for (const [agencyId, consent] of current) {
    if (consent && now < consent.expiresAt) access.set(agencyId, { parts: new Set(consent.parts), heldBack: new Set(consent.heldBack) });
  }
  return access;
}

function applyOperations(operations: Operation[]): { ledger: ConsentLedger; lastAt: number } {
  let ledger = emptyLedger(PERSON);
  let at = START;
  operations.forEach((op, index) => {
    at += op.afterDays * DAY;
    const agencyId = AGENCIES[op.agency];
    if (op.kind === 'grant') {
      ledger = grantConsent(
        ledger,
        { id: `c${index}`, agencyId, parts: op.parts, heldBack: op.heldBack, purpose: 'referral-and-support', wording, channel: 'webchat', supportedBy: null, confirmedBy: 'person' },
        new Date(at),
        op.months,
      ).ledger;
    } else {
      ledger = withdrawConsent(ledger, agencyId, new Date(at), 'webchat').ledger;
    }
  });
  return { ledger, lastAt: at };
}

function answersIn(summary: HandoffSummary): Array<{ topicId: string; questionId: string; answer: string }> {
  const fromPerson = summary.person
    ? summary.person.contactPreferences.map((entry) => ({ topicId: 'about-me', questionId: entry.questionId, answer: entry.answer }))
    : [];
  const name = summary.person?.chosenName;
  const fromName = name ? [{ topicId: 'about-me', questionId: 'preferred-name', answer: name }] : [];
  const fromCommunication = (summary.languageAndCommunication?.answers ?? []).map((entry) => ({ topicId: 'about-me', questionId: entry.questionId, answer: entry.answer }));
  const fromParts = summary.parts.flatMap((part) => part.answers.map((entry) => ({ topicId: part.topicId, questionId: entry.questionId, answer: entry.answer })));
  return [...fromName, ...fromPerson, ...fromCommunication, ...fromParts];
}

describe('buildHandoffSummary (property)', () => {
  it('never lets an answer reach an agency without a live consent for that agency and part, and leaves nothing covered out', async () => {
    const bank = await loadQuestionBank();
    const { storyArb, operationsArb } = arbitraries(bank);
    // Consents of someone else, to the same agencies, must never open this person's story.
    const stranger = consentStatuses(
      grantConsent(
        emptyLedger('someone-else'),
        { id: 'x', agencyId: AGENCIES[0], parts: bank.topics.map((topic) => topic.id), heldBack: [], purpose: 'p', wording, channel: 'webchat', supportedBy: null, confirmedBy: 'person' },
        new Date(START),
      ).ledger,
    );

    fc.assert(
      fc.property(storyArb, operationsArb, fc.integer({ min: 0, max: 800 }), (story, operations, laterDays) => {
        const { ledger, lastAt } = applyOperations(operations);
        const now = lastAt + laterDays * DAY;
        const consents: ConsentStatus[] = [...consentStatuses(ledger), ...stranger.map((consent) => ({ ...consent, personId: 'someone-else' }))];
        const access = expectedAccess(operations, now);

        for (const agencyId of AGENCIES) {
          const summary = buildHandoffSummary({
            story,
            agency: { id: agencyId, name: agencyId },
            consents,
            now: new Date(now),
            bank,
            questionText: fakeQuestionText,
            identity: { handoffId: 'h', reference: 'r', version: 1, firstHandoffId: 'h', previousHandoffId: null, createdAt: new Date(now).toISOString() },
          });
          const allowed = access.get(agencyId);
          if (!allowed) {
            expect(summary).toBeNull();
            continue;
          }
          expect(summary).not.toBeNull();
          expect(HandoffSummarySchema.safeParse(summary).success).toBe(true);
          const text = JSON.stringify(summary);
          const mayShow = (topicId: string, questionId: string) => allowed.parts.has(topicId) && !allowed.heldBack.has(`${topicId}.${questionId}`);

          // Safe: no marker of an answer outside the consent appears anywhere in the summary.
          for (const [topicId, answers] of Object.entries(story.answers)) {
            for (const [questionId, answer] of Object.entries(answers)) {
              const shown = text.includes(JSON.stringify(marker(topicId, questionId)).slice(1, -1));
              if (!mayShow(topicId, questionId) || answer.status !== 'answered') expect(shown).toBe(false);
            }
          }
          // Exact: every answer in it is covered and verbatim, and every covered answer is in it.
          const given = answersIn(summary!);
          for (const entry of given) {
            expect(mayShow(entry.topicId, entry.questionId)).toBe(true);
            expect(entry.answer).toBe(story.answers[entry.topicId]?.[entry.questionId]?.text);
          }
          const covered = Object.values(story.answers)
            .flatMap((answers) => Object.values(answers))
            .filter((answer) => answer.status === 'answered' && mayShow(answer.topicId, answer.questionId))
            // An answer to a question that no longer applies (the interpreter's language after "no") is not sent.
            .filter((answer) => isQuestionAsked(story, answer.topicId, findTopic(bank, answer.topicId)!.questions.find((question) => question.id === answer.questionId)!));
          expect(given.length).toBe(covered.length);
          expect(new Set(summary!.consent.parts)).toEqual(allowed.parts);
        }
      }),
      { numRuns: 300 },
    );
  });
});
