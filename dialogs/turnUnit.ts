import type { TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { weekOf } from '../domain/outcomes/outcomeFacts.js';
import { newStory, type Story } from '../domain/story.js';
import type { OutcomeRecorder } from '../useCases/outcomes/outcomeRecorder.js';
import type { NewsContact, PersonRepository, StoredConversation, StoredPerson } from '../useCases/ports.js';
import type { SessionState } from './dialogServices.js';
import { turnSlot } from './turnSlot.js';

/** How many of a person's conversations keep their state (a new browser visit is a new conversation). */
const CONVERSATIONS_KEPT = 10;

interface ConversationState {
  dialogState?: DialogState;
  session?: SessionState;
}

/**
 * A turn as a unit of work: what it needs of the person is loaded once (their story and this
 * conversation's dialog state and session), the dialogs change it in memory, and it is committed once,
 * as one atomic, version-checked write of the person's record. Replies are held until then (see
 * heldReplies.ts), so whatever a person saw acknowledged is stored.
 */
export class TurnUnit {
  dialogState: DialogState;
  session: SessionState;
  /** Where a short "there is news" text may go (kept with the person; see dialogs/newsContact.ts). */
  newsContact: NewsContact | undefined;
  private story: Story | undefined;
  private erased = false;
  /** The person this channel user spoke for before linking to another story with a code. */
  private replacedPersonId: string | undefined;

  constructor(
    private readonly people: PersonRepository,
    private person: StoredPerson,
    readonly conversationKey: string,
    readonly channelUser: string,
    /** The channel user is not linked to this person yet (first contact). */
    private linkNeeded: boolean,
    /** Counts a person once, in the commit where they first told part of their story. */
    private readonly outcomes?: OutcomeRecorder,
  ) {
    const state = (person.conversations[conversationKey]?.state ?? {}) as ConversationState;
    this.dialogState = state.dialogState ?? { dialogStack: [] };
    this.session = state.session ?? {};
    this.story = person.story;
    this.newsContact = person.newsContact;
  }

  /** Loads the unit for a channel user in a conversation: one read of the link, one of the record. */
  static async load(people: PersonRepository, channelUser: string, conversationKey: string, newPersonId: () => string, outcomes?: OutcomeRecorder): Promise<TurnUnit> {
    const linked = await people.personOf(channelUser);
    const personId = linked ?? newPersonId();
    const stored = linked ? await people.load(personId) : undefined;
    // No record yet (first contact, or the process stopped between the link and the first commit): the
    // link is written again with the first commit.
    return new TurnUnit(people, stored ?? emptyPerson(personId, channelUser), conversationKey, channelUser, !stored, outcomes);
  }

  get personId(): string {
    return this.person.personId;
  }

  /** The person's story as it stands in this turn, if they have one. */
  get storedStory(): Story | undefined {
    return this.story;
  }

  /** The person's story as it stands in this turn; a new one (not stored until saved) if they have told us nothing. */
  storyOrNew(locale: string, now: Date): Story {
    return this.story ?? newStory(this.person.personId, locale, now);
  }

  /** Keeps the changed story for this turn's commit. */
  saveStory(story: Story): void {
    if (story.personId !== this.person.personId) throw new Error('a story can only be saved for the person of this turn');
    this.story = story;
  }

  /** Everything about the person was erased in this turn: the commit writes nothing back. */
  markErased(): void {
    this.erased = true;
  }

  /**
   * This channel user now speaks for another person (a resume code was redeemed): their story is loaded,
   * this conversation's state moves to their record, and the record made for this device on first contact
   * is erased after the commit. Returns that person's story, if any.
   */
  async switchTo(personId: string): Promise<Story | undefined> {
    if (!this.linkNeeded) this.replacedPersonId = this.person.personId;
    this.person = (await this.people.load(personId)) ?? emptyPerson(personId, this.channelUser);
    this.story = this.person.story;
    this.newsContact = this.person.newsContact;
    this.linkNeeded = true;
    return this.story;
  }

  /** The one write of the turn (plus the link on first contact). Throws StaleWriteError if the record changed meanwhile. */
  async commit(now: Date): Promise<void> {
    if (this.erased) return;
    const conversation: StoredConversation = { seenAt: now.toISOString(), state: { dialogState: this.dialogState, session: this.session } };
    const conversations = mostRecent({ ...this.person.conversations, [this.conversationKey]: conversation });
    const channelUsers = this.person.channelUsers.includes(this.channelUser) ? this.person.channelUsers : [...this.person.channelUsers, this.channelUser];
    // The link first: if the process stops between the two, the link points at a person with no record
    // yet, which reads as a new person, exactly as before this turn; never at a record that is gone.
    if (this.linkNeeded) await this.people.link(this.channelUser, this.person.personId);
    const { newsContact: _stored, ...person } = this.person;
    const firstTold = this.outcomes !== undefined && !person.countedAsTold && hasToldAnything(this.story);
    this.person = await this.people.commit({
      ...person,
      channelUsers,
      story: this.story,
      conversations,
      lastActiveAt: now.toISOString(),
      ...(this.newsContact ? { newsContact: this.newsContact } : {}),
      ...(firstTold ? { countedAsTold: true as const } : {}),
    });
    // In the commit's unit of work (PostgreSQL: its transaction); a fact that fails never fails the turn.
    if (firstTold) await this.outcomes?.record({ kind: 'story.told', week: weekOf(now) });
    this.linkNeeded = false;
    if (this.replacedPersonId) {
      await this.people.erase(this.replacedPersonId);
      this.replacedPersonId = undefined;
    }
  }
}

/** At least one answer in the person's own words or choices (not only skips). */
function hasToldAnything(story: Story | undefined): boolean {
  return Object.values(story?.answers ?? {}).some((topic) => Object.values(topic).some((answer) => answer.status === 'answered'));
}

function emptyPerson(personId: string, channelUser: string): StoredPerson {
  return { personId, version: 0, channelUsers: [channelUser], conversations: {} };
}

function mostRecent(conversations: Record<string, StoredConversation>): Record<string, StoredConversation> {
  const entries = Object.entries(conversations);
  if (entries.length <= CONVERSATIONS_KEPT) return conversations;
  return Object.fromEntries(entries.sort((a, b) => b[1].seenAt.localeCompare(a[1].seenAt)).slice(0, CONVERSATIONS_KEPT));
}

const slot = turnSlot<TurnUnit>('one-story turn unit', 'the turn unit is missing: turns run through ConversationTurns');

export const setTurnUnit: (context: TurnContext, unit: TurnUnit) => void = slot.set;
export const turnUnit: (context: TurnContext) => TurnUnit = slot.get;
