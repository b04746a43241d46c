import type { DocumentStore } from '../../useCases/ports.js';

const NOTICES = 'staff-shown-once';

interface StoredNotice<T> {
  value: T;
  at: string;
}

/**
 * What a form's answer page shows once, after post/redirect/get: a success banner, or a secret made by the
 * form (a setup link, an API key, a webhook secret). Kept per staff session, encrypted like every record,
 * and deleted by the first page that reads it, or ignored once `maxAgeMs` has passed; so reloading the page
 * never shows a secret again, and another instance (PostgreSQL) can serve the page after the redirect.
 */
export class ShownOnceNotices<T> {
  constructor(
    private readonly documents: DocumentStore,
    private readonly options: { clock: () => Date; maxAgeMs: number },
  ) {}

  async put(sessionId: string, value: T): Promise<void> {
    await this.documents.write<StoredNotice<T>>(NOTICES, sessionId, { value, at: this.options.clock().toISOString() });
  }

  /** The notice left for this session, at most once; undefined when there is none or it is too old. */
  async take(sessionId: string): Promise<T | undefined> {
    const stored = await this.documents.read<StoredNotice<T>>(NOTICES, sessionId);
    if (!stored) return undefined;
    await this.documents.delete(NOTICES, sessionId);
    return this.options.clock().getTime() - Date.parse(stored.at) <= this.options.maxAgeMs ? stored.value : undefined;
  }
}
