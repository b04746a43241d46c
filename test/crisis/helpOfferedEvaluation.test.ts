import { describe, it, expect } from '@jest/globals';
import { detectCrisis } from '../../domain/crisis/detectCrisis.js';
import { labelledMessages, type LabelledMessage } from './labelledMessages.js';
import { heldOutMessages } from './heldOutMessages.js';
import { heldOutMessages2 } from './heldOutMessages2.js';
import { heldOutMessages3 } from './heldOutMessages3.js';
import { heldOutMessages4 } from './heldOutMessages4.js';
import { heldOutMessages5 } from './heldOutMessages5.js';

/**
 * "Help offered" evaluation: for each set, how often does the bot do SOMETHING for a person in crisis?
 *
 * The middleware (bot/middleware/crisisCheck.ts) signposts at level 'crisis', and at level 'concern'
 * asks one gentle question, "are you safe right now?", where only a clear yes carries on and anything
 * else brings the signposting. So for a crisis message, 'concern' is a real (if weaker) catch: help is
 * offered. For a non-crisis message, 'concern' costs the person one kind question: cheaper than a crisis
 * false alarm, but still an interruption, so it is thresholded too.
 *
 * Printed for every set, sealed batches included:
 *   crisis recall           crisis messages at level 'crisis'
 *   help-offered recall     crisis messages at 'crisis' or 'concern'
 *   crisis false alarms     non-crisis messages at 'crisis'
 *   help-offered false alarms  non-crisis messages at 'crisis' or 'concern'
 *
 * Thresholded on the combined TUNED set only (main set + held-out batches 1-4): help-offered false
 * alarms at most 10%. Batch 4 was sealed until the safety-net round: its figures were recorded first
 * (heldOutMessages4.ts), then batch 5 was written and measured, and only then were batch 4's misses
 * used for tuning. The sealed batch 5 is printed, never thresholded (see crisisEvaluation.test.ts for
 * why). Its item list is only printed with CRISIS_SHOW_SEALED=1, so that nobody tuning the patterns
 * reads it by accident.
 *
 * First figures, on the detector BEFORE the safety net (2026-11-29, about 03:35 UTC):
 *   combined (main + 1-3): crisis recall 98.7% (299/303), help-offered recall 99.3% (301/303),
 *     crisis false alarms 0.0% (0/322), help-offered false alarms 0.9% (3/322)
 *   batch 4 (then sealed): crisis recall 43.3% (13/30), help-offered recall 46.7% (14/30),
 *     crisis false alarms 10.0% (3/30), help-offered false alarms 10.0% (3/30)
 *   batch 5 (sealed):      crisis recall 61.9% (26/42), help-offered recall 64.3% (27/42),
 *     crisis false alarms 2.4% (1/42), help-offered false alarms 2.4% (1/42)
 */

const MAX_HELP_OFFERED_FALSE_ALARM_RATE = 0.1;

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function truncate(text: string, max = 90): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

interface HelpEvaluation {
  crisisTotal: number;
  nonCrisisTotal: number;
  crisisCaught: number;
  helpCaught: number;
  crisisFalse: number;
  helpFalse: number;
  lines: string[];
}

function evaluate(messages: LabelledMessage[]): HelpEvaluation {
  const e: HelpEvaluation = { crisisTotal: 0, nonCrisisTotal: 0, crisisCaught: 0, helpCaught: 0, crisisFalse: 0, helpFalse: 0, lines: [] };
  for (const m of messages) {
    const { level, signals } = detectCrisis(m.text);
    if (m.crisis) {
      e.crisisTotal += 1;
      if (level === 'crisis') e.crisisCaught += 1;
      if (level !== 'none') e.helpCaught += 1;
      if (level === 'none') e.lines.push(`  MISSED (no help offered): "${truncate(m.text)}"`);
      else if (level === 'concern') e.lines.push(`  CONCERN ONLY (asked if safe) [${signals.join(', ')}]: "${truncate(m.text)}"`);
    } else {
      e.nonCrisisTotal += 1;
      if (level === 'crisis') e.crisisFalse += 1;
      if (level !== 'none') {
        e.helpFalse += 1;
        e.lines.push(`  ${level === 'crisis' ? 'FALSE CRISIS' : 'FALSE CONCERN'} [${signals.join(', ')}]: "${truncate(m.text)}"`);
      }
    }
  }
  return e;
}

function summary(label: string, e: HelpEvaluation): string {
  const r = (n: number, d: number): string => `${percent(n / Math.max(1, d))} (${n}/${d})`;
  return (
    `help offered [${label}]: crisis recall ${r(e.crisisCaught, e.crisisTotal)}, help-offered recall ${r(e.helpCaught, e.crisisTotal)}, ` +
    `crisis false alarms ${r(e.crisisFalse, e.nonCrisisTotal)}, help-offered false alarms ${r(e.helpFalse, e.nonCrisisTotal)}`
  );
}

describe('help offered (crisis or concern) evaluation', () => {
  const showSealed = process.env.CRISIS_SHOW_SEALED === '1';
  const tuned = [...labelledMessages, ...heldOutMessages, ...heldOutMessages2, ...heldOutMessages3, ...heldOutMessages4];
  const sets: Array<{ label: string; messages: LabelledMessage[]; sealed: boolean }> = [
    { label: 'main set', messages: labelledMessages, sealed: false },
    { label: 'batch 1 (tuned)', messages: heldOutMessages, sealed: false },
    { label: 'batch 2 (tuned)', messages: heldOutMessages2, sealed: false },
    { label: 'batch 3 (tuned)', messages: heldOutMessages3, sealed: false },
    { label: 'batch 4 (sealed until this round; its misses guided the safety net)', messages: heldOutMessages4, sealed: false },
    { label: 'COMBINED tuned set (main + batches 1-4), thresholded', messages: tuned, sealed: false },
    { label: 'SEALED batch 5, never tuned on', messages: heldOutMessages5, sealed: true },
  ];
  const results = sets.map((s) => ({ ...s, e: evaluate(s.messages) }));
  console.log(
    results
      .flatMap((r) => [summary(r.label, r.e), ...(r.label.startsWith('COMBINED') || (r.sealed && !showSealed) ? [] : r.e.lines)])
      .join('\n'),
  );
  const combined = results.find((r) => r.label.startsWith('COMBINED'))!.e;

  it('the sealed batch 5 has at least 80 messages, roughly balanced, and no duplicates of any other set', () => {
    const five = results[results.length - 1].e;
    expect(five.crisisTotal + five.nonCrisisTotal).toBeGreaterThanOrEqual(80);
    expect(five.crisisTotal / heldOutMessages5.length).toBeGreaterThanOrEqual(0.4);
    expect(five.nonCrisisTotal / heldOutMessages5.length).toBeGreaterThanOrEqual(0.4);
    const texts = [...tuned, ...heldOutMessages5].map((m) => m.text.trim().toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it(`offers help (crisis or concern) on at most ${percent(MAX_HELP_OFFERED_FALSE_ALARM_RATE)} of non-crisis messages (combined tuned set)`, () => {
    expect(combined.helpFalse / combined.nonCrisisTotal).toBeLessThanOrEqual(MAX_HELP_OFFERED_FALSE_ALARM_RATE);
  });

  it('offers help on at least as many crisis messages as it signposts outright (concern is a superset)', () => {
    for (const r of results) expect(r.e.helpCaught).toBeGreaterThanOrEqual(r.e.crisisCaught);
  });
});
