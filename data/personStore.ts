import { createHash } from 'node:crypto';
import { StorySchema } from '../domain/story.js';
import { StaleWriteError, type DocumentStore, type PersonRepository, type StoredPerson } from '../useCases/ports.js';

/** People's records: written only by turns (and deleted by erasure). */
export const PEOPLE_COLLECTION = 'people';
const PEOPLE = PEOPLE_COLLECTION;
const CHANNEL_USERS = 'channel-users';
/** Where stories were kept before they moved into the person's record (read once, then folded in). */
const LEGACY_STORIES = 'stories';
/** Every person's id, in 256 buckets (by a hash of the id): what retention walks. Ids only. */
export const PEOPLE_INDEX = 'people-index';
const INDEX_BUCKETS = 256;

interface IndexBucket {
  personIds: string[];
}

function bucketOf(personId: string): string {
  return createHash('sha256').update(personId).digest('hex').slice(0, 2);
}

interface ChannelUserRecord {
  personId: string;
}

/** How many channel users' links are kept in memory: bounded, so memory does not grow with people stored. */
const LINKS_CACHED = 10_000;

/**
 * People on the document store: one record per person holding their story and their conversations'
 * state, so a turn commits with one atomic write; and a small link per channel user (a browser, a phone
 * number) to the person it speaks for, so a story can be carried across channels.
 */
export class PersonStore implements PersonRepository {
  /**
   * Recently used links (the server is the one writer of links; `npm run purge` beside it only deletes the
   * links of people erased for inactivity, and a device of theirs that writes again starts an empty story).
   */
  private readonly links = new Map<string, string>();
  /** Records read that were stored before the index was kept: listed at their next commit. */
  private readonly unlisted = new Set<string>();

  constructor(private readonly documents: DocumentStore) {}

  async personOf(channelUser: string): Promise<string | undefined> {
    const cached = this.links.get(channelUser);
    if (cached !== undefined) {
      // Most recently used last: the oldest is the first evicted.
      this.links.delete(channelUser);
      this.links.set(channelUser, cached);
      return cached;
    }
    const personId = (await this.documents.read<ChannelUserRecord>(CHANNEL_USERS, channelUser))?.personId;
    if (personId !== undefined) this.remember(channelUser, personId);
    return personId;
  }

  async link(channelUser: string, personId: string): Promise<void> {
    await this.documents.write<ChannelUserRecord>(CHANNEL_USERS, channelUser, { personId });
    this.remember(channelUser, personId);
  }

  async load(personId: string): Promise<StoredPerson | undefined> {
    const stored = await this.documents.read<Partial<StoredPerson>>(PEOPLE, personId);
    if (!stored) return undefined;
    if (stored.version === undefined || stored.lastActiveAt === undefined) this.unlisted.add(personId);
    if (stored.version === undefined) return this.fromLegacy(personId, stored);
    // Validated when it was written, and the encryption authenticates it: read as it is.
    return stored as StoredPerson;
  }

  async commit(person: StoredPerson): Promise<StoredPerson> {
    const next: StoredPerson = { ...person, version: person.version + 1 };
    // Listed once, before the record is first stored (PostgreSQL: in the same transaction as the commit).
    if (person.version === 0 || this.unlisted.has(person.personId)) {
      await this.documents.update<IndexBucket>(PEOPLE_INDEX, bucketOf(person.personId), (bucket) => ({
        personIds: bucket?.personIds.includes(person.personId) ? bucket.personIds : [...(bucket?.personIds ?? []), person.personId],
      }));
      this.unlisted.delete(person.personId);
    }
    return this.documents.update<Partial<StoredPerson>>(PEOPLE, person.personId, (current) => {
      if ((current?.version ?? 0) !== person.version) throw new StaleWriteError();
      return next;
    }) as Promise<StoredPerson>;
  }

  async erase(personId: string): Promise<void> {
    const person = await this.documents.read<Partial<StoredPerson>>(PEOPLE, personId);
    for (const channelUser of person?.channelUsers ?? []) {
      // A link that another person has taken since (a code redeemed on this device) is theirs now.
      const linkedTo = (await this.documents.read<ChannelUserRecord>(CHANNEL_USERS, channelUser))?.personId;
      if (linkedTo !== personId) continue;
      await this.documents.delete(CHANNEL_USERS, channelUser);
      this.links.delete(channelUser);
    }
    await this.documents.delete(LEGACY_STORIES, personId);
    await this.documents.delete(PEOPLE, personId);
    await this.documents.update<IndexBucket>(PEOPLE_INDEX, bucketOf(personId), (bucket) => ({ personIds: (bucket?.personIds ?? []).filter((id) => id !== personId) }));
    this.unlisted.delete(personId);
  }

  async *everyone(): AsyncIterable<string[]> {
    for (let bucket = 0; bucket < INDEX_BUCKETS; bucket++) {
      const listed = await this.documents.read<IndexBucket>(PEOPLE_INDEX, bucket.toString(16).padStart(2, '0'));
      if (listed && listed.personIds.length > 0) yield [...listed.personIds];
    }
  }

  private remember(channelUser: string, personId: string): void {
    this.links.delete(channelUser);
    this.links.set(channelUser, personId);
    if (this.links.size > LINKS_CACHED) this.links.delete(this.links.keys().next().value as string);
  }

  /** A record written before stories moved into it: the story is read from where it was. */
  private async fromLegacy(personId: string, stored: Partial<StoredPerson>): Promise<StoredPerson> {
    const story = await this.documents.read<unknown>(LEGACY_STORIES, personId);
    return { personId, version: 0, channelUsers: stored.channelUsers ?? [], story: story ? StorySchema.parse(story) : undefined, conversations: {} };
  }
}
