import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What a sign-in with an agency's provider must remember between leaving for the provider and coming back
 * (state, nonce, PKCE verifier), kept in the browser in one short-lived cookie, sealed: AES-256-GCM with a
 * key derived from that agency's client secret, which every instance has and nobody else does. So it works
 * across instances without a shared store, cannot be read (the verifier stays secret) and cannot be forged or
 * altered (any change fails the tag). The agency id leads the cookie, in clear, to choose the key; it is
 * also bound into the tag, so changing it fails too.
 */
export interface PendingSignIn {
  agencyId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch milliseconds after which the sign-in must start again. */
  expiresAt: number;
}

/** How long a person has at their provider before they must start again. */
export const PENDING_SIGN_IN_MS = 10 * 60_000;

export const STATE_COOKIE = 'one_story_sso';

const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFor(clientSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', clientSecret, 'one-story', 'single-sign-on state cookie', 32));
}

export function sealPendingSignIn(pending: PendingSignIn, clientSecret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(clientSecret), iv);
  cipher.setAAD(Buffer.from(pending.agencyId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()]);
  return `${pending.agencyId}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The agency a sealed cookie claims to be for (to find its secret), before it is opened. */
export function claimedAgency(cookie: string): string | undefined {
  const dot = cookie.indexOf('.');
  return dot > 0 ? cookie.slice(0, dot) : undefined;
}

/** The pending sign-in, or undefined when the cookie was altered, sealed for another agency, or has expired. */
export function openPendingSignIn(cookie: string, clientSecret: string, now: Date): PendingSignIn | undefined {
  const agencyId = claimedAgency(cookie);
  if (!agencyId) return undefined;
  const bytes = Buffer.from(cookie.slice(agencyId.length + 1), 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(clientSecret), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(agencyId, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    const pending = JSON.parse(plain.toString('utf8')) as PendingSignIn;
    if (pending.agencyId !== agencyId || now.getTime() > pending.expiresAt) return undefined;
    return pending;
  } catch {
    return undefined;
  }
}

/** One cookie's value from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
