import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QuestionBankSchema, type QuestionBank } from '../domain/questionBank.js';
import { projectRoot } from './paths.js';

export const DEFAULT_QUESTION_BANK_PATH = join(projectRoot(), 'data', 'topics.json');

/** Reads and validates the question bank at start-up: a broken bank stops the bot before anyone talks to it. */
export async function loadQuestionBank(path = DEFAULT_QUESTION_BANK_PATH): Promise<QuestionBank> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as unknown;
  const parsed = QuestionBankSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new Error(`the question bank at ${path} is not valid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
