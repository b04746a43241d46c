import type { TurnContext } from 'botbuilder';
import type { QuestionBank } from '../domain/questionBank.js';
import type { Story } from '../domain/story.js';
import type { ResumeCodes } from '../useCases/ports.js';
import type { PersonSharing } from '../useCases/sharing/personSharing.js';
import { turnInfo } from './turnInfo.js';
import { turnUnit } from './turnUnit.js';
import type { CrisisDetector } from '../domain/crisis/crisisDetector.js';
import type { GuessLanguage } from '../domain/language.js';

/** Who is present in this conversation: a support worker can help type, but never consents for the person. */
export interface Supporter {
  name?: string;
  organisation?: string;
}

/** On text messages: whether it is safe to text this number, and what to call the service there. */
export interface TextMessagingPreferences {
  safeToText?: boolean;
  /** A neutral name, so a text on a shared phone does not give anything away. */
  serviceName?: string;
  /** The person texted STOP: nothing more is sent unless they write again. */
  stopped?: boolean;
}

/** The person's message that led the crisis check to ask something, followed until it is handled. */
export interface CrisisOrigin {
  text: string;
  /** The language it was written in: what follows is asked in it, and understood in it and the conversation's. */
  language?: string;
  /** Written as the answer to a story question: it is kept as that answer unless the person says not to. */
  wasAnswer?: boolean;
  /** "Are you safe right now?" was asked a second time, after a reply that was neither yes nor no. */
  askedAgain?: boolean;
}

/** The crisis check's question awaiting a reply, with the message that led to it. */
export type CrisisFollowUp = CrisisOrigin & { stage: 'safety-check' | 'after-signposting' | 'keep-answer' };

/** One sitting: a conversation silent for longer than the session gap starts a new one. */
export interface SessionState {
  lastSeenAt?: string;
  /** `null` once asked and nobody is helping; `undefined` when not asked yet this session. */
  supporter?: Supporter | null;
  textMessaging?: TextMessagingPreferences;
  /** What the crisis check asked last, and the message that led to it (encrypted at rest, kept one turn). */
  crisisFollowUp?: CrisisFollowUp;
  /** When a message last showed distress or crisis: follow-ups soon after are read in that light. */
  distressSeenAt?: string;
  /** The list of languages was offered last turn: a language's name or number now picks it. */
  languagesOffered?: boolean;
  /** Languages already offered in this sitting because the person wrote in them. */
  languagesSuggested?: string[];
}

/** What the dialogs need from outside the conversation, handed in by the composition root. */
export interface DialogServices {
  bank: QuestionBank;
  resumeCodes: ResumeCodes;
  sharing: PersonSharing;
  /** "Delete my story" (useCases/eraseStory.ts): returns how many agencies were asked to erase what they were sent. */
  eraseStory(personId: string, channel: string): Promise<number>;
  clock: () => Date;
  /** Retention: a story nobody has added to for this many days is erased (the welcome says so). */
  retentionDays: number;
  /** Reads every message for signs of crisis, in the language it is written in. */
  crisis: CrisisDetector;
  /** Which language a text is written in (answers keep it; a language we do not speak is noticed). */
  guessLanguage: GuessLanguage;
  /** Event names and ids only, never what a person wrote. */
  log?: { info(event: string, fields?: Record<string, unknown>): void };
}

/** The person's story for this turn, created (unsaved) if they have not told us anything yet. */
export async function storyFor(context: TurnContext, services: DialogServices): Promise<Story> {
  return turnUnit(context).storyOrNew(turnInfo(context).locale, services.clock());
}

/** Keeps the changed story: it is stored with everything else when the turn commits. */
export function saveStory(context: TurnContext, story: Story): void {
  turnUnit(context).saveStory(story);
}

/** This sitting's state, kept with the conversation. */
export function sessionFor(context: TurnContext): SessionState {
  return turnUnit(context).session;
}
