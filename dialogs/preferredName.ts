import type { QuestionBank } from '../domain/questionBank.js';
import { getAnswer, type Story } from '../domain/story.js';

/** The name the person asked us to call them, if they told us. */
export function preferredNameOf(story: Story, bank: QuestionBank): string | undefined {
  const answer = getAnswer(story, bank.preferredName.topicId, bank.preferredName.questionId);
  return answer?.status === 'answered' ? answer.text : undefined;
}
