import { describe, it, expect } from '@jest/globals';
import { detectCrisis } from '../../domain/crisis/detectCrisis.js';
import { concernMessages, type ConcernMessage } from './concernMessages.js';

/**
 * Evaluation of the concern tier (level 'concern': the bot gently asks "are you safe right now?").
 *
 * First measurement, before the concern patterns were tuned against this set (58 messages):
 *   concern recall 89.3% (25/28), false alarms on ordinary hardship 0.0% (0/30).
 *   Missed then: "I can't take much more of this", "I'm frightened to go home tonight",
 *   "everything feels pointless". Tuned afterwards, so today's figure is NOT a held-out one.
 *
 * Scoring: a concern item is caught when the level is 'concern' or 'crisis' (either way the bot checks
 * on the person). An ordinary-hardship item is a false alarm at any level other than 'none'.
 * The limit that matters most is the false-alarm one: asking "are you safe?" after "I'm stressed
 * about rent" is patronising and teaches people to stop telling us things.
 */

const MIN_MESSAGES = 40;
const MAX_HARDSHIP_FALSE_ALARM_RATE = 0.1;
const MIN_CONCERN_RECALL = 0.8;

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

interface Outcome {
  message: ConcernMessage;
  level: string;
}

describe('concern tier evaluation', () => {
  const outcomes: Outcome[] = concernMessages.map((message) => ({ message, level: detectCrisis(message.text).level }));
  const positives = outcomes.filter((o) => o.message.expected === 'concern');
  const negatives = outcomes.filter((o) => o.message.expected === 'none');
  const caught = positives.filter((o) => o.level !== 'none');
  const asCrisis = positives.filter((o) => o.level === 'crisis');
  const falseAlarms = negatives.filter((o) => o.level !== 'none');
  const recall = caught.length / positives.length;
  const precision = caught.length / Math.max(1, caught.length + falseAlarms.length);
  const falseAlarmRate = falseAlarms.length / negatives.length;

  console.log(
    [
      `concern evaluation: ${outcomes.length} messages, concern recall ${percent(recall)} (${caught.length}/${positives.length}, ` +
        `${asCrisis.length} of them raised to crisis), precision ${percent(precision)}, ` +
        `false alarms on ordinary hardship ${percent(falseAlarmRate)} (${falseAlarms.length}/${negatives.length})`,
      ...positives.filter((o) => o.level === 'none').map((o) => `  MISSED (no concern): "${o.message.text}"`),
      ...asCrisis.map((o) => `  RAISED TO CRISIS: "${o.message.text}"`),
      ...falseAlarms.map((o) => `  FALSE ALARM [${o.level}]: "${o.message.text}"`),
    ].join('\n'),
  );

  it(`has at least ${MIN_MESSAGES} messages, with both kinds`, () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(MIN_MESSAGES);
    expect(positives.length).toBeGreaterThanOrEqual(15);
    expect(negatives.length).toBeGreaterThanOrEqual(15);
  });

  it('has no duplicate messages', () => {
    const texts = concernMessages.map((m) => m.text.trim().toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it(`raises concern (or crisis) on ordinary hardship at most ${percent(MAX_HARDSHIP_FALSE_ALARM_RATE)} of the time`, () => {
    expect(falseAlarmRate).toBeLessThanOrEqual(MAX_HARDSHIP_FALSE_ALARM_RATE);
  });

  it(`catches at least ${percent(MIN_CONCERN_RECALL)} of concern messages`, () => {
    expect(recall).toBeGreaterThanOrEqual(MIN_CONCERN_RECALL);
  });
});
