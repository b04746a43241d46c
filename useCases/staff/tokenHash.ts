import { createHash } from 'node:crypto';

/** A secret token (a session's, a setup link's) or an email, as staff records keep it: its SHA-256, in hex. */
export function tokenHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
