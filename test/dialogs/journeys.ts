import { isAsked, type Question, type Topic } from '../../domain/questionBank.js';
import type { Step } from './conversationRunner.js';

/** Reusable openings, so each case starts from the place it is about. */
export const WELCOME_TO_MENU: Step[] = [
  { say: 'hi', expect: ['welcome.lines', 'supporter.ask'] },
  { say: 'No, just me', expect: ['welcome.askName'] },
  { say: 'skip', expect: ['welcome.noName', { key: 'menu.askFirst', params: { readFirst: 'What helps me' } }] },
];

export const HOUSING_FIRST_QUESTION: Step[] = [
  ...WELCOME_TO_MENU,
  { say: "Where I'm staying", value: 'topic:housing', expect: ['topics.housing.intro', 'topics.housing.questions.current-place.text'] },
];

/** A free-text question: the third housing question, after answering the first two. */
export const HOUSING_TEXT_QUESTION: Step[] = [
  ...HOUSING_FIRST_QUESTION,
  { say: 'Sofa surfing', value: 'answer:sofa-surfing', expect: ['topics.housing.questions.safe-to-stay.text'] },
  { say: 'Not sure', expect: ['topics.housing.questions.how-long.text'] },
];

export const MENTAL_HEALTH_TIMING: Step[] = [
  ...WELCOME_TO_MENU,
  { say: 'mental health', expect: ['topics.mental-health.contentNote', 'topic.supportLine', 'topic.isNowOk'] },
];

/** The service most sharing cases share with. */
export const HOUSING_OPTIONS = { id: 'cambridge-housing-options', name: 'Housing Options (Cambridge)' } as const;

/**
 * The questions of a topic a person is asked when they answer every choice with its first choice: a question
 * asked only after another choice (`askIf`) is passed by.
 */
export function askedWithFirstChoices(topic: Topic): Question[] {
  const firstChoice = new Map(topic.questions.flatMap((question) => (question.choices ? [[question.id, question.choices[0].id] as const] : [])));
  return topic.questions.filter((question) => isAsked(question, (questionId) => firstChoice.get(questionId)));
}
