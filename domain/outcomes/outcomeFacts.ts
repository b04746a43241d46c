import { z } from 'zod';

/**
 * Outcome facts: what the partnership's figures are computed from. Each is written at the moment something
 * happens (a person first tells part of their story, a handoff is sent, an agency first answers, a person
 * withdraws or erases), and never changed or deleted: they hold no person id, no handoff id, no reference and
 * no text, and dates only by week, so they are not personal data and outlive erasure and retention.
 *
 * `chain` pairs a handoff's facts (sent, first answer, withdrawn): a random id made for this purpose alone,
 * kept beside the handoff while it exists and nowhere else, so once the person's records are gone it leads
 * to nobody. Durations are whole minutes, measured when the fact is written.
 */

/** The Monday (UTC) of the week a fact happened in, as an ISO date. */
export const WeekSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a week is its Monday, YYYY-MM-DD');
const agencyId = z.string().regex(/^[a-z][a-z0-9-]*$/);
const chain = z.uuid();
const minutes = z.number().int().min(0);
const count = z.number().int().min(0);

export const OutcomeFactSchema = z.discriminatedUnion('kind', [
  /** A person told the first part of their story (counted once per person). */
  z.object({ kind: z.literal('story.told'), week: WeekSchema }).strict(),
  /**
   * A handoff was sent: `first` a new handoff to this agency, `update` a later version of it. `newParts`: parts
   * this agency had not been sent by this person before; `retellingsAvoided`: of those, parts the person had
   * already shared with another agency (see README: Partnership outcomes). `targetMinutes`: from sending to the
   * end of the agency's expected response time (working days).
   */
  z
    .object({
      kind: z.literal('handoff.sent'),
      week: WeekSchema,
      chain,
      agencyId,
      version: z.enum(['first', 'update']),
      parts: count,
      newParts: count,
      retellingsAvoided: count,
      minutesFromFirstMessage: minutes,
      targetMinutes: minutes,
    })
    .strict(),
  /** The agency's first answer on a version of the handoff; `minutesFromHandoff` counts from its first version. */
  z
    .object({
      kind: z.literal('handoff.acknowledged'),
      week: WeekSchema,
      chain,
      agencyId,
      status: z.enum(['received', 'accepted', 'declined']),
      minutesFromHandoff: minutes,
      withinTarget: z.boolean(),
    })
    .strict(),
  /** The handoff closed before it ran its course: the person withdrew it, or erased their story. */
  z.object({ kind: z.literal('handoff.withdrawn'), week: WeekSchema, chain, agencyId, by: z.enum(['person', 'erasure']) }).strict(),
  /** A story was erased: by the person ("delete my story") or by retention (inactive too long). */
  z.object({ kind: z.literal('story.erased'), week: WeekSchema, by: z.enum(['person', 'retention']) }).strict(),
]);

export type OutcomeFact = z.infer<typeof OutcomeFactSchema>;
export type OutcomeFactKind = OutcomeFact['kind'];

/** The Monday (UTC) of the week `at` falls in. */
export function weekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

/** Whole minutes from `from` to `to` (never negative). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}
