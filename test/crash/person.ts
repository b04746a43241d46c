import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { QuestionBank, Topic } from '../../domain/questionBank.js';
import { topicTitle } from '../../dialogs/topicText.js';
import type { ReplyHandling } from './channelService.js';

/** The channel people speak on: Web Chat through Azure's Direct Line, as the bot sees it (buttons shown). */
export const CHANNEL_ID = 'webchat';

/** One answer a person means to give, to one question. */
export interface PlannedAnswer {
  topicId: string;
  questionId: string;
  /** The question's place in its topic (0 is the first). */
  index: number;
  text: string;
}

/** Something the bot asked, which the person answers with their next message. */
type Prompt =
  | { kind: 'join' }
  | { kind: 'question'; topicId: string; index: number }
  | { kind: 'menu' }
  | { kind: 'name' }
  | { kind: 'say'; text: string; crisis?: boolean };

/** What one reply tells the person. */
interface Reading {
  prompt?: Prompt;
  /** The bot is at this question: its "Question n of N" line, or the question itself. */
  reached?: { topicId: string; index: number };
  /** The bot says this topic is done (finished now, or everything in it already answered). */
  finishedTopic?: string;
}

/**
 * The bot's words as a person reads them, taken from the locale files and the question bank (never
 * repeated here): which question is on screen, which topic is done, and what to answer to each prompt.
 */
export class BotCopy {
  private readonly exact = new Map<string, Reading>();
  private readonly questions: Array<{ text: string; topicId: string; index: number }> = [];

  constructor(t: TFunction, readonly bank: QuestionBank) {
    const readFirst = bank.topics.find((topic) => topic.id === bank.readFirstTopicId)!;
    const say = (key: string, reply: string, crisis = false) => this.exact.set(t(key), { prompt: { kind: 'say', text: reply, crisis } });
    say('supporter.ask', t('supporter.no'));
    // The crisis check can ask after a plain answer (its false alarms are measured by `npm run crisis:eval`).
    say('crisis.areYouSafe', t('crisis.safe'), true);
    say('crisis.ask', t('crisis.carryOn'), true);
    say('crisis.keepAsAnswer', t('crisis.keep'), true);
    say('review.whatNext', t('review.backToMenu'));
    say('review.anythingElse', t('review.backToMenu'));
    say('welcomeBack.ask', t('welcomeBack.carryOn'));
    say('topic.isNowOk', t('topic.nowOk'));
    this.exact.set(t('welcome.askName'), { prompt: { kind: 'name' } });
    for (const key of ['menu.askFirst', 'menu.askNext', 'menu.allDone']) {
      this.exact.set(t(key, { readFirst: topicTitle(t, readFirst) }), { prompt: { kind: 'menu' } });
    }
    for (const topic of bank.topics) {
      const title = topicTitle(t, topic);
      this.exact.set(t('welcomeBack.askWithPlace', { title }), { prompt: { kind: 'say', text: t('welcomeBack.carryOn') } });
      this.exact.set(t('topic.finished', { title }), { finishedTopic: topic.id });
      this.exact.set(t('topic.finishedNothingSaid', { title }), { finishedTopic: topic.id });
      this.exact.set(t('topic.allAnswered', { title }), { finishedTopic: topic.id });
      topic.questions.forEach((question, index) => {
        const progress = `${t('question.progress', { number: index + 1, total: topic.questions.length })} ${t(question.whyKey)}`;
        this.exact.set(progress, { reached: { topicId: topic.id, index } });
        this.questions.push({ text: t(question.textKey), topicId: topic.id, index });
      });
    }
  }

  read(text: string): Reading {
    const known = this.exact.get(text);
    if (known) return known;
    // A question asked again shows the earlier answer after it ("You said: …").
    const question = this.questions.find((candidate) => text === candidate.text || text.startsWith(`${candidate.text}\n\n`));
    if (question) {
      const at = { topicId: question.topicId, index: question.index };
      return { prompt: { kind: 'question', ...at }, reached: at };
    }
    return {};
  }
}

export interface PersonSettings {
  name: string;
  conversationId: string;
  userId: string;
  /** The topics to talk about, in this order, with an answer for every question. */
  topics: Array<{ topic: Topic; title: string; answers: PlannedAnswer[] }>;
  copy: BotCopy;
  /** The channel's service URL (where the bot posts replies) and the bot's current address. */
  serviceUrl: string;
  botUrl: () => string;
}

/** How a message the person sent fared. */
export type Delivery = 'answered' | 'failed' | 'nothing to say';

/**
 * A person on an Azure-style channel: the same channel user and conversation whatever happens to the bot.
 * They answer whatever the bot last asked them, from their plan, so after a crash they simply say again
 * what got no answer. They remember which answers the bot acknowledged: an answer is acknowledged when a
 * reply shows the bot moved past its question (a later question, or the topic done).
 */
export class Person {
  readonly transcript: string[] = [];
  /** topicId/questionId → the answer the bot acknowledged last for that question. */
  readonly acknowledged = new Map<string, PlannedAnswer>();
  /** True while a message of theirs is with the bot and no response has come back. */
  inFlight = false;
  private prompt: Prompt = { kind: 'join' };
  private pending?: PlannedAnswer;
  private readonly finished = new Set<string>();
  private sequence = 0;
  private holding?: { acknowledged: boolean; onHeld: () => void };
  /** Replies since the person last looked (for the review). */
  private latest: string[] = [];

  constructor(readonly settings: PersonSettings) {}

  get conversationId(): string {
    return this.settings.conversationId;
  }

  /** True when the bot's last question to them is one of their story questions. */
  get atStoryQuestion(): boolean {
    return this.prompt.kind === 'question';
  }

  /** Called by the channel for each reply the bot posts in this conversation: the person sees it at once. */
  receive(reply: Partial<Activity>): ReplyHandling {
    if (reply.type !== 'message') return 'answer';
    const text = reply.text ?? '';
    this.transcript.push(`  bot: ${text.replace(/\n+/g, ' / ')}`);
    this.latest.push(text);
    const reading = this.settings.copy.read(text);
    if (reading.finishedTopic) this.finished.add(reading.finishedTopic);
    const pending = this.pending;
    if (pending && this.movesPast(reading, pending)) {
      this.acknowledged.set(`${pending.topicId}/${pending.questionId}`, pending);
      this.pending = undefined;
      if (this.holding) this.holding.acknowledged = true;
    }
    if (!reading.prompt) return 'answer';
    this.prompt = reading.prompt;
    if (this.holding?.acknowledged) {
      // The reply that acknowledged the answer and asks the next thing has reached the person: hold the bot here.
      const { onHeld } = this.holding;
      this.holding = undefined;
      onHeld();
      return 'hold';
    }
    return 'answer';
  }

  /** Answers what the bot last asked. */
  step(): Promise<Delivery> {
    return this.send(this.nextMessage());
  }

  /**
   * Answers what the bot last asked, and has the channel hold the bot's request open once the reply that
   * acknowledges the answer and asks the next thing has reached the person. `held` resolves true then, or
   * false if the turn ended without such a reply.
   */
  stepAndHoldAfterAcknowledgement(): { held: Promise<boolean>; delivered: Promise<Delivery> } {
    let onHeld!: () => void;
    const heldSignal = new Promise<true>((resolve) => (onHeld = () => resolve(true)));
    this.holding = { acknowledged: false, onHeld };
    const delivered = this.step();
    const held = Promise.race([heldSignal, delivered.then(() => false as const)]);
    void delivered.finally(() => (this.holding = undefined));
    return { held, delivered };
  }

  /** Asks for "my story so far" and returns the replies; first answers the crisis check if it just asked something. */
  async review(word: string): Promise<string[]> {
    for (let i = 0; i < 3 && this.prompt.kind === 'say' && this.prompt.crisis; i++) await this.step();
    this.latest = [];
    const delivery = await this.send({ text: word });
    if (delivery !== 'answered') throw new Error(`the review request was not answered (${delivery})`);
    return this.latest;
  }

  private movesPast(reading: Reading, pending: PlannedAnswer): boolean {
    if (reading.finishedTopic === pending.topicId) return true;
    return reading.reached?.topicId === pending.topicId && reading.reached.index > pending.index;
  }

  private nextMessage(): Partial<Activity> | undefined {
    const prompt = this.prompt;
    switch (prompt.kind) {
      case 'join':
        return { type: 'conversationUpdate', membersAdded: [{ id: this.settings.userId, name: this.settings.name }] };
      case 'name':
        return { text: this.settings.name };
      case 'say':
        return { text: prompt.text };
      case 'menu': {
        // Back at the topics, an answer that got no acknowledgement is no longer waiting for one.
        this.pending = undefined;
        const next = this.settings.topics.find(({ topic }) => !this.finished.has(topic.id));
        // Typed, as a person would: the topic's title.
        return next ? { text: next.title } : undefined;
      }
      case 'question': {
        const planned = this.settings.topics.find(({ topic }) => topic.id === prompt.topicId)?.answers[prompt.index];
        if (!planned) throw new Error(`${this.settings.name} was asked a question they have no answer planned for (${prompt.topicId} ${prompt.index})`);
        this.pending = planned;
        return { text: planned.text };
      }
    }
  }

  private async send(message: Partial<Activity> | undefined): Promise<Delivery> {
    if (!message) return 'nothing to say';
    const activity: Partial<Activity> = {
      type: 'message',
      id: `${this.settings.conversationId}-${++this.sequence}`,
      channelId: CHANNEL_ID,
      serviceUrl: this.settings.serviceUrl,
      conversation: { id: this.settings.conversationId } as Activity['conversation'],
      from: { id: this.settings.userId, name: this.settings.name },
      recipient: { id: 'one-story-bot', name: 'One Story' },
      locale: 'en-GB',
      timestamp: new Date(),
      ...message,
    };
    this.transcript.push(`person: ${activity.type === 'message' ? activity.text ?? '' : `(${activity.type ?? ''})`}`);
    this.inFlight = true;
    try {
      const response = await fetch(`${this.settings.botUrl()}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await response.arrayBuffer();
      if (response.status >= 300) {
        this.transcript.push(`  (the bot answered HTTP ${response.status})`);
        return 'failed';
      }
      return 'answered';
    } catch {
      this.transcript.push('  (no response: the bot is down)');
      return 'failed';
    } finally {
      this.inFlight = false;
    }
  }
}
