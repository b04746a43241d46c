import { z } from 'zod';
import { WeekSchema, type OutcomeFact } from './outcomeFacts.js';

/**
 * The partnership's figures, computed from outcome facts alone (pure functions; see outcomeFacts.ts and
 * README: Partnership outcomes for the method). Counts from 1 to 4 are hidden (`null`), and so is anything
 * derived from fewer than 5 handoffs; where a total is shown beside its parts and would give a hidden part
 * away, the next smallest part is hidden too.
 */

/** Counts below this (and above 0) are hidden, and so is any figure resting on fewer handoffs. */
export const MINIMUM_COUNT = 5;

/** A count, or null where it is hidden to protect privacy. */
const Count = z.number().int().min(0).nullable();
/** Hours (one decimal), or null where hidden or there is nothing to measure. */
const Hours = z.number().min(0).nullable();

export const TimingSchema = z
  .object({
    /** How many handoffs the times rest on. */
    handoffs: Count,
    medianHours: Hours,
    p90Hours: Hours,
  })
  .strict();

export const TargetSchema = z
  .object({
    /** Handoffs whose answer is in or whose target has passed (withdrawn before any answer, or still within target, are left out). */
    handoffs: Count,
    /** Of those, the share answered within the agency's target (0–100, one decimal). */
    percent: z.number().min(0).max(100).nullable(),
  })
  .strict();

export const OutcomesReportSchema = z
  .object({
    generatedAt: z.iso.datetime(),
    /** The first and last week with any fact (Mondays), null when there are none. */
    firstWeek: WeekSchema.nullable(),
    lastWeek: WeekSchema.nullable(),
    minimumCount: z.literal(MINIMUM_COUNT),
    summary: z
      .object({
        peopleTold: Count,
        handoffs: Count,
        updates: Count,
        partsShared: Count,
        retellingsAvoided: Count,
        acknowledged: Count,
        withdrawals: Count,
        handoffsClosedByErasure: Count,
        storiesErasedByPerson: Count,
        storiesErasedByRetention: Count,
        timeToHandoff: TimingSchema,
        timeToAcknowledgement: TimingSchema,
        withinTarget: TargetSchema,
      })
      .strict(),
    agencies: z.array(
      z
        .object({
          agencyId: z.string(),
          name: z.string(),
          targetWorkingDays: z.number().int().min(0),
          handoffs: Count,
          retellingsAvoided: Count,
          acknowledged: Count,
          withdrawals: Count,
          timeToHandoff: TimingSchema,
          timeToAcknowledgement: TimingSchema,
          withinTarget: TargetSchema,
        })
        .strict(),
    ),
    weeks: z.array(
      z
        .object({
          week: WeekSchema,
          handoffs: Count,
          timeToHandoff: TimingSchema,
          timeToAcknowledgement: TimingSchema,
          withinTarget: TargetSchema,
        })
        .strict(),
    ),
  })
  .strict();

export type OutcomesReport = z.infer<typeof OutcomesReportSchema>;
export type Timing = z.infer<typeof TimingSchema>;
export type Target = z.infer<typeof TargetSchema>;

export interface AgencyTarget {
  id: string;
  name: string;
  workingDays: number;
}

type Sent = Extract<OutcomeFact, { kind: 'handoff.sent' }>;
type Acknowledged = Extract<OutcomeFact, { kind: 'handoff.acknowledged' }>;

const WEEK_MS = 7 * 24 * 60 * 60_000;

/** The median (the mean of the two middle values for an even count) of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The nearest-rank percentile (`p` from 0 to 100) of a non-empty list: the smallest value with p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** A count as published: hidden when from 1 to 4. */
export function shownCount(value: number, minimum = MINIMUM_COUNT): number | null {
  return value > 0 && value < minimum ? null : value;
}

/**
 * A column of counts published beside its total. Counts from 1 to 4 are hidden; if exactly one is hidden
 * while the total is shown, the total less the others would give it away, so the smallest other count
 * above 0 is hidden too. The total is hidden on the same rule as any count.
 */
export function protectColumn(values: readonly number[], total: number, minimum = MINIMUM_COUNT): { cells: Array<number | null>; total: number | null } {
  const cells: Array<number | null> = values.map((value) => shownCount(value, minimum));
  const shownTotal = shownCount(total, minimum);
  if (shownTotal !== null && cells.filter((cell) => cell === null).length === 1) {
    let smallest = -1;
    cells.forEach((cell, index) => {
      if (cell !== null && cell > 0 && (smallest < 0 || cell < (cells[smallest] as number))) smallest = index;
    });
    if (smallest >= 0) cells[smallest] = null;
  }
  return { cells, total: shownTotal };
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** Median and 90th percentile of durations in minutes, as hours; hidden when resting on fewer than `minimum`. */
export function timing(minutes: readonly number[], minimum = MINIMUM_COUNT): Timing {
  const enough = minutes.length >= minimum;
  return {
    handoffs: shownCount(minutes.length, minimum),
    medianHours: enough ? hours(median(minutes)) : null,
    p90Hours: enough ? hours(percentile(minutes, 90)) : null,
  };
}

function target(outcomes: readonly boolean[], minimum = MINIMUM_COUNT): Target {
  const met = outcomes.filter(Boolean).length;
  return {
    handoffs: shownCount(outcomes.length, minimum),
    percent: outcomes.length >= minimum ? Math.round((met / outcomes.length) * 1000) / 10 : null,
  };
}

/** One handoff (its first version), with its first answer, whether it was withdrawn before one, and its target outcome. */
interface HandoffChain {
  sent: Sent;
  answer?: Acknowledged;
  /** true: answered within target; false: answered late, or unanswered past target; undefined: left out. */
  metTarget?: boolean;
}

/**
 * The figures from every fact there is. `now`: a handoff with no answer counts as past its target once its
 * target has passed even if it was sent at the very end of its week (facts keep weeks, not moments).
 */
export function computeOutcomes(facts: readonly OutcomeFact[], agencies: readonly AgencyTarget[], now: Date): OutcomesReport {
  const sentFirst = new Map<string, Sent>();
  const firstAnswer = new Map<string, Acknowledged>();
  const withdrawnChains = new Set<string>();
  for (const fact of facts) {
    if (fact.kind === 'handoff.sent' && fact.version === 'first' && !sentFirst.has(fact.chain)) sentFirst.set(fact.chain, fact);
    if (fact.kind === 'handoff.acknowledged' && !firstAnswer.has(fact.chain)) firstAnswer.set(fact.chain, fact);
    if (fact.kind === 'handoff.withdrawn') withdrawnChains.add(fact.chain);
  }
  const chains: HandoffChain[] = [...sentFirst.values()].map((sent) => {
    const answer = firstAnswer.get(sent.chain);
    if (answer) return { sent, answer, metTarget: answer.withinTarget };
    if (withdrawnChains.has(sent.chain)) return { sent };
    const surelyDue = Date.parse(`${sent.week}T00:00:00Z`) + WEEK_MS + sent.targetMinutes * 60_000;
    return { sent, metTarget: now.getTime() >= surelyDue ? false : undefined };
  });
  const answers = [...firstAnswer.values()];
  const sentFacts = facts.filter((fact): fact is Sent => fact.kind === 'handoff.sent');
  const count = (kind: OutcomeFact['kind'], test: (fact: OutcomeFact) => boolean = () => true) => facts.filter((fact) => fact.kind === kind && test(fact)).length;
  const targetOutcomes = (list: readonly HandoffChain[]) => list.filter((chain) => chain.metTarget !== undefined).map((chain) => chain.metTarget as boolean);

  // Agencies: the directory's, then any others facts name (an agency since removed from the directory).
  const known = new Map(agencies.map((agency) => [agency.id, agency]));
  for (const fact of facts) {
    if ('agencyId' in fact && !known.has(fact.agencyId)) known.set(fact.agencyId, { id: fact.agencyId, name: fact.agencyId, workingDays: 0 });
  }
  const agencyList = [...known.values()];
  const perAgency = agencyList.map((agency) => {
    const own = chains.filter((chain) => chain.sent.agencyId === agency.id);
    return {
      agency,
      handoffs: own.length,
      retellingsAvoided: sentFacts.filter((fact) => fact.agencyId === agency.id).reduce((sum, fact) => sum + fact.retellingsAvoided, 0),
      acknowledged: answers.filter((answer) => answer.agencyId === agency.id).length,
      withdrawals: count('handoff.withdrawn', (fact) => fact.kind === 'handoff.withdrawn' && fact.by === 'person' && fact.agencyId === agency.id),
      timeToHandoff: timing(own.map((chain) => chain.sent.minutesFromFirstMessage)),
      timeToAcknowledgement: timing(answers.filter((answer) => answer.agencyId === agency.id).map((answer) => answer.minutesFromHandoff)),
      withinTarget: target(targetOutcomes(own)),
      judged: targetOutcomes(own).length,
    };
  });

  const weeks = weekRange(facts);
  const perWeek = weeks.map((week) => {
    const own = chains.filter((chain) => chain.sent.week === week);
    const answered = answers.filter((answer) => answer.week === week);
    return {
      week,
      handoffs: own.length,
      acknowledged: answered.length,
      timeToHandoff: timing(own.map((chain) => chain.sent.minutesFromFirstMessage)),
      timeToAcknowledgement: timing(answered.map((answer) => answer.minutesFromHandoff)),
      withinTarget: target(targetOutcomes(own)),
      judged: targetOutcomes(own).length,
    };
  });

  const totals = {
    handoffs: chains.length,
    retellingsAvoided: sentFacts.reduce((sum, fact) => sum + fact.retellingsAvoided, 0),
    acknowledged: answers.length,
    withdrawals: count('handoff.withdrawn', (fact) => fact.kind === 'handoff.withdrawn' && fact.by === 'person'),
  };
  const byAgency = (field: keyof typeof totals) => protectColumn(perAgency.map((row) => row[field]), totals[field]).cells;
  const agencyHandoffs = byAgency('handoffs');
  const agencyRetellings = byAgency('retellingsAvoided');
  const agencyAcknowledged = byAgency('acknowledged');
  const agencyWithdrawals = byAgency('withdrawals');
  const weekHandoffs = protectColumn(perWeek.map((row) => row.handoffs), totals.handoffs).cells;
  const weekAcknowledged = protectColumn(perWeek.map((row) => row.acknowledged), totals.acknowledged).cells;
  const judged = targetOutcomes(chains).length;
  const agencyJudged = protectColumn(perAgency.map((row) => row.judged), judged).cells;
  const weekJudged = protectColumn(perWeek.map((row) => row.judged), judged).cells;

  return OutcomesReportSchema.parse({
    generatedAt: now.toISOString(),
    firstWeek: weeks[0] ?? null,
    lastWeek: weeks.at(-1) ?? null,
    minimumCount: MINIMUM_COUNT,
    summary: {
      peopleTold: shownCount(count('story.told')),
      handoffs: shownCount(totals.handoffs),
      updates: shownCount(sentFacts.filter((fact) => fact.version === 'update').length),
      partsShared: shownCount(sentFacts.reduce((sum, fact) => sum + fact.newParts, 0)),
      retellingsAvoided: shownCount(totals.retellingsAvoided),
      acknowledged: shownCount(totals.acknowledged),
      withdrawals: shownCount(totals.withdrawals),
      handoffsClosedByErasure: shownCount(count('handoff.withdrawn', (fact) => fact.kind === 'handoff.withdrawn' && fact.by === 'erasure')),
      storiesErasedByPerson: shownCount(count('story.erased', (fact) => fact.kind === 'story.erased' && fact.by === 'person')),
      storiesErasedByRetention: shownCount(count('story.erased', (fact) => fact.kind === 'story.erased' && fact.by === 'retention')),
      timeToHandoff: timing(chains.map((chain) => chain.sent.minutesFromFirstMessage)),
      timeToAcknowledgement: timing(answers.map((answer) => answer.minutesFromHandoff)),
      withinTarget: target(targetOutcomes(chains)),
    },
    agencies: perAgency.map((row, index) => ({
      agencyId: row.agency.id,
      name: row.agency.name,
      targetWorkingDays: row.agency.workingDays,
      handoffs: agencyHandoffs[index],
      retellingsAvoided: agencyRetellings[index],
      acknowledged: agencyAcknowledged[index],
      withdrawals: agencyWithdrawals[index],
      timeToHandoff: { ...row.timeToHandoff, handoffs: agencyHandoffs[index] },
      timeToAcknowledgement: { ...row.timeToAcknowledgement, handoffs: agencyAcknowledged[index] },
      withinTarget: { ...row.withinTarget, handoffs: agencyJudged[index] },
    })),
    weeks: perWeek.map((row, index) => ({
      week: row.week,
      handoffs: weekHandoffs[index],
      timeToHandoff: { ...row.timeToHandoff, handoffs: weekHandoffs[index] },
      timeToAcknowledgement: { ...row.timeToAcknowledgement, handoffs: weekAcknowledged[index] },
      withinTarget: { ...row.withinTarget, handoffs: weekJudged[index] },
    })),
  });
}

/** Every week from the first fact's to the last's (weeks with nothing in between included). */
function weekRange(facts: readonly OutcomeFact[]): string[] {
  if (facts.length === 0) return [];
  const sorted = facts.map((fact) => fact.week).sort();
  const weeks: string[] = [];
  for (let at = Date.parse(`${sorted[0]}T00:00:00Z`), last = Date.parse(`${sorted.at(-1)}T00:00:00Z`); at <= last; at += WEEK_MS) {
    weeks.push(new Date(at).toISOString().slice(0, 10));
  }
  return weeks;
}
