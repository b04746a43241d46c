import { z } from 'zod';

/**
 * The question bank: the whole conversation about a person's situation, declared as data.
 * One generic dialog runs any topic, so adding a topic means adding data and locale strings, not code.
 * Ids are stable: they travel in suggested-action values (`topic:housing`, `answer:yes`) and into handoffs.
 */

const stableId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'ids are lower-case letters, digits and hyphens, starting with a letter');
const localeKey = z.string().min(1);

export const ChoiceSchema = z.object({
  id: stableId,
  /** Locale key of the label a person sees. */
  labelKey: localeKey,
  /** Optional locale key of an array of other words a person might type for this choice. */
  synonymsKey: localeKey.optional(),
});

export const QuestionSchema = z
  .object({
    id: stableId,
    /** `text`: free text kept verbatim. `choice`: options offered, but free text is accepted too. */
    kind: z.enum(['text', 'choice']),
    textKey: localeKey,
    /** Shown before the question, every time: we say why we ask before we ask. */
    whyKey: localeKey,
    choices: z.array(ChoiceSchema).optional(),
    /**
     * Asked only when an earlier choice question of the same topic was answered with one of these choices
     * ("which language should the interpreter speak?" only after "yes" to an interpreter).
     */
    askIf: z.object({ questionId: stableId, choiceIds: z.array(stableId).min(1) }).optional(),
  })
  .superRefine((question, ctx) => {
    if (question.kind === 'choice' && (question.choices?.length ?? 0) < 2) {
      ctx.addIssue({ code: 'custom', message: `choice question "${question.id}" needs at least two choices` });
    }
    if (question.kind === 'text' && question.choices) {
      ctx.addIssue({ code: 'custom', message: `text question "${question.id}" must not have choices` });
    }
    const ids = (question.choices ?? []).map((choice) => choice.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', message: `question "${question.id}" has duplicate choice ids` });
    }
  });

export const TopicSchema = z
  .object({
    id: stableId,
    titleKey: localeKey,
    /** Optional locale key of an array of other words for the topic ("housing" for "Where I'm staying"). */
    synonymsKey: localeKey.optional(),
    /** One short line said when the topic starts: what it is about. */
    introKey: localeKey,
    /** Sensitive topics open with a content note and ask whether now is an OK time. */
    sensitive: z.boolean(),
    contentNoteKey: localeKey.optional(),
    questions: z.array(QuestionSchema).min(1),
  })
  .superRefine((topic, ctx) => {
    if (topic.sensitive && !topic.contentNoteKey) {
      ctx.addIssue({ code: 'custom', message: `sensitive topic "${topic.id}" needs a contentNoteKey` });
    }
    const ids = topic.questions.map((question) => question.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', message: `topic "${topic.id}" has duplicate question ids` });
    }
    topic.questions.forEach((question, index) => {
      if (!question.askIf) return;
      const asker = topic.questions.slice(0, index).find((earlier) => earlier.id === question.askIf?.questionId);
      const known = new Set(asker?.choices?.map((choice) => choice.id) ?? []);
      if (!asker || asker.kind !== 'choice' || !question.askIf.choiceIds.every((id) => known.has(id))) {
        ctx.addIssue({ code: 'custom', message: `question "${question.id}" in "${topic.id}": askIf must name an earlier choice question and its choices` });
      }
    });
  });

export const QuestionBankSchema = z
  .object({
    version: z.number().int().positive(),
    /** The topic whose answers every agency should read first ("what helps me / what I'd rather avoid"). */
    readFirstTopicId: stableId,
    /** Where the welcome's "what would you like me to call you?" answer is kept, so it is never asked twice. */
    preferredName: z.object({ topicId: stableId, questionId: stableId }),
    /**
     * The questions about language and communication (an interpreter, and in which language): agencies get
     * them in a section of their own, right after "what helps me", with the language the person speaks.
     */
    communication: z.object({ topicId: stableId, questionIds: z.array(stableId).min(1) }).optional(),
    topics: z.array(TopicSchema).min(1),
  })
  .superRefine((bank, ctx) => {
    const ids = bank.topics.map((topic) => topic.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', message: 'duplicate topic ids' });
    }
    if (!ids.includes(bank.readFirstTopicId)) {
      ctx.addIssue({ code: 'custom', message: `readFirstTopicId "${bank.readFirstTopicId}" is not a topic` });
    }
    const nameTopic = bank.topics.find((topic) => topic.id === bank.preferredName.topicId);
    if (!nameTopic?.questions.some((question) => question.id === bank.preferredName.questionId)) {
      ctx.addIssue({ code: 'custom', message: 'preferredName does not point at a question in the bank' });
    }
    if (bank.communication) {
      const { topicId, questionIds } = bank.communication;
      const topic = bank.topics.find((candidate) => candidate.id === topicId);
      const missing = questionIds.filter((id) => !topic?.questions.some((question) => question.id === id));
      if (missing.length > 0) ctx.addIssue({ code: 'custom', message: `communication names questions not in topic "${topicId}": ${missing.join(', ')}` });
    }
  });

export type Choice = z.infer<typeof ChoiceSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Topic = z.infer<typeof TopicSchema>;
export type QuestionBank = z.infer<typeof QuestionBankSchema>;

/**
 * Whether a question is asked, given the story so far: always, unless it depends on an earlier choice
 * (`askIf`) that was not made. Takes the topic's answers (question id → the chosen choice's id).
 */
export function isAsked(question: Question, chosenIn: (questionId: string) => string | undefined): boolean {
  if (!question.askIf) return true;
  const chosen = chosenIn(question.askIf.questionId);
  return chosen !== undefined && question.askIf.choiceIds.includes(chosen);
}

export function findTopic(bank: QuestionBank, topicId: string): Topic | undefined {
  return bank.topics.find((topic) => topic.id === topicId);
}
