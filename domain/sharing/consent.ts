import { z } from 'zod';

/**
 * Consent: a person's choice that one agency may see some parts of their story, for a purpose, until a
 * date. Consent records are never edited. A person's consents are a ledger of events: a grant (which may
 * supersede an earlier grant to the same agency) or a withdrawal. Whether a consent is live is worked
 * out from the ledger, so the whole history is always there to show and to prove.
 */

export const DEFAULT_CONSENT_MONTHS = 12;
export const HANDOFF_PURPOSE = 'referral-and-support' as const;

export const HeldBackAnswerSchema = z.object({ topicId: z.string().min(1), questionId: z.string().min(1) });

export const ConsentWordingSchema = z.object({
  /** Locale key of the consent wording the person was shown. */
  key: z.string().min(1),
  locale: z.string().min(1),
  /** The wording's version: when the words change, the version changes. */
  version: z.string().min(1),
});

/** A support worker who was with the person. Recorded; never the one who confirms. */
export const SupportedBySchema = z
  .object({ name: z.string().max(200).optional(), organisation: z.string().max(200).optional() })
  .nullable();

export const ConsentRecordSchema = z.object({
  id: z.string().min(1),
  personId: z.string().min(1),
  agencyId: z.string().min(1),
  /** Story topic ids the agency may see. */
  parts: z.array(z.string().min(1)).min(1),
  /** Single answers the person chose to keep out of this agency's copy. */
  heldBack: z.array(HeldBackAnswerSchema),
  purpose: z.string().min(1),
  wording: ConsentWordingSchema,
  channel: z.string().min(1),
  supportedBy: SupportedBySchema,
  /** Only ever the person: the schema itself refuses anything else. */
  confirmedBy: z.literal('person'),
  grantedAt: z.string(),
  expiresAt: z.string(),
  /** The earlier consent to the same agency that this one replaces, if any. */
  supersedes: z.string().nullable(),
});

export const WithdrawalReasonSchema = z.enum(['person-withdrew', 'story-erased']);

export const ConsentEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('granted'), at: z.string(), consent: ConsentRecordSchema }),
  z.object({
    type: z.literal('withdrawn'),
    at: z.string(),
    consentId: z.string().min(1),
    channel: z.string().min(1),
    reason: WithdrawalReasonSchema,
  }),
]);

export const ConsentLedgerSchema = z.object({ personId: z.string().min(1), events: z.array(ConsentEventSchema) });

export type HeldBackAnswer = z.infer<typeof HeldBackAnswerSchema>;
export type ConsentWording = z.infer<typeof ConsentWordingSchema>;
export type SupportedBy = z.infer<typeof SupportedBySchema>;
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;
export type ConsentEvent = z.infer<typeof ConsentEventSchema>;
export type ConsentLedger = z.infer<typeof ConsentLedgerSchema>;
export type WithdrawalReason = z.infer<typeof WithdrawalReasonSchema>;

/** A consent as it stands now: the record as granted, and what has happened to it since. */
export interface ConsentStatus extends ConsentRecord {
  withdrawnAt: string | null;
  supersededBy: string | null;
}

export class ConsentRuleError extends Error {
  constructor(public readonly code: 'no-parts' | 'held-back-outside-parts' | 'not-confirmed-by-person' | 'bad-duration') {
    super(`consent refused: ${code}`);
    this.name = 'ConsentRuleError';
  }
}

export function emptyLedger(personId: string): ConsentLedger {
  return { personId, events: [] };
}

/** Calendar months, clamped to the end of a shorter month (31 January + 1 month = 28/29 February). */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** Every consent in the ledger with its withdrawal and supersession worked out, oldest first. */
export function consentStatuses(ledger: ConsentLedger): ConsentStatus[] {
  const byId = new Map<string, ConsentStatus>();
  for (const event of ledger.events) {
    if (event.type === 'granted') {
      byId.set(event.consent.id, { ...event.consent, withdrawnAt: null, supersededBy: null });
      const earlier = event.consent.supersedes ? byId.get(event.consent.supersedes) : undefined;
      if (earlier && earlier.supersededBy === null) earlier.supersededBy = event.consent.id;
    } else {
      const consent = byId.get(event.consentId);
      if (consent && consent.withdrawnAt === null) consent.withdrawnAt = event.at;
    }
  }
  return [...byId.values()];
}

/** Live: granted, not withdrawn, not replaced by a later grant, and not yet expired. */
export function isLiveConsent(consent: ConsentStatus, now: Date): boolean {
  return consent.withdrawnAt === null && consent.supersededBy === null && now.getTime() < Date.parse(consent.expiresAt);
}

export function liveConsents(ledger: ConsentLedger, now: Date): ConsentStatus[] {
  return consentStatuses(ledger).filter((consent) => isLiveConsent(consent, now));
}

/** The one live consent a person has given an agency, if any (a new grant supersedes the old). */
export function liveConsentFor(consents: readonly ConsentStatus[], personId: string, agencyId: string, now: Date): ConsentStatus | undefined {
  return consents.find((consent) => consent.personId === personId && consent.agencyId === agencyId && isLiveConsent(consent, now));
}

export interface ConsentRequest {
  id: string;
  agencyId: string;
  parts: readonly string[];
  heldBack: readonly HeldBackAnswer[];
  purpose: string;
  wording: ConsentWording;
  channel: string;
  supportedBy: SupportedBy;
  /** Who said yes. A supporter can be present and help, but only the person can confirm. */
  confirmedBy: 'person' | 'supporter';
}

/**
 * Records a new consent. Any live consent to the same agency is superseded by it (the person has made
 * a new choice for that agency); nothing already recorded is changed.
 */
export function grantConsent(
  ledger: ConsentLedger,
  request: ConsentRequest,
  now: Date,
  months = DEFAULT_CONSENT_MONTHS,
): { ledger: ConsentLedger; consent: ConsentRecord } {
  if (request.confirmedBy !== 'person') throw new ConsentRuleError('not-confirmed-by-person');
  if (!Number.isInteger(months) || months < 1) throw new ConsentRuleError('bad-duration');
  const parts = [...new Set(request.parts)];
  if (parts.length === 0) throw new ConsentRuleError('no-parts');
  if (request.heldBack.some((held) => !parts.includes(held.topicId))) throw new ConsentRuleError('held-back-outside-parts');
  const previous = liveConsentFor(consentStatuses(ledger), ledger.personId, request.agencyId, now);
  const consent: ConsentRecord = {
    id: request.id,
    personId: ledger.personId,
    agencyId: request.agencyId,
    parts,
    heldBack: dedupeHeldBack(request.heldBack),
    purpose: request.purpose,
    wording: { ...request.wording },
    channel: request.channel,
    supportedBy: request.supportedBy ? { ...request.supportedBy } : null,
    confirmedBy: 'person',
    grantedAt: now.toISOString(),
    expiresAt: addMonths(now, months).toISOString(),
    supersedes: previous?.id ?? null,
  };
  return { ledger: { ...ledger, events: [...ledger.events, { type: 'granted', at: consent.grantedAt, consent }] }, consent };
}

/** Withdraws every live consent the person has given this agency. Returns the consents withdrawn. */
export function withdrawConsent(
  ledger: ConsentLedger,
  agencyId: string,
  now: Date,
  channel: string,
  reason: WithdrawalReason = 'person-withdrew',
): { ledger: ConsentLedger; withdrawn: ConsentStatus[] } {
  const withdrawn = liveConsents(ledger, now).filter((consent) => consent.agencyId === agencyId);
  const events: ConsentEvent[] = withdrawn.map((consent) => ({
    type: 'withdrawn',
    at: now.toISOString(),
    consentId: consent.id,
    channel,
    reason,
  }));
  return { ledger: { ...ledger, events: [...ledger.events, ...events] }, withdrawn };
}

export function isHeldBack(heldBack: readonly HeldBackAnswer[], topicId: string, questionId: string): boolean {
  return heldBack.some((held) => held.topicId === topicId && held.questionId === questionId);
}

function dedupeHeldBack(heldBack: readonly HeldBackAnswer[]): HeldBackAnswer[] {
  const seen = new Set<string>();
  return heldBack.filter((held) => {
    const key = `${held.topicId}\u0000${held.questionId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map((held) => ({ topicId: held.topicId, questionId: held.questionId }));
}
