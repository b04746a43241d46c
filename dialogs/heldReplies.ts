import type { Activity, TurnContext } from 'botbuilder';

const URGENT = Symbol('one-story urgent replies');

/**
 * Replies are held until the turn is committed, so a person never sees an answer acknowledged that
 * was not stored: if the process stops first, they see nothing and simply send again. Urgent replies
 * (crisis signposting, a quick exit) are also sent when the commit fails.
 */
export function holdReplies(context: TurnContext): { release(): Promise<void>; releaseUrgentOnly(): Promise<void> } {
  const held: Array<{ activity: Partial<Activity>; urgent: boolean }> = [];
  let holding = true;
  context.onSendActivities(async (turn, activities, next) => {
    if (!holding) return next();
    const urgent = turn.turnState.get(URGENT) === true;
    for (const activity of activities) held.push({ activity, urgent });
    return activities.map(() => ({ id: '' }));
  });
  const send = async (which: (entry: { urgent: boolean }) => boolean) => {
    holding = false;
    const activities = held.filter(which).map((entry) => entry.activity);
    held.length = 0;
    if (activities.length > 0) await context.sendActivities(activities);
  };
  return { release: () => send(() => true), releaseUrgentOnly: () => send((entry) => entry.urgent) };
}

/** Sends what `send` sends as urgent: it reaches the person even if the turn's commit fails. */
export async function sendingUrgently<T>(context: TurnContext, send: () => Promise<T>): Promise<T> {
  const before = context.turnState.get(URGENT) as boolean | undefined;
  context.turnState.set(URGENT, true);
  try {
    return await send();
  } finally {
    context.turnState.set(URGENT, before ?? false);
  }
}
