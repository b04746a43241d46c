import { newStory, recordAnswer } from '../../domain/story.js';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { StoryStore } from '../../data/storyStore.js';

/** Writes in flight at once while seeding: enough to keep the disk busy, few enough not to exhaust file handles. */
const IN_FLIGHT = 64;

/**
 * Puts `count` people straight into One Story's data folder, as the server would have stored them: each
 * a web chat user with a story whose housing topic is answered. The bench runs the server on that folder
 * afterwards, to show a turn's cost does not grow with the number of people stored. It writes through
 * the storage classes rather than over HTTP, so 100,000 people take seconds, not an hour.
 */
export async function seedStoredPeople(dataDir: string, key: Buffer, count: number): Promise<void> {
  const stories = new StoryStore(new EncryptedFileDocumentStore(dataDir, new RecordCipher(key)));
  const now = new Date();
  const seedOne = async (i: number): Promise<void> => {
    const personId = await stories.personFor('webchat', `seeded-${i}`);
    let story = newStory(personId, 'en', now);
    for (const questionId of ['current-place', 'safe-to-stay', 'how-long', 'worries']) {
      story = recordAnswer(story, { topicId: 'housing', questionId, status: 'answered', text: `seeded answer ${i} ${questionId} `.repeat(8), language: 'en', withSupport: false, answeredAt: now.toISOString() });
    }
    await stories.save({ ...story, welcomedAt: now.toISOString() });
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await seedOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
}
