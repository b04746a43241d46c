import type { Activity } from 'botbuilder';

/** An activity as a Direct Line client sees it: always with the id and timestamp the service gave it. */
export type LoggedActivity = Omit<Partial<Activity>, 'id' | 'timestamp'> & { id: string; timestamp: string };

export interface ActivityPage {
  activities: LoggedActivity[];
  /** Opaque to clients: pass it back to get only what came after this page. */
  watermark: string;
}

/**
 * One conversation's activities in the order the service received them, read by watermark as Direct
 * Line 3.0 does. The watermark is the absolute position after the last activity returned, so it stays
 * valid when the oldest activities are trimmed to bound memory.
 */
export class ActivityLog {
  private readonly entries: LoggedActivity[] = [];
  /** How many activities were trimmed from the front: the absolute position of entries[0]. */
  private trimmed = 0;

  constructor(
    private readonly conversationId: string,
    private readonly maxEntries: number,
  ) {}

  /** Stores a copy with a fresh id (`conversationId|0000007`, as Direct Line numbers them) and timestamp. */
  append(activity: Omit<Partial<Activity>, 'id' | 'timestamp'>, now: Date): LoggedActivity {
    const position = this.trimmed + this.entries.length;
    const logged: LoggedActivity = {
      ...activity,
      id: `${this.conversationId}|${String(position).padStart(7, '0')}`,
      timestamp: now.toISOString(),
    };
    this.entries.push(logged);
    if (this.entries.length > this.maxEntries) {
      this.entries.shift();
      this.trimmed += 1;
    }
    return logged;
  }

  /** At most `limit` activities after `watermark` (absent or unreadable: from the start). */
  since(watermark: string | undefined, limit: number): ActivityPage {
    const end = this.trimmed + this.entries.length;
    const parsed = watermark && /^\d{1,12}$/.test(watermark) ? Number(watermark) : 0;
    const from = Math.min(Math.max(parsed, this.trimmed), end);
    const activities = this.entries.slice(from - this.trimmed, from - this.trimmed + limit);
    return { activities, watermark: String(from + activities.length) };
  }

  get size(): number {
    return this.trimmed + this.entries.length;
  }
}
