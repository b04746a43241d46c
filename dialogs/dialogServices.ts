import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { QuestionBank } from '../domain/questionBank.js';
import type { Story } from '../domain/story.js';
import type { StoryStore } from '../data/storyStore.js';
import type { ResumeCodeStore } from '../data/resumeCodeStore.js';
import type { PersonSharing } from '../useCases/sharing/personSharing.js';
import { turnInfo } from './turnInfo.js';
import type { CrisisDetector } from '../domain/crisis/crisisDetector.js';

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

/** The crisis check's question awaiting a reply, with the person's message that led to it. */
export type CrisisFollowUp =
  | { stage: 'safety-check'; text: string; language?: string }
  | { stage: 'after-signposting'; text: string; wasAnswer: boolean; language?: string }
  | { stage: 'keep-answer'; text: string };

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
}

/** What the dialogs need from outside the conversation, handed in by the composition root. */
export interface DialogServices {
  bank: QuestionBank;
  stories: StoryStore;
  resumeCodes: ResumeCodeStore;
  sharing: PersonSharing;
  session: StatePropertyAccessor<SessionState>;
  clock: () => Date;
  /** Reads every message for signs of crisis, in the language it is written in. */
  crisis: CrisisDetector;
  /** Event names and ids only, never what a person wrote. */
  log?: { info(event: string, fields?: Record<string, unknown>): void };
}

/** The person's story for this turn, created (unsaved) if they have not told us anything yet. */
export async function storyFor(context: TurnContext, services: DialogServices): Promise<Story> {
  const { personId, locale } = turnInfo(context);
  return services.stories.loadOrCreate(personId, locale, services.clock());
}

export async function sessionFor(context: TurnContext, services: DialogServices): Promise<SessionState> {
  return services.session.get(context, {});
}
