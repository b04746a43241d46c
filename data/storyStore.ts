import { randomUUID } from 'node:crypto';
import { StorySchema, newStory, type Story } from '../domain/story.js';
import type { DocumentStore } from '../useCases/ports.js';

const STORIES = 'stories';
const PEOPLE = 'people';
const CHANNEL_USERS = 'channel-users';

/** Which channel users (web chat, SMS number, …) speak for one person, so any of them reaches the same story. */
interface PersonRecord {
  personId: string;
  channelUsers: string[];
}

interface ChannelUserRecord {
  personId: string;
}

/**
 * People and their stories, on the document store. A channel user (say, a phone number on SMS) is
 * linked to a person; the story belongs to the person, so it can be carried across channels.
 */
export class StoryStore {
  constructor(private readonly documents: DocumentStore) {}

  /** The person this channel user speaks for, created on first contact. */
  async personFor(channelId: string, userId: string): Promise<string> {
    const channelUser = channelUserKey(channelId, userId);
    const existing = await this.documents.read<ChannelUserRecord>(CHANNEL_USERS, channelUser);
    if (existing) return existing.personId;
    const personId = randomUUID();
    await this.documents.write<PersonRecord>(PEOPLE, personId, { personId, channelUsers: [channelUser] });
    await this.documents.write<ChannelUserRecord>(CHANNEL_USERS, channelUser, { personId });
    return personId;
  }

  /** Links another channel user to an existing person (continuing on another device). */
  async linkChannelUser(channelId: string, userId: string, personId: string): Promise<void> {
    const channelUser = channelUserKey(channelId, userId);
    const person = (await this.documents.read<PersonRecord>(PEOPLE, personId)) ?? { personId, channelUsers: [] };
    if (!person.channelUsers.includes(channelUser)) person.channelUsers.push(channelUser);
    await this.documents.write(PEOPLE, personId, person);
    await this.documents.write<ChannelUserRecord>(CHANNEL_USERS, channelUser, { personId });
  }

  async load(personId: string): Promise<Story | undefined> {
    const stored = await this.documents.read<unknown>(STORIES, personId);
    return stored === undefined ? undefined : StorySchema.parse(stored);
  }

  async loadOrCreate(personId: string, locale: string, now: Date): Promise<Story> {
    return (await this.load(personId)) ?? newStory(personId, locale, now);
  }

  async save(story: Story): Promise<void> {
    await this.documents.write(STORIES, story.personId, StorySchema.parse(story));
  }

  /** Erases the story and every link to it: the next message from any of their channels starts afresh. */
  async erasePerson(personId: string): Promise<void> {
    const person = await this.documents.read<PersonRecord>(PEOPLE, personId);
    for (const channelUser of person?.channelUsers ?? []) await this.documents.delete(CHANNEL_USERS, channelUser);
    await this.documents.delete(STORIES, personId);
    await this.documents.delete(PEOPLE, personId);
  }
}

function channelUserKey(channelId: string, userId: string): string {
  return `${channelId}:${userId}`;
}
