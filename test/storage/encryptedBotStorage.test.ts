import { describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { EncryptedBotStorage } from '../../bot/encryptedBotStorage.js';

describe('EncryptedBotStorage', () => {
  it('respects eTags: a write with a stale eTag is refused and the newer state kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-story-botstate-'));
    const storage = new EncryptedBotStorage(new EncryptedFileDocumentStore(dir, new RecordCipher(randomBytes(32))));
    await storage.write({ 'webchat/conversations/c1': { step: 1, eTag: '*' } });
    const first = (await storage.read(['webchat/conversations/c1']))['webchat/conversations/c1'];
    await storage.write({ 'webchat/conversations/c1': { ...first, step: 2 } });
    await expect(storage.write({ 'webchat/conversations/c1': { ...first, step: 3 } })).rejects.toThrow(/eTag/);
    const now = (await storage.read(['webchat/conversations/c1']))['webchat/conversations/c1'];
    expect(now.step).toBe(2);
    await storage.delete(['webchat/conversations/c1']);
    expect(await storage.read(['webchat/conversations/c1'])).toEqual({});
  });
});
