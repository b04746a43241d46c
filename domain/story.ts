import { z } from 'zod';
import { isAsked, type Question, type Topic } from './questionBank.js';

/**
 * A person's story: what they chose to tell us, in their own words, by topic.
 * Rules here are plain functions over plain data so they can be tested alone and used by any channel.
 */

export const AnswerSchema = z.object({
  topicId: z.string(),
  questionId: z.string(),
  /** `answered` keeps the person's words; `skipped` records only that they chose not to say. */
  status: z.enum(['answered', 'skipped']),
  /** Verbatim: the person's own words, or the label of the choice they picked as they saw it. */
  text: z.string().optional(),
  /** The stable id of the choice picked, when the answer was a choice. */
  choiceId: z.string().optional(),
  /** The language the answer was written in. */
  language: z.string(),
  /** Whether a support worker was recorded as present when this was said. */
  withSupport: z.boolean(),
  answeredAt: z.string(),
  /**
   * Asked at the welcome rather than in its topic (the name to call the person): the topic does not ask it
   * again, nor count it in its "Question n of N".
   */
  askedAtWelcome: z.boolean().optional(),
});

export const TopicStatusSchema = z.enum(['in-progress', 'done', 'skipped']);

export const PositionSchema = z.object({ topicId: z.string(), questionIndex: z.number().int().min(0) });

export const StorySchema = z.object({
  personId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  locale: z.string(),
  /** topicId → questionId → answer */
  answers: z.record(z.string(), z.record(z.string(), AnswerSchema)),
  topicStatus: z.record(z.string(), TopicStatusSchema),
  /** Where the person was when they last stopped, so we can offer to carry on there. */
  position: PositionSchema.nullable(),
  /** Set once the person has been welcomed; returning people get a short "welcome back" instead. */
  welcomedAt: z.string().nullable(),
  /**
   * The language the person chose to be spoken to in ("language", or a language's name): it wins over the
   * channel's setting, on every device linked to this story. Unset until they choose.
   */
  preferredLanguage: z.string().optional(),
  /** What agencies said up to this time (ISO) has been told to the person: anything later is news to tell first. */
  agencyNewsSeenAt: z.string().optional(),
});

export type Answer = z.infer<typeof AnswerSchema>;
export type TopicStatus = z.infer<typeof TopicStatusSchema>;
export type Position = z.infer<typeof PositionSchema>;
export type Story = z.infer<typeof StorySchema>;

export function newStory(personId: string, locale: string, now: Date): Story {
  const at = now.toISOString();
  return { personId, createdAt: at, updatedAt: at, locale, answers: {}, topicStatus: {}, position: null, welcomedAt: null };
}

export function getAnswer(story: Story, topicId: string, questionId: string): Answer | undefined {
  return story.answers[topicId]?.[questionId];
}

/** Whether a question is asked at all, given this story's earlier choices (see `askIf`). */
export function isQuestionAsked(story: Story, topicId: string, question: Question): boolean {
  return isAsked(question, (questionId) => getAnswer(story, topicId, questionId)?.choiceId);
}

/**
 * The questions of a topic that this person is asked there, in order: those that apply to them (see
 * `askIf`; one that depends on a choice not yet made is not counted until it is made), less any answered
 * at the welcome. What "Question n of N" counts.
 */
export function questionsAskedIn(story: Story, topic: Topic): Question[] {
  return topic.questions.filter(
    (question) => isQuestionAsked(story, topic.id, question) && getAnswer(story, topic.id, question.id)?.askedAtWelcome !== true,
  );
}

export function hasAnswered(story: Story, topicId: string, questionId: string): boolean {
  return getAnswer(story, topicId, questionId)?.status === 'answered';
}

/** Returns a new story with the answer recorded (replacing any earlier answer to the same question). */
export function recordAnswer(story: Story, answer: Answer): Story {
  const topicAnswers = { ...(story.answers[answer.topicId] ?? {}), [answer.questionId]: answer };
  return { ...story, updatedAt: answer.answeredAt, answers: { ...story.answers, [answer.topicId]: topicAnswers } };
}

export function removeAnswer(story: Story, topicId: string, questionId: string, now: Date): Story {
  const topicAnswers = { ...(story.answers[topicId] ?? {}) };
  delete topicAnswers[questionId];
  const answers = { ...story.answers, [topicId]: topicAnswers };
  if (Object.keys(topicAnswers).length === 0) delete answers[topicId];
  return { ...story, updatedAt: now.toISOString(), answers };
}

/** Removes a whole topic: its answers and its status, so it shows as not started again. */
export function removeTopic(story: Story, topicId: string, now: Date): Story {
  const answers = { ...story.answers };
  delete answers[topicId];
  const topicStatus = { ...story.topicStatus };
  delete topicStatus[topicId];
  const position = story.position?.topicId === topicId ? null : story.position;
  return { ...story, updatedAt: now.toISOString(), answers, topicStatus, position };
}

export function setTopicStatus(story: Story, topicId: string, status: TopicStatus, now: Date): Story {
  return { ...story, updatedAt: now.toISOString(), topicStatus: { ...story.topicStatus, [topicId]: status } };
}

export function setPosition(story: Story, position: Position | null, now: Date): Story {
  return { ...story, updatedAt: now.toISOString(), position };
}

/** Topics the person has said anything in, in the order given. */
export function topicsWithAnswers(story: Story, topicOrder: readonly string[]): string[] {
  return topicOrder.filter((topicId) =>
    Object.values(story.answers[topicId] ?? {}).some((answer) => answer.status === 'answered'),
  );
}

export function isEmptyStory(story: Story): boolean {
  return Object.keys(story.answers).length === 0 && Object.keys(story.topicStatus).length === 0;
}
