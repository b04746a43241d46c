import type { Activity } from 'botbuilder';

/** The Direct Line 3.0 calls the console chat needs, against this server's local Direct Line. */
export class LocalDirectLineClient {
  private watermark = '';

  private constructor(
    private readonly domain: string,
    readonly conversationId: string,
    private readonly token: string,
  ) {}

  /** Starts a conversation; the server has run the bot's welcome turn by the time this resolves. */
  static async start(baseUrl: string): Promise<LocalDirectLineClient> {
    const domain = `${baseUrl}/v3/directline`;
    const response = await fetch(`${domain}/conversations`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'en-GB' }),
    });
    if (!response.ok) throw new Error(`starting a conversation answered ${response.status}`);
    const { conversationId, token } = (await response.json()) as { conversationId: string; token: string };
    return new LocalDirectLineClient(domain, conversationId, token);
  }

  /** Sends a message; resolves once the bot has handled it. */
  async say(text: string): Promise<void> {
    const response = await fetch(`${this.domain}/conversations/${encodeURIComponent(this.conversationId)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ type: 'message', text, locale: 'en-GB' }),
    });
    if (!response.ok) throw new Error(`sending a message answered ${response.status}`);
    await response.arrayBuffer();
  }

  /** Everything since the last call, following the watermark through every page. */
  async newActivities(): Promise<Partial<Activity>[]> {
    const all: Partial<Activity>[] = [];
    for (;;) {
      const response = await fetch(
        `${this.domain}/conversations/${encodeURIComponent(this.conversationId)}/activities?watermark=${encodeURIComponent(this.watermark)}`,
        { headers: { accept: 'application/json', authorization: `Bearer ${this.token}` } },
      );
      if (!response.ok) throw new Error(`reading the conversation answered ${response.status}`);
      const page = (await response.json()) as { activities: Partial<Activity>[]; watermark: string };
      all.push(...page.activities);
      if (page.activities.length === 0 || page.watermark === this.watermark) {
        this.watermark = page.watermark;
        return all;
      }
      this.watermark = page.watermark;
    }
  }
}
