import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeOneStory } from '../../../bot/app.js';
import { loadConfig } from '../../../bot/config.js';
import { createLogger } from '../../../bot/logger.js';
import { EncryptedFileDocumentStore } from '../../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../../data/storage/encryption.js';
import { PersonStore } from '../../../data/personStore.js';
import { LocalDirectLineClient } from '../../support/localDirectLineClient.js';
import { englishConversationText } from '../../support/channelText.js';

const text = await englishConversationText();

describe('idle local conversations', () => {
  it('when idle longer than DIRECTLINE_IDLE_MINUTES, should be dropped from memory while the story stays in the store', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'one-story-idle-'));
    const key = randomBytes(32).toString('base64');
    let now = Date.parse('2026-03-01T10:00:00Z');
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ONESTORY_ENCRYPTION_KEY: key, LOG_LEVEL: 'silent', DIRECTLINE_IDLE_MINUTES: '5' });
    const app = await composeOneStory(config, { log: createLogger('silent'), clock: () => new Date(now) });
    const baseUrl = await app.listen(0);
    try {
      const client = await LocalDirectLineClient.start(baseUrl);
      await client.say(text.supporterNo);
      await client.say('Sam');
      const activities = await client.newActivities();
      expect(activities.map((activity) => activity.text)).toContain(text.nameThanks('Sam'));
      const userId = activities.find((activity) => activity.from?.role === 'user')!.from!.id;

      now += 5 * 60_000 + 1;
      await expect(client.newActivities()).rejects.toThrow(/404/);

      // Read back from the files, as a restarted server would.
      const people = new PersonStore(new EncryptedFileDocumentStore(dataDir, new RecordCipher(Buffer.from(key, 'base64'))));
      const story = (await people.load((await people.personOf(`webchat:${userId}`))!))?.story;
      expect(JSON.stringify(story)).toContain('Sam');
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
