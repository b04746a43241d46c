/**
 * Retention (UK GDPR storage limitation): a story nobody has added to for a set period is erased; what
 * counts as the last activity, when a period has run out, and how the period is said to the person.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The default period after which an inactive person's story is erased. */
export const DEFAULT_RETENTION_DAYS = 365;

/** When the person was last active: the time each turn commits, else (older records) their latest conversation's. */
export function lastActivityOf(person: { lastActiveAt?: string; conversations?: Record<string, { seenAt: string }> }): string | undefined {
  if (person.lastActiveAt) return person.lastActiveAt;
  const seen = Object.values(person.conversations ?? {}).map((conversation) => conversation.seenAt);
  return seen.length === 0 ? undefined : seen.reduce((latest, at) => (at > latest ? at : latest));
}

/** Whether someone last active at `lastActiveAt` has been inactive for `days` days or more at `now`. */
export function inactiveFor(lastActiveAt: string | undefined, days: number, now: Date): boolean {
  if (lastActiveAt === undefined) return true;
  return now.getTime() - Date.parse(lastActiveAt) >= days * DAY_MS;
}

/** Whether a consent's end (`expiresAt`) has come. */
export function hasExpired(expiresAt: string, now: Date): boolean {
  return now.getTime() >= Date.parse(expiresAt);
}

/**
 * The period as a person reads it, in their language: whole years or months when it is one ("1 year",
 * "2 lata", "6 months"), else days; the plural forms come from the language's own rules (Intl, CLDR).
 */
export function describeRetentionPeriod(days: number, locale: string): string {
  const [value, unit] = days % 365 === 0 ? [days / 365, 'year'] : days % 30 === 0 ? [days / 30, 'month'] : [days, 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
