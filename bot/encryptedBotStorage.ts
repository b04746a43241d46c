import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { DocumentStore } from '../useCases/ports.js';

const BOT_STATE = 'bot-state';

/**
 * Bot Framework's conversation state on our encrypted document store. Dialog state can hold what a
 * person is in the middle of saying, so it is encrypted like everything else. eTags are respected:
 * a write that carries a stale eTag is refused, so a late turn can never overwrite a newer one.
 */
export class EncryptedBotStorage implements Storage {
  constructor(private readonly documents: DocumentStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const item = await this.documents.read<Record<string, unknown>>(BOT_STATE, key);
      if (item) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const requested = (change as { eTag?: string }).eTag;
      if (requested && requested !== '*') {
        const current = await this.documents.read<{ eTag?: string }>(BOT_STATE, key);
        if (current && current.eTag !== requested) {
          throw new StaleStateError(key);
        }
      }
      await this.documents.write(BOT_STATE, key, { ...change, eTag: randomUUID() });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.documents.delete(BOT_STATE, key);
  }
}

export class StaleStateError extends Error {
  constructor(key: string) {
    super(`state for ${key.split('/')[0]} changed since it was read (eTag mismatch)`);
    this.name = 'StaleStateError';
  }
}
