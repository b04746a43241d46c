import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The audit log's rules: every entry carries the hash of the entry before it, so removing, reordering or
 * editing any entry breaks the chain from that point on. Entries hold ids and event names only, never
 * anything a person wrote.
 */

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_EVENTS = [
  'consent.granted',
  'consent.superseded',
  'consent.withdrawn',
  'handoff.created',
  'handoff.updated',
  'handoff.withdrawn',
  'handoff.delivered',
  'story.erasure-requested',
  'agency.listed',
  'agency.read',
  'agency.status-changed',
  'agency-key.created',
  'agency-key.revoked',
  // Continuing on another device: codes issued and every attempt to use one (never the code itself).
  'resume-code.issued',
  'resume-code.redeemed',
  'resume-code.refused',
  // Key rotation: a run of `npm run rekey` (the current key's id and how many records it re-encrypted).
  'records.rekeyed',
  // Retention: what was erased because its time ran out (ids only).
  'story.expired',
  'handoff.expired',
  'resume-code.deleted',
  // Agency staff (issue 13): accounts made, changed and removed (with who did it), setup finished, every
  // sign-in and refusal, recovery codes used, sign-outs everywhere. Ids only: never an email or a code.
  'staff.created',
  'staff.role-changed',
  'staff.removed',
  'staff.setup-completed',
  'staff.signed-in',
  'staff.sign-in-refused',
  'staff.recovery-code-used',
  'staff.signed-out',
  'staff.signed-out-everywhere',
] as const;

export const AuditFactsSchema = z.object({
  event: z.enum(AUDIT_EVENTS),
  personId: z.string().optional(),
  agencyId: z.string().optional(),
  consentId: z.string().optional(),
  handoffId: z.string().optional(),
  keyId: z.string().optional(),
  /** The staff member the entry is about (staff.* events; reads of a handoff by a staff member). */
  staffId: z.string().optional(),
  /** The staff member who did it, when someone else's account changed (absent: the operator's command line). */
  actorStaffId: z.string().optional(),
  channel: z.string().optional(),
  status: z.string().optional(),
  version: z.number().int().optional(),
  /** How many records a piece of operator work touched, by what happened to them (names, never ids). */
  counts: z.record(z.string().regex(/^[a-zA-Z]+$/), z.number().int().min(0)).optional(),
});

export const AuditEntrySchema = AuditFactsSchema.extend({
  seq: z.number().int().min(1),
  at: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export type AuditEvent = (typeof AUDIT_EVENTS)[number];
export type AuditFacts = z.infer<typeof AuditFactsSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The hash of an entry: SHA-256 over its fields (sorted keys, without `hash`), which include prevHash. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

export function chainAuditEntry(facts: AuditFacts, previous: { seq: number; hash: string } | null, at: Date): AuditEntry {
  const unhashed = { ...facts, seq: (previous?.seq ?? 0) + 1, at: at.toISOString(), prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: hashAuditEntry(unhashed) };
}

export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAtLine: number; reason: 'unreadable' | 'bad-sequence' | 'bad-previous-hash' | 'bad-hash' };

/** Checks the chain line by line and reports the first broken link (1-based line number). */
export function verifyAuditChain(lines: readonly string[]): AuditVerification {
  let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    let entry: AuditEntry;
    try {
      entry = AuditEntrySchema.parse(JSON.parse(line));
    } catch {
      return { ok: false, entries: count, brokenAtLine: lineNumber, reason: 'unreadable' };
    }
    if (entry.seq !== previous.seq + 1) return { ok: false, entries: count, brokenAtLine: lineNumber, reason: 'bad-sequence' };
    if (entry.prevHash !== previous.hash) return { ok: false, entries: count, brokenAtLine: lineNumber, reason: 'bad-previous-hash' };
    const { hash, ...rest } = entry;
    if (hashAuditEntry(rest) !== hash) return { ok: false, entries: count, brokenAtLine: lineNumber, reason: 'bad-hash' };
    previous = { seq: entry.seq, hash };
    count++;
  }
  return { ok: true, entries: count, lastHash: previous.hash };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
