import { PersonStore } from '../../data/personStore.js';
import { newStory, recordAnswer } from '../../domain/story.js';
import type { DocumentStore } from '../../useCases/ports.js';

/**
 * Seeds people straight into a store (a data folder's files, or PostgreSQL), as stored records: each a
 * channel-user link and a person record with a welcomed story of a few long answers and a conversation's state.
 */
export async function seedStoredPeople(documents: DocumentStore, count: number): Promise<void> {
  const people = new PersonStore(documents);
  const now = new Date();
  const seedOne = async (i: number) => {
    const personId = `seeded-person-${i}`;
    let story = newStory(personId, 'en', now);
    for (const questionId of ['current-place', 'safe-to-stay', 'how-long', 'worries']) {
      story = recordAnswer(story, { topicId: 'housing', questionId, status: 'answered', text: `seeded answer ${i} ${questionId} `.repeat(8), language: 'en', withSupport: false, answeredAt: now.toISOString() });
    }
    const channelUser = `webchat:seeded-${i}`;
    await people.link(channelUser, personId);
    await people.commit({
      personId,
      version: 0,
      channelUsers: [channelUser],
      story: { ...story, welcomedAt: now.toISOString() },
      conversations: { [`webchat/seeded-conversation-${i}`]: { seenAt: now.toISOString(), state: { dialogState: { dialogStack: [] }, session: { lastSeenAt: now.toISOString() } } } },
    });
  };
  const parallel = 32;
  for (let start = 0; start < count; start += parallel) {
    await Promise.all(Array.from({ length: Math.min(parallel, count - start) }, (_, offset) => seedOne(start + offset)));
  }
}
