import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandValue } from '../domain/globalWords.js';
import { describeRetentionPeriod } from '../domain/retention.js';
import { hasAnswered, recordAnswer } from '../domain/story.js';
import { turnInfo } from './turnInfo.js';
import type { AnswerResult } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';
import { sessionFor, storyFor, type DialogServices, saveStory } from './dialogServices.js';
import { promptOptions } from './answerPrompt.js';
import { isPoliteNo, simpleChoice, wordList } from './topicText.js';

/**
 * The first welcome: what this is (an automated helper, not a person, not an emergency service), what it
 * is for, that nothing is shared unless the person says so, the words that work anywhere, and when an
 * untouched story is deleted (RETENTION_DAYS). Then two
 * optional questions: is someone helping today, and what should I call you.
 */
export class WelcomeDialog extends WaterfallDialog {
  constructor(private readonly services: DialogServices) {
    super(DialogIds.welcome);
    this.addStep(this.introStep.bind(this));
    this.addStep(this.askNameStep.bind(this));
    this.addStep(this.recordNameStep.bind(this));
  }

  private async introStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, tIn, locale, spoken, languageFrom } = turnInfo(step.context);
    for (const line of wordList(t, 'welcome.lines')) await step.context.sendActivity(line);
    // Storage limitation: how long an untouched story is kept, said before anything is told.
    await step.context.sendActivity(t('welcome.retention', { period: describeRetentionPeriod(this.services.retentionDays, locale) }));
    // Neither the person nor the channel said which language: each other language offers itself, in itself.
    const others = spoken.filter((code) => code !== locale);
    if (languageFrom === 'default' && others.length > 0) {
      await step.context.sendActivity(others.map((code) => tIn(code)('language.welcomeOffer')).join('\n'));
    }
    const story = await storyFor(step.context, this.services);
    // Welcomed as soon as the introduction is said: if they leave now, next time is a short "welcome back".
    saveStory(step.context, { ...story, welcomedAt: story.welcomedAt ?? this.services.clock().toISOString() });
    return step.beginDialog(DialogIds.supporter);
  }

  private async askNameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const story = await storyFor(step.context, this.services);
    const { topicId, questionId } = this.services.bank.preferredName;
    if (hasAnswered(story, topicId, questionId)) return step.endDialog();
    return step.prompt(DialogIds.answerPrompt, promptOptions(t('welcome.askName'), [simpleChoice(t, commandValue('skip'), 'question.skip')], true));
  }

  private async recordNameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AnswerResult;
    const { t, locale } = turnInfo(step.context);
    if (answer.kind !== 'text' || isPoliteNo(t, answer.text)) {
      await step.context.sendActivity(t('welcome.noName'));
      return step.endDialog();
    }
    const session = sessionFor(step.context);
    const story = await storyFor(step.context, this.services);
    const { topicId, questionId } = this.services.bank.preferredName;
    const name = answer.text.slice(0, 100);
    saveStory(step.context, 
      recordAnswer(story, {
        topicId,
        questionId,
        status: 'answered',
        text: name,
        language: locale,
        withSupport: Boolean(session.supporter),
        answeredAt: this.services.clock().toISOString(),
        askedAtWelcome: true,
      }),
    );
    await step.context.sendActivity(t('welcome.nameThanks', { name }));
    return step.endDialog();
  }
}
