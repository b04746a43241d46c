import { z } from 'zod';
import type { QuestionBank } from '../questionBank.js';
import { isQuestionAsked, type Story } from '../story.js';
import { ConsentWordingSchema, SupportedBySchema, isHeldBack, liveConsentFor, type ConsentStatus } from './consent.js';
import { HANDOFF_STATUSES, LISTED_STATUSES } from './handoffStatus.js';

/**
 * The handoff summary: exactly what one agency receives, built only from what a live consent covers.
 * It is versioned: agencies can rely on this shape (its JSON Schema is served at /api/schema/handoff.json
 * and kept in data/schema/handoff.schema.json). A breaking change means a new schemaVersion.
 */

export const HANDOFF_SCHEMA_VERSION = 1 as const;
export const HANDOFF_SCHEMA_ID = 'https://one-story.example.org/schema/handoff/v1.json';

export const HandoffAnswerSchema = z
  .object({
    questionId: z.string().describe('Stable id of the question in the One Story question bank.'),
    question: z.string().describe("The question, in your service's language (the agency directory's `language`, English by default)."),
    answer: z.string().describe("The person's own words, verbatim, or the label of the choice they picked as they saw it."),
    choiceId: z.string().nullable().describe('Stable id of the choice picked, when the answer was a choice.'),
    choiceLabel: z
      .string()
      .nullable()
      .optional()
      .describe("When the answer was a choice: its label in your service's language (the person may have seen it in another)."),
    language: z.string().describe('The language the answer was written in (BCP 47), told from the text itself.'),
    answeredAt: z.string().describe('When the person gave this answer (ISO 8601).'),
    saidWithSupport: z.boolean().describe('Whether a support worker was recorded as present when this was said.'),
  })
  .meta({ id: 'HandoffAnswer' });

export const HandoffPartSchema = z
  .object({
    topicId: z.string().describe('Story topic id, e.g. "housing".'),
    title: z.string().describe("The topic's title, in your service's language."),
    readFirst: z.boolean().describe('True for "what helps me": please read this before contacting the person.'),
    answers: z.array(HandoffAnswerSchema),
  })
  .meta({ id: 'HandoffPart' });

export const HandoffStatusEventSchema = z
  .object({
    status: z
      .enum(LISTED_STATUSES)
      .describe('sent, delivered, received, accepted, declined, replaced, withdrawn, erasure-requested or expired (see the agency API statuses).'),
    at: z.string().describe('When it happened (ISO 8601).'),
    message: z.string().optional().describe('Your message to the person, when you set this status with one (never in listings).'),
  })
  .meta({ id: 'HandoffStatusEvent' });

export const HandoffSummarySchema = z
  .object({
    schemaVersion: z.literal(HANDOFF_SCHEMA_VERSION),
    handoffId: z.string().describe('Id of this handoff version; use it with the pull API.'),
    reference: z.string().describe('Short reference the person also sees; quote it when you contact them.'),
    version: z.number().int().min(1).describe('1 for the first handoff; each update the person sends adds one.'),
    firstHandoffId: z.string().describe('Id of version 1: every update links back to it.'),
    previousHandoffId: z.string().nullable(),
    createdAt: z.string(),
    status: z.enum(HANDOFF_STATUSES).optional().describe('Where this version stands now: sent, delivered, or what you said (received, accepted, declined).'),
    statusAt: z.string().optional().describe('When it reached that status (ISO 8601).'),
    statusHistory: z
      .array(HandoffStatusEventSchema)
      .optional()
      .describe('Everything that happened to this version, oldest first. An update starts a new version with its own history; the earlier one ends "replaced".'),
    agency: z.object({ id: z.string(), name: z.string() }),
    person: z
      .object({
        chosenName: z.string().nullable().describe('The name the person asked to be called, if they shared it.'),
        contactPreferences: z.array(HandoffAnswerSchema).describe('How and when it is safe to contact them.'),
      })
      .nullable()
      .describe('Present only when the person consented to share "about me / contact".'),
    languageAndCommunication: z
      .object({
        preferredLanguage: z.string().describe('The language the person chose to talk in (BCP 47), e.g. "pl".'),
        answers: z.array(HandoffAnswerSchema).describe('Whether they would like an interpreter, and in which language.'),
      })
      .nullable()
      .optional()
      .describe('Read it with "what helps me", before contacting the person. Present only with "about me / contact".'),
    parts: z.array(HandoffPartSchema).describe('"What helps me" first when shared, then the other parts in question-bank order.'),
    consent: z.object({
      consentId: z.string(),
      parts: z.array(z.string()).describe('Topic ids the person consented to share with you.'),
      purpose: z.string(),
      grantedAt: z.string(),
      expiresAt: z.string().describe('After this, the handoff is no longer served; ask the person if you need more time.'),
      wording: ConsentWordingSchema,
      channel: z.string(),
      supportedBy: SupportedBySchema.describe('A support worker present when the person consented (they never consent for them).'),
      confirmedBy: z.literal('person'),
    }),
  })
  .meta({ id: 'HandoffSummary', title: 'One Story handoff summary' });

export type HandoffStatusEvent = z.infer<typeof HandoffStatusEventSchema>;
export type HandoffAnswer = z.infer<typeof HandoffAnswerSchema>;
export type HandoffPart = z.infer<typeof HandoffPartSchema>;
export type HandoffSummary = z.infer<typeof HandoffSummarySchema>;

/** The JSON Schema agencies validate against: generated from the zod schema, never written by hand. */
export function handoffJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(HandoffSummarySchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...generated, $id: HANDOFF_SCHEMA_ID };
}

/** Identity of one handoff version, chosen by whoever stores it. */
export interface HandoffIdentity {
  handoffId: string;
  reference: string;
  version: number;
  firstHandoffId: string;
  previousHandoffId: string | null;
  createdAt: string;
}

export interface HandoffSummaryInput {
  story: Story;
  /** `language`: what the agency reads (BCP 47); questions and titles are given in it. */
  agency: { id: string; name: string; language?: string };
  /** The person's consents as they stand; only a live one for this agency is used. */
  consents: readonly ConsentStatus[];
  now: Date;
  bank: QuestionBank;
  /** The text for a locale key in a locale: question wording, choice labels and topic titles. */
  questionText: (key: string, locale: string) => string;
  identity: HandoffIdentity;
}

/**
 * Builds what an agency may see: nothing without a live consent for that agency (returns null), and
 * with one, only answered questions in the consented parts, minus any answer held back from this agency.
 */
export function buildHandoffSummary(input: HandoffSummaryInput): HandoffSummary | null {
  const { story, agency, bank, questionText } = input;
  const consent = liveConsentFor(input.consents, story.personId, agency.id, input.now);
  if (!consent) return null;
  const reads = agency.language ?? 'en';

  const shareable = (topicId: string): HandoffAnswer[] => {
    const topic = bank.topics.find((candidate) => candidate.id === topicId);
    if (!topic || !consent.parts.includes(topicId)) return [];
    const answers = story.answers[topicId] ?? {};
    return topic.questions.flatMap((question) => {
      const answer = answers[question.id];
      if (!answer || answer.status !== 'answered' || answer.text === undefined) return [];
      if (answer.topicId !== topicId || answer.questionId !== question.id) return [];
      if (isHeldBack(consent.heldBack, topicId, question.id)) return [];
      // An answer to a question that no longer applies (an interpreter's language, after "no") is not sent.
      if (!isQuestionAsked(story, topicId, question)) return [];
      const choice = question.choices?.find((candidate) => candidate.id === answer.choiceId);
      return [
        {
          questionId: question.id,
          question: questionText(question.textKey, reads),
          answer: answer.text,
          choiceId: answer.choiceId ?? null,
          choiceLabel: choice ? questionText(choice.labelKey, reads) : null,
          language: answer.language,
          answeredAt: answer.answeredAt,
          saidWithSupport: answer.withSupport,
        },
      ];
    });
  };

  const personTopicId = bank.preferredName.topicId;
  const communication = bank.communication;
  const isAboutCommunication = (answer: HandoffAnswer): boolean =>
    communication?.topicId === personTopicId && communication.questionIds.includes(answer.questionId);
  let person: HandoffSummary['person'] = null;
  let languageAndCommunication: HandoffSummary['languageAndCommunication'] = null;
  if (consent.parts.includes(personTopicId)) {
    const aboutMe = shareable(personTopicId);
    const name = aboutMe.find((answer) => answer.questionId === bank.preferredName.questionId);
    person = {
      chosenName: name?.answer ?? null,
      contactPreferences: aboutMe.filter((answer) => answer.questionId !== bank.preferredName.questionId && !isAboutCommunication(answer)),
    };
    languageAndCommunication = {
      preferredLanguage: story.preferredLanguage ?? story.locale,
      answers: communication ? shareable(communication.topicId).filter(isAboutCommunication) : [],
    };
  }

  const topicOrder = [
    ...bank.topics.filter((topic) => topic.id === bank.readFirstTopicId),
    ...bank.topics.filter((topic) => topic.id !== bank.readFirstTopicId && topic.id !== personTopicId),
  ];
  const parts: HandoffPart[] = topicOrder
    .map((topic) => ({
      topicId: topic.id,
      title: questionText(topic.titleKey, reads),
      readFirst: topic.id === bank.readFirstTopicId,
      answers: shareable(topic.id),
    }))
    .filter((part) => part.answers.length > 0);

  return {
    schemaVersion: HANDOFF_SCHEMA_VERSION,
    ...input.identity,
    agency: { id: agency.id, name: agency.name },
    person,
    languageAndCommunication,
    parts,
    consent: {
      consentId: consent.id,
      parts: [...consent.parts],
      purpose: consent.purpose,
      grantedAt: consent.grantedAt,
      expiresAt: consent.expiresAt,
      wording: { ...consent.wording },
      channel: consent.channel,
      supportedBy: consent.supportedBy ? { ...consent.supportedBy } : null,
      confirmedBy: 'person',
    },
  };
}
