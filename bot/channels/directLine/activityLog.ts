import type { Activity } from 'botbuilder';
import type { LocalActivity, LocalActivityPage } from '../../../useCases/ports.js';
import { activityId, readWatermark } from '../../../data/localConversations/identifiers.js';

/** An activity as a Direct Line client sees it: always with the id and timestamp the service gave it. */
export type LoggedActivity = Omit<Partial<Activity>, 'id' | 'timestamp'> & { id: string; timestamp: string };

export type ActivityPage = LocalActivityPage;

/**
 * One conversation's activities in memory, in the order the service received them, read by watermark as
 * Direct Line 3.0 does. The watermark is the absolute position after the last activity returned, so it
 * stays valid when the oldest activities are trimmed to bound memory.
 */
export class ActivityLog {
  private readonly entries: LocalActivity[] = [];
  /** How many activities were trimmed from the front: the absolute position of entries[0]. */
  private trimmed = 0;

  constructor(
    private readonly conversationId: string,
    private readonly maxEntries: number,
  ) {}

  /** Stores a copy with a fresh id (`conversationId|0000007`, as Direct Line numbers them) and timestamp. */
  append(activity: Record<string, unknown>, now: Date): LocalActivity {
    const position = this.trimmed + this.entries.length;
    const logged: LocalActivity = { ...activity, id: activityId(this.conversationId, position), timestamp: now.toISOString() };
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
    const from = Math.min(Math.max(readWatermark(watermark), this.trimmed), end);
    const activities = this.entries.slice(from - this.trimmed, from - this.trimmed + limit);
    return { activities, watermark: String(from + activities.length) };
  }

  get size(): number {
    return this.trimmed + this.entries.length;
  }
}
