import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * The second factor: TOTP (RFC 6238: 6 digits, 30 seconds, SHA-1, which every authenticator app reads)
 * through otpauth, and recovery codes for when the phone is lost. A code is accepted one step either side
 * of now (clocks drift) and never twice: the step last used is kept, and a code from it or before is refused.
 */

const PERIOD_SECONDS = 30;
const ISSUER = 'One Story';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The secret in groups of four, as people type it into an app by hand. */
export function spacedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** What a typed code looks like once spaces and dashes are gone. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * The time step a typed code belongs to (now, or one either side), or undefined. `lastStep`: the step of the
 * code last accepted; that code, and any older, is refused (a code seen over a shoulder cannot be reused).
 */
export function acceptedTotpStep(secret: string, typed: string, now: Date, lastStep: number | undefined): number | undefined {
  const code = normaliseCode(typed);
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secret, '').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
  return lastStep !== undefined && step <= lastStep ? undefined : step;
}

/** Recovery codes: no 0/O, 1/I/L, so they can be read back from paper. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 12 characters (about 59 bits each), shown as `XXXX-XXXX-XXXX`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const characters = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return characters.match(/.{4}/g)!.join('-');
  });
}

/** Recovery codes are random, not chosen, so a plain hash keeps them: there is nothing to guess from it. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(`recovery:${normaliseCode(code)}`).digest('hex');
}

export function looksLikeRecoveryCode(typed: string): boolean {
  return new RegExp(`^[${RECOVERY_ALPHABET}]{12}$`).test(normaliseCode(typed));
}

/** Which stored hash (index) a typed recovery code matches, compared in constant time. */
export function matchingRecoveryCode(typed: string, hashes: readonly string[]): number {
  const presented = Buffer.from(hashRecoveryCode(typed), 'hex');
  let found = -1;
  hashes.forEach((hash, index) => {
    if (timingSafeEqual(presented, Buffer.from(hash, 'hex')) && found === -1) found = index;
  });
  return found;
}
