import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  MessageFactory,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import {
  ChoicePrompt,
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type Choice,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { projectRoot } from '../../data/paths.js';

/**
 * The yardstick for `npm run bench`: a plain Bot Framework v4 bot built the way the SDK's samples build
 * one (CloudAdapter with authentication off, restify, ConversationState on MemoryStorage, a DialogSet of
 * waterfalls with a ChoicePrompt and a TextPrompt), shaped like One Story's conversation so a turn does
 * comparable work: the same welcome (is someone helping you, what to call you), the same menu of topics,
 * each topic's questions one per message with "Question n of N" and why we ask, choice questions as a
 * ChoicePrompt and text questions as a TextPrompt, answers kept so a topic left for the menu carries on
 * where it stopped, and `menu` working anywhere (an interruption, as in core-bot's cancel and help).
 * It says One Story's own English copy, read from locales/en, so the driver checks both bots' replies
 * the same way. No crisis check, no encryption, no files: that is the point of the comparison.
 */

interface BankQuestion {
  id: string;
  kind: 'text' | 'choice';
  textKey: string;
  whyKey: string;
  choices?: Array<{ id: string; labelKey: string; synonymsKey?: string }>;
}

interface BankTopic {
  id: string;
  titleKey: string;
  synonymsKey?: string;
  introKey: string;
  questions: BankQuestion[];
}

/** Answers by topic and question, kept in conversation state. */
type Answers = Record<string, Record<string, string>>;

const WELCOME = 'welcome';
const MENU = 'menu';
const TOPIC = 'topic';
const CHOICE = 'choicePrompt';
const TEXT = 'textPrompt';
const STOP = 'stop';
const SKIP = 'skip';

/** One Story's English copy, read once: a key path and `{{name}}` placeholders, nothing more. */
class Copy {
  private readonly strings: Record<string, unknown> = {};
  constructor(root: string) {
    for (const file of ['translation.json', 'topics.json']) {
      Object.assign(this.strings, JSON.parse(readFileSync(join(root, 'locales', 'en', file), 'utf8')) as Record<string, unknown>);
    }
  }

  private lookup(key: string): unknown {
    return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], this.strings);
  }

  text(key: string, params: Record<string, string | number> = {}): string {
    const found = this.lookup(key);
    if (typeof found !== 'string') throw new Error(`plain bot: no string at ${key}`);
    return fill(found, { serviceName: this.serviceName(), ...params });
  }

  list(key: string): string[] {
    const found = this.lookup(key);
    return Array.isArray(found) ? found.map((line) => fill(String(line), { serviceName: this.serviceName() })) : [];
  }

  private serviceName(): string {
    const name = this.lookup('service.name');
    return typeof name === 'string' ? name : 'One Story';
  }
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function choice(value: string, title: string, synonyms: string[] = []): Choice {
  return { value, action: { type: 'imBack', title, value: title }, synonyms };
}

class MainDialog extends ComponentDialog {
  constructor(private readonly copy: Copy, private readonly topics: BankTopic[], private readonly answers: StatePropertyAccessor<Answers>) {
    super('main');
    this.addDialog(new ChoicePrompt(CHOICE, undefined, 'en-us'));
    this.addDialog(new TextPrompt(TEXT));
    this.addDialog(new WaterfallDialog(WELCOME, [this.askSupporter.bind(this), this.askName.bind(this), this.toMenu.bind(this)]));
    this.addDialog(new WaterfallDialog(MENU, [this.showMenu.bind(this), this.startTopic.bind(this), this.backToMenu.bind(this)]));
    this.addDialog(new WaterfallDialog(TOPIC, [this.askQuestion.bind(this), this.keepAnswer.bind(this)]));
    this.initialDialogId = WELCOME;
  }

  /** `menu` works anywhere: the whole stack gives way to the menu. */
  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if ((innerDc.context.activity.text ?? '').trim().toLowerCase() === MENU) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU, { next: true });
    }
    return super.onContinueDialog(innerDc);
  }

  private async askSupporter(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivities(this.copy.list('welcome.lines').map((line) => MessageFactory.text(line)));
    return step.prompt(CHOICE, {
      prompt: this.copy.text('supporter.ask'),
      choices: [
        choice('someone-helping', this.copy.text('supporter.yes'), this.copy.list('supporter.yesWords')),
        choice('just-me', this.copy.text('supporter.no'), this.copy.list('supporter.noWords')),
        choice(SKIP, this.copy.text('question.skip')),
      ],
      style: ListStyle.suggestedAction,
    });
  }

  private async askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(TEXT, { prompt: MessageFactory.suggestedActions([this.copy.text('question.skip')], this.copy.text('welcome.askName')) });
  }

  private async toMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const name = String(step.result ?? '').trim();
    await step.context.sendActivity(name.toLowerCase() === SKIP ? this.copy.text('welcome.noName') : this.copy.text('welcome.nameThanks', { name }));
    return step.replaceDialog(MENU, { next: false });
  }

  private async showMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answers = await this.answers.get(step.context, {});
    const readFirst = this.copy.text('topics.what-helps.title');
    const next = (step.options as { next?: boolean }).next === true;
    const choices = this.topics.map((topic) => {
      const title = this.copy.text(topic.titleKey);
      const answered = Object.keys(answers[topic.id] ?? {}).length;
      const status = answered === 0 ? undefined : answered === topic.questions.length ? 'done' : 'in-progress';
      const shown = status ? this.copy.text(`menu.status.${status}`, { title }) : title;
      return choice(topic.id, shown, [title, ...(topic.synonymsKey ? this.copy.list(topic.synonymsKey) : [])]);
    });
    choices.push(choice(STOP, this.copy.text('menu.stopForNow')));
    return step.prompt(CHOICE, {
      prompt: next ? this.copy.text('menu.askNext') : this.copy.text('menu.askFirst', { readFirst }),
      retryPrompt: this.copy.text('prompt.retryChoice'),
      choices,
      style: ListStyle.suggestedAction,
    });
  }

  private async startTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = (step.result as FoundChoice).value;
    if (picked === STOP) return step.endDialog();
    return step.beginDialog(TOPIC, { topicId: picked, opening: true });
  }

  private async backToMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(MENU, { next: true });
  }

  /** The first question not yet answered, or the topic is done. */
  private async askQuestion(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { topicId, opening } = step.options as { topicId: string; opening: boolean };
    const topic = this.topics.find((candidate) => candidate.id === topicId)!;
    const answered = (await this.answers.get(step.context, {}))[topicId] ?? {};
    const index = topic.questions.findIndex((question) => answered[question.id] === undefined);
    const title = this.copy.text(topic.titleKey);
    if (index < 0) {
      await step.context.sendActivity(this.copy.text(opening ? 'topic.allAnswered' : 'topic.finished', { title }));
      return step.endDialog();
    }
    if (opening) await step.context.sendActivity(this.copy.text(topic.introKey));
    const question = topic.questions[index];
    await step.context.sendActivity(`${this.copy.text('question.progress', { number: index + 1, total: topic.questions.length })} ${this.copy.text(question.whyKey)}`);
    if (question.kind === 'choice') {
      return step.prompt(CHOICE, {
        prompt: this.copy.text(question.textKey),
        retryPrompt: this.copy.text('prompt.retryChoice'),
        choices: [
          ...(question.choices ?? []).map((option) => choice(option.id, this.copy.text(option.labelKey), option.synonymsKey ? this.copy.list(option.synonymsKey) : [])),
          choice(SKIP, this.copy.text('question.skip')),
        ],
        style: ListStyle.suggestedAction,
      });
    }
    return step.prompt(TEXT, { prompt: MessageFactory.suggestedActions([this.copy.text('question.skip')], this.copy.text(question.textKey)) });
  }

  private async keepAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { topicId } = step.options as { topicId: string };
    const topic = this.topics.find((candidate) => candidate.id === topicId)!;
    const answers = await this.answers.get(step.context, {});
    const answered = answers[topicId] ?? {};
    const question = topic.questions.find((candidate) => answered[candidate.id] === undefined)!;
    const result = step.result as FoundChoice | string;
    answers[topicId] = { ...answered, [question.id]: typeof result === 'string' ? result : result.value };
    await this.answers.set(step.context, answers);
    return step.replaceDialog(TOPIC, { topicId, opening: false });
  }
}

class PlainBot extends ActivityHandler {
  constructor(conversationState: ConversationState, dialog: MainDialog) {
    super();
    const dialogState = conversationState.createProperty<DialogState>('dialogState');
    const dialogs = new DialogSet(dialogState);
    dialogs.add(dialog);
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(dialog.id);
      await next();
    });
    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await next();
    });
  }
}

export interface RunningPlainBot {
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the plain bot on a free port of 127.0.0.1. */
export async function startPlainBot(): Promise<RunningPlainBot> {
  const root = projectRoot();
  const copy = new Copy(root);
  const topics = (JSON.parse(readFileSync(join(root, 'data', 'topics.json'), 'utf8')) as { topics: BankTopic[] }).topics;
  const conversationState = new ConversationState(new MemoryStorage());
  const bot = new PlainBot(conversationState, new MainDialog(copy, topics, conversationState.createProperty<Answers>('answers')));

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context: TurnContext) => {
    await context.sendActivity(copy.text('error.somethingWentWrong'));
    await conversationState.delete(context);
  };

  const server = restify.createServer({ name: 'plain-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
